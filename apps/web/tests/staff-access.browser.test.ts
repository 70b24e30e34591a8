// Staff opening a private conversation for a support or legal request, on the real stack: the
// moderator finds /moderation/conversations from the queue, is refused without a reference (and
// shown nothing), opens one of Maya's conversations with Olive & Oak for a legal request, reads
// its messages, and both parties then see who opened it and why on their conversation page.
// A buyer gets no such page.
import { describe, expect, it } from 'vitest'
import { seriousViolations } from './support/axe'
import { gateway, overflowsHorizontally, screenshotBoth, tokenFor } from './support/browser'
import { browserSuite } from './support/suite'

const BUYER = 'maya.lindqvist@example.com'
const MODERATOR = 'priscila@rapport.example'
const AGENT = 'tiago@olive-oak.example'
const PAGE = '/moderation/conversations'
const REFERENCE = 'case 2026-41'

const suite = browserSuite()

type Mine = { viewer: { conversations: { edges: Array<{ node: { id: string; supplier: { slug: string } } }> } } }

describe('staff access for a request', () => {
  it('a moderator opens a conversation for a legal request; both parties see the notice', async () => {
    const token = await tokenFor(suite.stack.gatewayUrl, BUYER)
    const mine = await gateway<Mine>(
      suite.stack.gatewayUrl,
      '{ viewer { conversations(first: 20) { edges { node { id supplier { slug } } } } } }',
      {},
      token,
    )
    const conversationId = mine.viewer.conversations.edges.find((e) => e.node.supplier.slug === 'olive-oak')!.node.id
    const address = `${suite.stack.webUrl}/conversations/${encodeURIComponent(conversationId)}`

    // Maya sends a message and takes it back: staff still see it, marked as deleted.
    const taken = 'Actually, ignore my last question — sorted.'
    const sent = await gateway<{ sendMessage: { sentMessage: { id: string } } }>(
      suite.stack.gatewayUrl,
      'mutation($input: SendMessageInput!) { sendMessage(input: $input) { ... on SendMessagePayload { sentMessage { id } } } }',
      { input: { conversationId, body: taken, clientMessageId: 'staff-access-taken-back' } },
      token,
    )
    await gateway(
      suite.stack.gatewayUrl,
      'mutation($input: DeleteMessageInput!) { deleteMessage(input: $input) { __typename } }',
      { input: { messageId: sent.sendMessage.sentMessage.id } },
      token,
    )

    // From the queue, by its link.
    const moderator = await suite.person(MODERATOR)
    const page = moderator.page
    await page.goto(`${suite.stack.webUrl}/moderation`)
    await page.getByRole('link', { name: 'Open a conversation for a request' }).click()
    await page.getByRole('heading', { level: 1, name: 'Open a conversation for a request' }).waitFor()
    expect(new URL(page.url()).pathname).toBe(PAGE)
    await page.getByText('Opening is recorded before anything is shown.').waitFor()
    await page.getByText('Shown to both parties in the conversation').waitFor()
    expect(await page.getByLabel('Reference').getAttribute('maxlength')).toMatch(/^\d+$/)
    expect(await seriousViolations(page)).toEqual([])
    await screenshotBoth(page, 'staff-access-form')
    expect(await overflowsHorizontally(page)).toBe(false)

    // No reference: refused, beside the field, and nothing shown.
    await page.getByLabel('Conversation').fill(address)
    await page.getByLabel('Legal request').check()
    await page.getByRole('button', { name: 'Open and record' }).click()
    const referenceError = page.locator('#reference-error')
    await referenceError.waitFor()
    expect(await referenceError.textContent()).toMatch(/reference/i)
    expect(await page.getByLabel('Reference').getAttribute('aria-invalid')).toBe('true')
    await page.getByRole('alert').filter({ hasText: 'Nothing was opened' }).waitFor()
    expect(await page.getByRole('list', { name: 'Messages of the opened conversation' }).count()).toBe(0)
    expect(await page.getByText('Recorded in the conversation’s access log').count()).toBe(0)
    // What was typed is kept.
    expect(await page.getByLabel('Conversation').inputValue()).toBe(address)
    expect(await page.getByLabel('Legal request').isChecked()).toBe(true)
    expect(await seriousViolations(page)).toEqual([])
    await screenshotBoth(page, 'staff-access-refused')

    // Properly: recorded, then shown.
    await page.getByLabel('Reference').fill(REFERENCE)
    await page.getByRole('button', { name: 'Open and record' }).click()
    await page.getByText(`Recorded in the conversation’s access log: a legal request (${REFERENCE})`).waitFor()
    const messages = page.getByRole('list', { name: 'Messages of the opened conversation' })
    await messages.waitFor()
    expect(await messages.getByRole('listitem').count()).toBeGreaterThan(0)
    // Oldest first: the deleted one is the newest, last, and marked.
    const last = messages.getByRole('listitem').last()
    expect(await last.textContent()).toContain(taken)
    expect(await last.textContent()).toContain('deleted by its author')
    expect(await last.textContent()).toContain('Maya Lindqvist (buyer)')
    expect(await page.locator('#reference-error').count()).toBe(0)
    expect(await seriousViolations(page)).toEqual([])
    await screenshotBoth(page, 'staff-access-opened')
    expect(await overflowsHorizontally(page)).toBe(false)
    expect(moderator.problems).toEqual([])

    // Both parties see who opened it and why, on their own conversation page.
    for (const email of [BUYER, AGENT]) {
      const party = await suite.person(email)
      await party.page.goto(address)
      const notice = party.page.getByRole('complementary', { name: 'Who at Rapport opened this conversation' })
      await notice
        .getByText(
          /Priscila .* \(Rapport moderator\) viewed this conversation on .* — reason: a legal request \(case 2026-41\)/,
        )
        .waitFor()
      expect(party.problems).toEqual([])
    }
  })

  it('accepts a bare id and works without JavaScript', async () => {
    const token = await tokenFor(suite.stack.gatewayUrl, BUYER)
    const mine = await gateway<Mine>(
      suite.stack.gatewayUrl,
      '{ viewer { conversations(first: 20) { edges { node { id supplier { slug } } } } } }',
      {},
      token,
    )
    const conversationId = mine.viewer.conversations.edges[0]!.node.id
    const { page } = await suite.person(MODERATOR, { javaScriptEnabled: false })
    await page.goto(`${suite.stack.webUrl}${PAGE}`)
    // Not a conversation: said beside the field, nothing sent.
    await page.getByLabel('Conversation').fill('https://rapport.example/suppliers/olive-oak')
    await page.getByLabel('Support request').check()
    await page.getByLabel('Reference').fill('ticket 5521')
    await page.getByRole('button', { name: 'Open and record' }).click()
    await page.locator('#conversationId-error').getByText('That isn’t a conversation’s address or id').waitFor()
    expect(await page.getByLabel('Reference').inputValue()).toBe('ticket 5521')

    await page.getByLabel('Conversation').fill(conversationId)
    await page.getByRole('button', { name: 'Open and record' }).click()
    await page.getByText('Recorded in the conversation’s access log: a support request (ticket 5521)').waitFor()
    expect(
      await page.getByRole('list', { name: 'Messages of the opened conversation' }).getByRole('listitem').count(),
    ).toBeGreaterThan(0)
  })

  it('is only for staff', async () => {
    const buyer = await suite.person(BUYER)
    expect((await buyer.page.goto(`${suite.stack.webUrl}${PAGE}`))?.status()).toBe(404)
    expect(await buyer.page.getByRole('button', { name: 'Open and record' }).count()).toBe(0)
    expect(await buyer.page.getByLabel('Reference').count()).toBe(0)
    const stranger = await suite.visitor()
    await stranger.page.goto(`${suite.stack.webUrl}${PAGE}`)
    expect(stranger.page.url()).toMatch(/\/sign-in\?next=%2Fmoderation%2Fconversations/)
  })
})
