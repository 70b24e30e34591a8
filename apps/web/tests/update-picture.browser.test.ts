// A supplier update with a picture, on the real stack: the team's agent adds a photo to an
// update (a PDF is refused beside the field, with what was written kept and nothing posted);
// the picture shows on the updates page, in a follower's feed and on their relationship page,
// and loads for a signed-out visitor too. The same again without JavaScript.
import { deflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { seriousViolations } from './support/axe'
import { gateway, overflowsHorizontally, screenshotBoth, tokenFor } from './support/browser'
import { browserSuite } from './support/suite'

const suite = browserSuite()
const AGENT = 'tiago@olive-oak.example'
const OWNER = 'ana@olive-oak.example'
const MAYA = 'maya.lindqvist@example.com' // follows Olive & Oak in the demo
const UPDATES = '/suppliers/olive-oak/updates'

// ── a real PNG, built here: 600×300, bands of the app's own colours
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Buffer): number {
  let c = 0xffffffff
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(typed))
  return Buffer.concat([length, typed, crc])
}

/** An RGB PNG of `width`×`height` with horizontal bands of the given colours. */
function bandsPng(width: number, height: number, colours: Array<[number, number, number]>): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8 bits, RGB, no interlace
  const raw = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    const [r, g, b] = colours[Math.floor((y * colours.length) / height)]!
    const row = y * (width * 3 + 1) // each row starts with filter byte 0
    for (let x = 0; x < width; x++) {
      // A soft diagonal, so it reads as a picture rather than a flag.
      const shade = Math.round(((x + y) / (width + height)) * 40)
      raw.set([Math.min(255, r + shade), Math.min(255, g + shade), Math.min(255, b + shade)], row + 1 + x * 3)
    }
  }
  const signature = Buffer.from('89504e470d0a1a0a', 'hex')
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const PNG = bandsPng(600, 300, [
  [31, 95, 87],
  [227, 239, 236],
  [183, 121, 31],
  [194, 65, 12],
])
/** A "PNG" over the gateway's 10 MB. */
const HUGE = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(11 * 1024 * 1024, 7)])
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')

/** The card of the update titled `title` on an updates page or feed. */
const card = (page: Page, title: string) => page.locator('article.update', { hasText: title })

/** Waits until the picture has loaded and returns its natural width (0 if it failed). */
async function loaded(picture: Locator): Promise<number> {
  await picture.scrollIntoViewIfNeeded()
  const handle = await picture.elementHandle()
  await picture.page().waitForFunction((el) => (el as HTMLImageElement).complete, handle)
  return picture.evaluate((el) => (el as HTMLImageElement).naturalWidth)
}

async function compose(page: Page, title: string, body: string) {
  await page.goto(`${suite.stack.webUrl}${UPDATES}`)
  await page.getByRole('heading', { level: 1, name: 'Updates from Olive & Oak' }).waitFor()
  // Typed before the page hydrates, the title would be wiped by hydration.
  await page.waitForLoadState('networkidle')
  await page.getByLabel('Title').fill(title)
  await page.getByLabel('What’s new').fill(body)
}

