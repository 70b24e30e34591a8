// Opening a long conversation from the inbox, as a buyer on a desktop and on a phone: the page
// starts where the reading should start (the first unread message under a "New messages" marker,
// or the latest message), and the read position moves only as far as the buyer has actually seen.
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { DESKTOP, gateway, PHONE, thread, tokenFor, waitUntilLive } from './support/browser'
import { browserSuite } from './support/suite'

const BUYER = 'maya.lindqvist@example.com'
const AGENT = 'tiago@olive-oak.example'
const OWNER = 'ana@olive-oak.example'

const suite = browserSuite()
let supplierId: string
const tokens: Record<string, string> = {}

beforeAll(async () => {
  const data = await gateway<{ supplier: { id: string } }>(
    suite.stack.gatewayUrl,
    '{ supplier(slug: "olive-oak") { id } }',
  )
  supplierId = data.supplier.id
  for (const email of [BUYER, AGENT, OWNER]) tokens[email] = await tokenFor(suite.stack.gatewayUrl, email)
})

const LONG =
  'Thank you for asking. Our oil comes from the same grove every year, pressed within hours of the harvest, ' +
  'bottled in dark glass and shipped in a padded box so it reaches you as it left us.'

let unique = 0
const clientId = () => `reading-${Date.now()}-${++unique}`

/** Sends as `email`, waiting out the per-user burst budget (10 sends in 10 s) when it's spent. */
async function send(email: string, conversationId: string, body: string): Promise<number> {
  for (;;) {
    const data = await gateway<{
      sendMessage: { __typename: string; sentMessage?: { sequence: number } }
    }>(
      suite.stack.gatewayUrl,
      'mutation($input: SendMessageInput!) { sendMessage(input: $input) { __typename ... on SendMessagePayload { sentMessage { sequence } } } }',
      { input: { conversationId, body, clientMessageId: clientId() } },
      tokens[email],
    )
    if (data.sendMessage.sentMessage) return data.sendMessage.sentMessage.sequence
    if (data.sendMessage.__typename !== 'RateLimitedError') throw new Error(`send: ${data.sendMessage.__typename}`)
    await new Promise((r) => setTimeout(r, 1_500))
  }
}

/** A conversation of `read` messages the buyer has read, then `unread` replies they haven't. */
async function longConversation(subject: string, read: number, unread: number): Promise<{ id: string; last: number }> {
  const started = await gateway<{ startConversation: { conversation: { id: string } } }>(
    suite.stack.gatewayUrl,
    'mutation($input: StartConversationInput!) { startConversation(input: $input) { ... on StartConversationPayload { conversation { id } } } }',
    { input: { supplierId, subject, body: 'How should I store the oil?', clientMessageId: clientId() } },
    tokens[BUYER],
  )
  const id = started.startConversation.conversation.id
  let last = 1
  for (let i = 1; i < read; i++) last = await send(AGENT, id, `${i}. ${LONG}`)
  await gateway(
    suite.stack.gatewayUrl,
    'mutation($input: MarkReadInput!) { markRead(input: $input) { __typename } }',
    { input: { conversationId: id, sequence: last } },
    tokens[BUYER],
  )
  for (let i = 1; i <= unread; i++) last = await send(OWNER, id, `New ${i}. ${LONG}`)
  return { id, last }
}

async function buyerReadSequence(conversationId: string): Promise<number> {
  const data = await gateway<{ conversation: { readPositions: Array<{ side: string; lastReadSequence: number }> } }>(
    suite.stack.gatewayUrl,
    'query($id: ID!) { conversation(id: $id) { readPositions { side lastReadSequence } } }',
    { id: conversationId },
    tokens[BUYER],
  )
  return Math.max(
    0,
    ...data.conversation.readPositions.filter((p) => p.side === 'BUYER').map((p) => p.lastReadSequence),
  )
}

/** Sequences of the messages at least partly on screen, above the composer that sticks to the bottom. */
function visibleSequences(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const bottom = document.querySelector('#composer')?.getBoundingClientRect().top ?? window.innerHeight
    return [...document.querySelectorAll<HTMLElement>('[data-sequence]')]
      .filter((el) => {
        const box = el.getBoundingClientRect()
        return box.bottom > 0 && box.top < Math.min(bottom, window.innerHeight)
      })
      .map((el) => Number(el.dataset.sequence))
  })
}

async function openFromInbox(page: Page, subject: string) {
  await page.goto(`${suite.stack.webUrl}/inbox`)
  await Promise.all([
    page.waitForURL(/\/conversations\//),
    page
      .getByRole('link', { name: new RegExp(subject) })
      .first()
      .click(),
  ])
  await waitUntilLive(page)
  // Let the opening scroll and the read marking settle.
  await page.waitForTimeout(1_000)
}

for (const [name, viewport] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const) {
  describe(`reading a long conversation on a ${name}`, () => {
    it('opens at the latest message, under a "New messages" marker, and marks read what is on screen', async () => {
      const subject = `Latest first on ${name} ${Date.now()}`
      const { id, last } = await longConversation(subject, 12, 1)
      const buyer = await suite.person(BUYER, { viewport })
      await openFromInbox(buyer.page, subject)

      expect(await visibleSequences(buyer.page)).toContain(last)
      await expect.poll(() => buyerReadSequence(id), { timeout: 10_000 }).toBe(last)
      // The marker sits just above the one new message.
      const marker = thread(buyer.page).getByText('New messages')
      expect(await marker.isVisible()).toBe(true)
      expect(buyer.problems).toEqual([])
    })

    it('opens at the first unread message when there is more to read than fits, and reads no further than seen', async () => {
      const subject = `First unread on ${name} ${Date.now()}`
      const { id, last } = await longConversation(subject, 2, 14)
      const buyer = await suite.person(BUYER, { viewport })
      await openFromInbox(buyer.page, subject)

      const shown = await visibleSequences(buyer.page)
      expect(shown).toContain(3)
      expect(shown).not.toContain(last)
      await expect.poll(() => buyerReadSequence(id), { timeout: 10_000 }).toBeGreaterThanOrEqual(3)
      const read = await buyerReadSequence(id)
      expect(read).toBeLessThanOrEqual(Math.max(...shown))
      expect(await thread(buyer.page).getByText('New messages').isVisible()).toBe(true)

      // Reading on to the end reads everything.
      await buyer.page.locator(`[data-sequence="${last}"]`).scrollIntoViewIfNeeded()
      await buyer.page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight))
      await expect.poll(() => buyerReadSequence(id), { timeout: 10_000 }).toBe(last)
      expect(buyer.problems).toEqual([])
    })
  })
}
