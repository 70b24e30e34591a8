// A supplier team's labels are its own notes ("difficult-customer"): the team sees them in its
// inbox, the buyer never does — not on their inbox page, not on the conversation page (live or
// reloaded), and not in what the gateway answers to the web app's own buyer queries.
import { beforeAll, describe, expect, it } from 'vitest'
import { BUYER_INBOX, CONVERSATION_PAGE } from '../src/lib/graphql/messaging'
import { seriousViolations } from './support/axe'
import { askAbout, gateway, screenshotBoth, tokenFor, waitUntilLive } from './support/browser'
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
    await agent.page.getByRole('form', { name: 'Handling' }).getByRole('button', { name: 'Save' }).click()
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
  it('are added in bulk to ticked inbox rows, with the assignee and status, all at once', async () => {
    const buyer = await suite.person(BUYER)
    const marker = `bulk-${Date.now()}`
    for (const n of [1, 2]) await askAbout(buyer.page, suite.stack.webUrl, productId, `Question ${n} (${marker})`)

    const agent = await suite.person(AGENT)
    await agent.page.goto(`${suite.stack.webUrl}/suppliers/olive-oak/inbox`)
    await waitUntilLive(agent.page, '.live')
    const bar = agent.page.getByRole('form', { name: 'Bulk actions' })
    const rows = agent.page.locator('.row-list-item', { hasText: marker })
    expect(await rows.count()).toBe(2)
    // Nothing ticked: nothing to apply (the controls appear with the first tick).
    expect(await bar.getByRole('button', { name: 'Apply to selected' }).count()).toBe(0)

    for (const row of await rows.all()) await row.getByRole('checkbox').check()
    await bar.getByText('2 selected').waitFor()
    // Nothing chosen to change: a clear answer, nothing changed.
    await bar.getByRole('button', { name: 'Apply to selected' }).click()
    await bar.getByRole('status').getByText('Choose what to change').waitFor()

    for (const row of await rows.all()) await row.getByRole('checkbox').check()
    await bar.getByLabel('Assign to').selectOption({ label: 'Tiago Carvalho (you)' })
    await bar.getByLabel('Status').selectOption('AWAITING_BUYER')
    await bar.getByLabel('Add labels').fill('Wholesale, follow-up')
    expect(await seriousViolations(agent.page)).toEqual([])
    await screenshotBoth(agent.page, 'inbox-bulk-actions')
    await bar.getByRole('button', { name: 'Apply to selected' }).click()
    await bar.getByRole('status').getByText('Updated 2 conversations.').waitFor()

    // The rows show it (the page reloaded its data), and the selection is cleared.
    for (const row of await rows.all()) {
      await row.getByText('#wholesale').waitFor()
      await row.getByText('#follow-up').waitFor()
      expect(await row.getByText('Waiting for buyer').count()).toBe(1)
      expect(await row.textContent()).toContain('Tiago Carvalho')
      expect(await row.getByRole('checkbox').isChecked()).toBe(false)
    }
    await bar.getByText('Select all').waitFor()

    // Remove one label from both, leaving the other.
    for (const row of await rows.all()) await row.getByRole('checkbox').check()
    await bar.getByLabel('Remove labels').fill('follow-up')
    await bar.getByRole('button', { name: 'Apply to selected' }).click()
    await bar.getByRole('status').getByText('Updated 2 conversations.').waitFor()
    await agent.page.waitForFunction((m) => {
      const items = [...document.querySelectorAll('.row-list-item')].filter((li) => li.textContent?.includes(m))
      return items.length === 2 && items.every((li) => li.textContent?.includes('#wholesale') && !li.textContent?.includes('#follow-up'))
    }, marker)
    expect(agent.problems).toEqual([])
  })
})
