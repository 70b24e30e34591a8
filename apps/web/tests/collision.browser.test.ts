// The team's collision notice on the real stack (seeded database, gateway, BUILT web app): two
// teammates and the buyer on one conversation, each in their own browser context. Tiago sees Ana
// open the conversation, type in it and leave, live; the buyer's page never says who is viewing.
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { seriousViolations } from './support/axe'
import { askAbout, openConversation, seededProduct, thread, waitUntilLive } from './support/browser'
import { browserSuite } from './support/suite'

const BUYER = 'maya.lindqvist@example.com'
const AGENT = 'tiago@olive-oak.example'
const OWNER = 'ana@olive-oak.example'

const suite = browserSuite()
let product: { id: string; name: string }

beforeAll(async () => {
  product = await seededProduct(suite.stack.gatewayUrl)
})

const open = (page: Page, conversationId: string) => openConversation(page, suite.stack.webUrl, conversationId)

/** The team's notice: the polite status line by the composer. */
const notice = (page: Page) => page.locator('.collision[role="status"]')

async function reply(page: Page, body: string) {
  const composer = page.getByLabel(/Message to/)
  await composer.fill(body)
  await composer.press('Enter')
}

describe('the collision notice', () => {
  it('shows a teammate viewing and typing live, clears when they leave, and never reaches the buyer', async () => {
    const maya = await suite.person(BUYER)
    const question = `Is the ${product.name} dishwasher-safe? (${Date.now()})`
    const conversationId = await askAbout(maya.page, suite.stack.webUrl, product.id, question)
    await waitUntilLive(maya.page)
    const tiago = await suite.person(AGENT)
    const ana = await suite.person(OWNER)
    await open(tiago.page, conversationId)
    await expect.poll(() => notice(tiago.page).innerText()).toBe('')

    // Ana opens the conversation: Tiago sees her there, and she sees him at once — his page
    // answers a newcomer rather than waiting for its next renewal (20 s).
    await open(ana.page, conversationId)
    await notice(tiago.page).getByText('Ana Carvalho is viewing').waitFor({ timeout: 15_000 })
    await notice(ana.page).getByText('Tiago Carvalho is viewing').waitFor({ timeout: 8_000 })

    // Ana starts typing (a key at a time, as people do): Tiago sees it in the notice, not as the
    // buyer's typing indicator.
    const composer = ana.page.getByLabel(/Message to/)
    await composer.pressSequentially('Yes, it is dishwa', { delay: 30 })
    await notice(tiago.page).getByText('Ana Carvalho is typing…').waitFor({ timeout: 15_000 })
    expect(await tiago.page.locator('p.typing').innerText()).toBe('')

    // Accessible with the notice shown, and a picture to look at.
    expect(await seriousViolations(tiago.page)).toEqual([])
    await tiago.page.evaluate(() => document.querySelector('#composer')?.scrollIntoView({ block: 'end' }))
    await tiago.page.screenshot({ path: '/tmp/collision.png' })

    // Her reply reaches the buyer, whose page says nothing of who is viewing.
    const answer = `Yes, it is dishwasher-safe. (${Date.now()})`
    await reply(ana.page, answer)
    await thread(maya.page).getByText(answer).waitFor({ timeout: 15_000 })
    expect(await maya.page.getByText(/viewing/i).count()).toBe(0)
    expect(await notice(maya.page).count()).toBe(0)

    // Ana leaves for her inbox: the notice clears on Tiago's page well before it would lapse (45 s).
    await notice(tiago.page).getByText('Ana Carvalho is viewing').waitFor({ timeout: 15_000 })
    await ana.page.goto(`${suite.stack.webUrl}/conversations`)
    await expect.poll(() => notice(tiago.page).innerText(), { timeout: 10_000 }).toBe('')

    // A later message the buyer sees: still no word of viewing on her page.
    const later = `We ship it in a padded box too. (${Date.now()})`
    await reply(tiago.page, later)
    await thread(maya.page).getByText(later).waitFor({ timeout: 15_000 })
    expect(await maya.page.getByText(/viewing/i).count()).toBe(0)
    expect(await maya.page.content()).not.toContain('Ana Carvalho is')

    for (const p of [maya, tiago, ana]) expect(p.problems).toEqual([])
  })
})