describe('a supplier update with a picture', () => {
  it('is posted with its picture, which shows to followers and loads signed out; a PDF is refused first', async () => {
    const tiago = await suite.person(AGENT)
    const title = `The new olive-wood boards are in (${Date.now()})`
    const body = 'Cut from one fallen tree in Jaén: each board’s grain is its own.'
    await compose(tiago.page, title, body)
    const field = tiago.page.getByLabel('Picture (optional)')
    expect(await field.getAttribute('accept')).toBe('image/jpeg,image/png,image/webp,image/gif')
    await tiago.page.getByText(/^JPEG, PNG, WebP or GIF, up to \d+ (KB|MB)\./).waitFor()

    // A PDF is refused as soon as it is chosen, and posting it posts nothing.
    await field.setInputFiles({ name: 'price-list.pdf', mimeType: 'application/pdf', buffer: PDF })
    const problem = tiago.page.getByText('price-list.pdf isn’t a picture. Choose a JPEG, PNG, WebP or GIF file.')
    await problem.waitFor()
    expect(await field.getAttribute('aria-invalid')).toBe('true')
    expect(await seriousViolations(tiago.page)).toEqual([])
    await tiago.page.getByRole('button', { name: 'Post update' }).click()
    await tiago.page.waitForTimeout(300)
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true)
    expect(await tiago.page.getByLabel('Title').inputValue()).toBe(title)
    expect(await tiago.page.getByLabel('What’s new').inputValue()).toBe(body)
    expect(await card(tiago.page, title).count()).toBe(0)

    // An empty file is refused as soon as it is chosen too.
    await field.setInputFiles({ name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) })
    await tiago.page.getByText('empty.png is empty. Choose a photo to add.').waitFor()

    // A PDF with a picture's name passes the browser's check; the gateway reads its bytes, and
    // the action refuses it beside the field.
    await field.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PDF })
    await problem.waitFor({ state: 'detached' })
    await tiago.page.getByRole('button', { name: 'Post update' }).click()
    await tiago.page.getByText('photo.png isn’t a picture we can show. Choose a JPEG, PNG, WebP or GIF file.').waitFor()
    expect(await tiago.page.getByLabel('Title').inputValue()).toBe(title)
    expect(await tiago.page.getByLabel('What’s new').inputValue()).toBe(body)
    expect(await card(tiago.page, title).count()).toBe(0)
    expect(await seriousViolations(tiago.page)).toEqual([])

    // A photo: previewed, then posted with the update.
    await field.setInputFiles({ name: 'boards.png', mimeType: 'image/png', buffer: PNG })
    await problem.waitFor({ state: 'detached' })
    await tiago.page.locator('.compose .chosen img').waitFor()
    await screenshotBoth(tiago.page, 'supplier-update-picture-compose')
    await tiago.page.getByRole('button', { name: 'Post update' }).click()
    await tiago.page.getByText('Posted. Your followers are being notified.').waitFor()
    const picture = card(tiago.page, title).locator('img')
    await picture.waitFor()
    expect(await loaded(picture)).toBe(600)
    expect(await picture.getAttribute('src')).toMatch(/^\/attachments\/[0-9a-f-]{36}$/)
    expect(await picture.getAttribute('alt')).toBe('')
    expect([await picture.getAttribute('width'), await picture.getAttribute('height')]).toEqual(['600', '300'])
    expect(await picture.getAttribute('loading')).toBe('lazy')
    // The form is empty again, preview and all.
    expect(await tiago.page.getByLabel('Title').inputValue()).toBe('')
    expect(await tiago.page.locator('.compose .chosen').count()).toBe(0)
    const src = (await picture.getAttribute('src'))!
    await card(tiago.page, title).scrollIntoViewIfNeeded()
    expect(await seriousViolations(tiago.page)).toEqual([])
    expect(await overflowsHorizontally(tiago.page)).toBe(false)

    // Signed out, the picture is public with its update.
    const visitor = await suite.visitor()
    await visitor.page.goto(`${suite.stack.webUrl}${UPDATES}`)
    const publicPicture = card(visitor.page, title).locator('img')
    expect(await loaded(publicPicture)).toBe(600)
    await card(visitor.page, title).scrollIntoViewIfNeeded()
    await screenshotBoth(visitor.page, 'supplier-update-picture', { fullPage: false })
    expect(await seriousViolations(visitor.page)).toEqual([])
    expect(await overflowsHorizontally(visitor.page)).toBe(false)
    const direct = await visitor.page.request.get(`${suite.stack.webUrl}${src}`)
    expect(direct.status()).toBe(200)
    expect(direct.headers()['content-type']).toBe('image/png')
    expect(direct.headers()['x-content-type-options']).toBe('nosniff')

    // A follower sees it in her feed and on her page with Olive & Oak.
    const maya = await suite.person(MAYA)
    await maya.page.goto(`${suite.stack.webUrl}/following`)
    expect(await loaded(card(maya.page, title).locator('img'))).toBe(600)
    await card(maya.page, title).scrollIntoViewIfNeeded()
    await screenshotBoth(maya.page, 'following-picture', { fullPage: false })
    expect(await seriousViolations(maya.page)).toEqual([])

    const url = suite.stack.gatewayUrl
    const ids = await gateway<{ viewer: { buyer: { id: string } }; supplier: { id: string } }>(
      url,
      '{ viewer { buyer { id } } supplier(slug: "olive-oak") { id } }',
      {},
      await tokenFor(url, MAYA),
    )
    await maya.page.goto(`${suite.stack.webUrl}/relationships/${ids.viewer.buyer.id}/${ids.supplier.id}`)
    const entry = maya.page.locator('.entry', { hasText: title })
    expect(await loaded(entry.locator('img'))).toBe(600)
    await entry.scrollIntoViewIfNeeded()
    await screenshotBoth(maya.page, 'relationship-update-picture', { fullPage: false })
    expect(await seriousViolations(maya.page)).toEqual([])
    expect(await overflowsHorizontally(maya.page)).toBe(false)

    expect(tiago.problems).toEqual([])
    expect(visitor.problems).toEqual([])
    expect(maya.problems).toEqual([])
  })

  it('works without JavaScript: a PDF (even one named .png) is refused beside the field, a photo is posted', async () => {
    const ana = await suite.person(OWNER, { javaScriptEnabled: false })
    const title = `Closed for the harvest on Friday (${Date.now()})`
    const body = 'The whole team is in the grove. Orders placed Friday ship on Monday.'
    const field = ana.page.getByLabel('Picture (optional)')
    const post = () =>
      Promise.all([ana.page.waitForLoadState(), ana.page.getByRole('button', { name: 'Post update' }).click()])

    // The PDF: the form comes back with the problem under the field and what was written kept.
    await compose(ana.page, title, body)
    await field.setInputFiles({ name: 'price-list.pdf', mimeType: 'application/pdf', buffer: PDF })
    await post()
    const problem = ana.page.locator('#update-image-error')
    await problem.waitFor()
    expect(await problem.innerText()).toContain('price-list.pdf isn’t a picture. Choose a JPEG, PNG, WebP or GIF file.')
    expect(await ana.page.getByLabel('Title').inputValue()).toBe(title)
    expect(await ana.page.getByLabel('What’s new').inputValue()).toBe(body)
    expect(await field.getAttribute('aria-invalid')).toBe('true')
    expect(await field.getAttribute('aria-describedby')).toContain('update-image-error')
    expect(await card(ana.page, title).count()).toBe(0)
    await ana.page.locator('.compose').scrollIntoViewIfNeeded()
    await screenshotBoth(ana.page, 'supplier-update-picture-refused')

    // A PDF with a picture's name: the gateway reads its bytes, and it is refused all the same.
    await field.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PDF })
    await post()
    await ana.page.getByText('photo.png isn’t a picture we can show. Choose a JPEG, PNG, WebP or GIF file.').waitFor()
    expect(await ana.page.getByLabel('Title').inputValue()).toBe(title)
    expect(await card(ana.page, title).count()).toBe(0)

    // Too big to carry (bigger than the gateway takes, and than this server reads by default):
    // refused beside the field; the post could not be read, so the page says to write it again.
    await field.setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: HUGE })
    await post()
    expect(await problem.innerText()).toMatch(/too large to upload|huge\.png is larger than/)
    expect(await card(ana.page, title).count()).toBe(0)
    await ana.page.getByLabel('Title').fill(title)
    await ana.page.getByLabel('What’s new').fill(body)

    // A photo goes out with the update.
    await field.setInputFiles({ name: 'grove.png', mimeType: 'image/png', buffer: PNG })
    await post()
    await ana.page.getByText('Posted. Your followers are being notified.').waitFor()
    expect(await loaded(card(ana.page, title).locator('img'))).toBe(600)
    expect(await ana.page.locator('#update-image-error').count()).toBe(0)

    // And one update without a picture, as before.
    const plain = `Back on Monday (${Date.now()})`
    await compose(ana.page, plain, 'Orders placed over the weekend ship first thing.')
    await post()
    await ana.page.getByText('Posted. Your followers are being notified.').waitFor()
    expect(await card(ana.page, plain).count()).toBe(1)
    expect(await card(ana.page, plain).locator('img').count()).toBe(0)
    expect(ana.problems).toEqual([])
  })
})
