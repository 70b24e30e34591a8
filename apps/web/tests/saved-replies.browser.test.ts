// Saved replies on the real stack: an agent writes one on the team's Saved replies page (a
// placeholder inserted with a click, the preview filled with example details), a missing title is
// refused, and the reply inserted from a conversation's tools arrives in the
// composer with the buyer's name filled in. Then it is edited and deleted.
import { beforeAll, describe, expect, it } from 'vitest'
import { seriousViolations } from './support/axe'
import { askAbout, seededProduct, waitUntilLive } from './support/browser'
import { browserSuite } from './support/suite'

const BUYER = 'maya.lindqvist@example.com'
const AGENT = 'tiago@olive-oak.example'

const suite = browserSuite()
let product: { id: string; name: string }

beforeAll(async () => {
  product = await seededProduct(suite.stack.gatewayUrl)
})

describe('saved replies', () => {
  it('are written with placeholder help and a preview, and inserted in a reply with the buyer’s details', async () => {
    const tiago = await suite.person(AGENT)
    const page = tiago.page
    await page.goto(`${suite.stack.webUrl}/suppliers/olive-oak/replies`)
    await page.getByRole('heading', { name: 'Saved replies', level: 1 }).waitFor()
    const title = `Porto shipping ${Date.now()}`
    const form = page.locator('section', { has: page.getByRole('heading', { name: 'New saved reply' }) })

    // Refused without a title (the browser asks for it first), and nothing is saved.
    await form.getByLabel('Text').fill('Hi there')
    await form.getByRole('button', { name: 'Save reply' }).click()
    expect(await form.getByLabel('Title').evaluate((el) => (el as HTMLInputElement).validity.valueMissing)).toBe(true)
    expect(await page.getByRole('status').filter({ hasText: 'Saved' }).count()).toBe(0)

    await form.getByLabel('Title').fill(title)
    const text = form.getByLabel('Text')
    await text.fill('Hi ')
    await form.getByRole('button', { name: /\{\{buyer\.firstName\}\}/ }).click()
    await text.press('End')
    await text.pressSequentially(', we ship to Porto in two days.')
    expect(await text.inputValue()).toBe('Hi {{buyer.firstName}}, we ship to Porto in two days.')
    await expect.poll(() => form.locator('.preview-text').textContent()).toBe('Hi Maya, we ship to Porto in two days.')
    expect(await seriousViolations(page)).toEqual([])
    await page.screenshot({ path: '/tmp/saved-replies.png', fullPage: true })
    await form.getByRole('button', { name: 'Save reply' }).click()
    await page.getByRole('status').filter({ hasText: `Saved “${title}”` }).waitFor()
    await page.getByRole('heading', { name: title, level: 3 }).waitFor()

    // In a conversation with Maya, the team's tools insert it with her name filled in.
    const maya = await suite.person(BUYER)
    const conversationId = await askAbout(maya.page, suite.stack.webUrl, product.id, `Do you ship to Porto? (${Date.now()})`)
    await page.goto(`${suite.stack.webUrl}/conversations/${encodeURIComponent(conversationId)}`)
    await waitUntilLive(page)
    await page.getByRole('button', { name: `Insert “${title}”` }).click()
    const composer = page.getByLabel(/^Message to /)
    await expect.poll(() => composer.inputValue()).toContain('we ship to Porto in two days.')
    expect(await composer.inputValue()).toMatch(/^Hi Maya, we ship to Porto in two days\.$/m)

    // Edited, then deleted.
    await page.goto(`${suite.stack.webUrl}/suppliers/olive-oak/replies`)
    const item = page.locator('li.panel', { has: page.getByRole('heading', { name: title, level: 3 }) })
    await item.getByText('Edit').click()
    await item.getByLabel('Text').fill('Hi {{buyer.firstName}}, Porto in one day now.')
    await item.getByRole('button', { name: 'Save changes' }).click()
    await page.locator('li.panel', { hasText: 'Porto in one day now.' }).waitFor()
    await page.locator('li.panel', { has: page.getByRole('heading', { name: title, level: 3 }) }).getByRole('button', { name: `Delete “${title}”` }).click()
    await page.getByRole('status').filter({ hasText: `Deleted “${title}”` }).waitFor()
    expect(await page.getByRole('heading', { name: title, level: 3 }).count()).toBe(0)
  })
})
