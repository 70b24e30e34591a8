// A supplier team's labels are its own notes ("difficult-customer"): the team sees them in its
// inbox, the buyer never does — not on their inbox page, not on the conversation page (live or
// reloaded), and not in what the gateway answers to the web app's own buyer queries.
import { beforeAll, describe, expect, it } from 'vitest'
import { BUYER_INBOX, CONVERSATION_PAGE } from '../src/lib/graphql/messaging'
import { askAbout, gateway, tokenFor, waitUntilLive } from './support/browser'
import { browserSuite } from './support/suite'

const BUYER = 'maya.lindqvist@example.com'
const AGENT = 'tiago@olive-oak.example'
const LABEL = 'difficult-customer'

const suite = browserSuite()
let productId: string

beforeAll(async () => {
  const data = await gateway<{ supplier: { products: { edges: Array<{ node: { id: string } }> } } }>(
    suite.stack.gatewayUrl,
    '{ supplier(slug: "olive-oak") { products(first: 1) { edges { node { id } } } } }',
  )
  productId = data.supplier.products.edges[0]?.node.id ?? ''
})

describe('team labels', () => {
  it('are shown to the team and never to the buyer, on the page or in the API', async () => {
    const buyer = await suite.person(BUYER)
    const conversationId = await askAbout(buyer.page, suite.stack.webUrl, productId, 'Can you gift-wrap the bowl?')
    // The buyer stays on the live conversation page while the team labels it.
    await waitUntilLive(buyer.page)

    const agent = await suite.person(AGENT)
    await agent.page.goto(`${suite.stack.webUrl}/conversations/${encodeURIComponent(conversationId)}`)
    // Typed before the page hydrates, the label would be wiped by hydration and an empty list saved.
    await waitUntilLive(agent.page)
    await agent.page.getByLabel('Labels', { exact: true }).fill(LABEL)
    await agent.page
      .getByLabel('Labels', { exact: true })
      .locator('xpath=..')
      .getByRole('button', { name: 'Save' })
      .click()
    await agent.page.getByRole('list', { name: 'Current labels' }).getByText(LABEL).waitFor()
    await agent.page.goto(`${suite.stack.webUrl}/suppliers/olive-oak/inbox`)
    await agent.page.getByText(`#${LABEL}`).first().waitFor()

    // A status change the buyer does see, after the label: once it has arrived, so would a label have.
    const agentToken = await tokenFor(suite.stack.gatewayUrl, AGENT)
    await gateway(
      suite.stack.gatewayUrl,
      'mutation($input: SetConversationStatusInput!) { setConversationStatus(input: $input) { __typename } }',
      { input: { conversationId, status: 'RESOLVED' } },
      agentToken,
    )
    await buyer.page
      .getByText(/resolved/i)
      .first()
      .waitFor()
    expect(await buyer.page.content()).not.toContain(LABEL)

    await buyer.page.reload()
    await waitUntilLive(buyer.page)
    expect(await buyer.page.content()).not.toContain(LABEL)

    await buyer.page.goto(`${suite.stack.webUrl}/inbox`)
    await buyer.page
      .getByRole('link', { name: /gift-wrap|About/ })
      .first()
      .waitFor()
    expect(await buyer.page.content()).not.toContain(LABEL)
    expect(await buyer.page.locator('.chip.label').count()).toBe(0)

    // What the gateway answers to the web app's own buyer queries: the inbox does not ask for
    // labels at all, and the conversation page gets none.
    expect(BUYER_INBOX).not.toMatch(/\blabels\b/)
    const buyerToken = await tokenFor(suite.stack.gatewayUrl, BUYER)
    const inbox = await gateway<unknown>(suite.stack.gatewayUrl, BUYER_INBOX, { first: 20 }, buyerToken)
    expect(JSON.stringify(inbox)).not.toContain(LABEL)
    const page = await gateway<{ conversation: { labels: string[]; assignee: unknown } }>(
      suite.stack.gatewayUrl,
      CONVERSATION_PAGE,
      { id: conversationId, last: 50 },
      buyerToken,
    )
    expect(page.conversation.labels).toEqual([])
    expect(JSON.stringify(page)).not.toContain(LABEL)
    expect(buyer.problems).toEqual([])
  })
})
