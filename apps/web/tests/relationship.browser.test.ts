// A buyer and a supplier's page of their history together, on the real stack: the buyer opens it
// from a conversation and sees the timeline, newest first, without the team's figures; the
// team's agent opens it from the team inbox and sees how the relationship is doing beside the
// buyer's own responsiveness; another buyer finds nothing there (404).
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { seriousViolations } from './support/axe'
import { gateway, overflowsHorizontally, screenshotBoth, tokenFor } from './support/browser'
import { browserSuite } from './support/suite'

const suite = browserSuite()
const MAYA = 'maya.lindqvist@example.com' // orders and conversations with Olive & Oak in the demo
const AGENT = 'tiago@olive-oak.example'
const JAMES = 'james.whitfield@example.com' // another buyer of Olive & Oak
const SUBJECT = 'Hairline crack in the olive-wood board' // Maya's open question to Olive & Oak

type Entry = {
  kind: string
  at: string
  order: { number: string } | null
  conversation: { subject: string | null } | null
  review: { title: string | null } | null
  update: { title: string } | null
}
type Timeline = {
  relationship: {
    timeline: { edges: Array<{ cursor: string; node: Entry }> }
    health: {
      orderCount: number
      repeatOrderCount: number
      openConversationCount: number
      resolvedConversationCount: number
    } | null
  } | null
}

let buyerId: string
let supplierId: string
let conversationId: string
let timeline: Timeline['relationship'] & object
let teamView: Timeline['relationship'] & object

/** What names an entry on the page: an order's number, a conversation's subject, a review's or update's title. */
const nameOf = (e: Entry) =>
  e.order ? `Order ${e.order.number}` : (e.conversation?.subject ?? e.review?.title ?? e.update?.title ?? '')

const pagePath = () => `/relationships/${encodeURIComponent(buyerId)}/${encodeURIComponent(supplierId)}`

beforeAll(async () => {
  const url = suite.stack.gatewayUrl
  const mayaToken = await tokenFor(url, MAYA)
  const mine = await gateway<{
    viewer: { buyer: { id: string }; conversations: { edges: Array<{ node: { id: string; subject: string | null } }> } }
    supplier: { id: string }
  }>(
    url,
    '{ viewer { buyer { id } conversations(first: 50) { edges { node { id subject } } } } supplier(slug: "olive-oak") { id } }',
    {},
    mayaToken,
  )
  buyerId = mine.viewer.buyer.id
  supplierId = mine.supplier.id
  conversationId = mine.viewer.conversations.edges.find((e) => e.node.subject === SUBJECT)!.node.id
  const query = `query($b: ID!, $s: ID!) { relationship(buyerId: $b, supplierId: $s) {
    timeline(first: 20) { edges { cursor node { kind at order { number } conversation { subject } review { title } update { title } } } }
    health { orderCount repeatOrderCount openConversationCount resolvedConversationCount } } }`
  timeline = (await gateway<Timeline>(url, query, { b: buyerId, s: supplierId }, mayaToken)).relationship!
  teamView = (await gateway<Timeline>(url, query, { b: buyerId, s: supplierId }, await tokenFor(url, AGENT)))
    .relationship!
  // The demo pair has orders and a conversation at least; the page shows them all on its first page.
  expect(timeline.timeline.edges.length).toBeGreaterThanOrEqual(3)
  expect(timeline.health).toBeNull()
  expect(teamView.health).not.toBeNull()
})

/** The timeline as the page lists it: each entry's text and its date. */
async function listed(page: Page): Promise<Array<{ text: string; at: string }>> {
  return page
    .locator('ol.timeline > li')
    .evaluateAll((items) =>
      items.map((li) => ({
        text: (li as HTMLElement).innerText,
        at: li.querySelector('time')?.getAttribute('datetime') ?? '',
      })),
    )
}

describe('a buyer and a supplier’s history together', () => {
  it('shows the buyer the timeline, newest first, from the conversation; no team figures', async () => {
    const maya = await suite.person(MAYA)
    await maya.page.goto(`${suite.stack.webUrl}/conversations/${encodeURIComponent(conversationId)}`)
    await maya.page.getByRole('heading', { level: 1, name: SUBJECT }).waitFor()
    await screenshotBoth(maya.page, 'relationship-link-conversation')
    await Promise.all([
      maya.page.waitForURL((u) => u.pathname === pagePath()),
      maya.page.getByRole('link', { name: 'Your history with Olive & Oak' }).click(),
    ])
    await maya.page.getByRole('heading', { level: 1, name: /Maya Lindqvist.+Olive & Oak/ }).waitFor()
    await maya.page.getByRole('link', { name: 'Olive & Oak' }).first().waitFor()

    // Every entry the gateway has, in its order (newest first), each with its date.
    const entries = await listed(maya.page)
    const expected = timeline.timeline.edges.map((e) => e.node)
    expect(entries).toHaveLength(expected.length)
    expected.forEach((e, i) => {
      expect(entries[i]!.text).toContain(nameOf(e))
      expect(entries[i]!.at).toBe(e.at)
    })
    const times = entries.map((e) => Date.parse(e.at))
    expect(times).toEqual([...times].sort((a, b) => b - a))
    // The conversation entry leads back to the conversation.
    const conversation = maya.page.locator('ol.timeline > li').filter({ hasText: SUBJECT })
    expect(await conversation.getByRole('link', { name: SUBJECT }).getAttribute('href')).toBe(
      `/conversations/${conversationId}`,
    )
    await maya.page.locator('ol.timeline > li').filter({ hasText: 'Order R-10038' }).getByText('Delivered').waitFor()

    // The team's figures are not the buyer's to see.
    expect(await maya.page.getByRole('heading', { name: 'How it’s going' }).count()).toBe(0)
    expect(await maya.page.getByText('Median time to resolve').count()).toBe(0)

    expect(await seriousViolations(maya.page)).toEqual([])
    await screenshotBoth(maya.page, 'relationship-buyer')
    expect(await overflowsHorizontally(maya.page)).toBe(false)

    // Older entries come from the cursor in the address; the newest page is a link away.
    const first = timeline.timeline.edges[0]!
    await maya.page.goto(`${suite.stack.webUrl}${pagePath()}?after=${encodeURIComponent(first.cursor)}`)
    const older = await listed(maya.page)
    expect(older).toHaveLength(expected.length - 1)
    expect(older[0]!.text).toContain(nameOf(expected[1]!))
    await Promise.all([
      maya.page.waitForURL((u) => u.pathname === pagePath() && u.search === ''),
      maya.page.getByRole('link', { name: 'Back to the newest' }).click(),
    ])
    expect(await listed(maya.page)).toHaveLength(expected.length)
    const bad = await maya.page.goto(`${suite.stack.webUrl}${pagePath()}?after=not-a-cursor`)
    expect(bad?.status()).toBe(400)

    // Her orders lead here too.
    await maya.page.goto(`${suite.stack.webUrl}/orders`)
    const fromOrders = maya.page.locator('ol.orders > li').filter({ hasText: 'R-10038' })
    await screenshotBoth(maya.page, 'relationship-link-orders')
    expect(await fromOrders.getByRole('link', { name: 'Your history with Olive & Oak' }).getAttribute('href')).toBe(
      pagePath(),
    )
    expect(maya.problems).toEqual([])
  })

  it('shows the team how the relationship is doing, from the team inbox and the conversation', async () => {
    const tiago = await suite.person(AGENT)
    await tiago.page.goto(`${suite.stack.webUrl}/suppliers/olive-oak/inbox`)
    const row = tiago.page.locator('.row-list > li').filter({ hasText: SUBJECT })
    await screenshotBoth(tiago.page, 'relationship-link-team-inbox')
    await Promise.all([
      tiago.page.waitForURL((u) => u.pathname === pagePath()),
      row.getByRole('link', { name: 'History with Maya Lindqvist' }).click(),
    ])
    await tiago.page.getByRole('heading', { level: 1, name: /Maya Lindqvist.+Olive & Oak/ }).waitFor()

    const figures = tiago.page.getByRole('region', { name: 'How it’s going' })
    await figures.waitFor()
    const health = teamView.health!
    const value = (term: string) =>
      figures
        .locator('.figure')
        .filter({ has: tiago.page.getByText(term, { exact: true }) })
        .locator('dd.value')
    expect(await value('Orders').innerText()).toBe(String(health.orderCount))
    expect(await value('Open conversations').innerText()).toBe(String(health.openConversationCount))
    expect(await value('Resolved conversations').innerText()).toBe(String(health.resolvedConversationCount))
    await value('Median time to resolve').waitFor()
    await value('Last contact').locator('time[datetime]').waitFor()
    await value('First order').locator('time[datetime]').waitFor()
    await figures
      .getByText(health.repeatOrderCount === 1 ? '1 repeat order' : `${health.repeatOrderCount} repeat orders`)
      .waitFor()
    // The buyer's own responsiveness, in the same place.
    await figures.getByRole('heading', { level: 3, name: 'How Maya Lindqvist replies' }).waitFor()

    // The same timeline as the buyer's.
    const entries = await listed(tiago.page)
    expect(entries.map((e) => e.at)).toEqual(teamView.timeline.edges.map((e) => e.node.at))

    expect(await seriousViolations(tiago.page)).toEqual([])
    await screenshotBoth(tiago.page, 'relationship-team')
    expect(await overflowsHorizontally(tiago.page)).toBe(false)

    // The conversation's side panel leads here as well.
    await tiago.page.goto(`${suite.stack.webUrl}/conversations/${encodeURIComponent(conversationId)}`)
    const panel = tiago.page.getByRole('complementary', { name: 'Team tools' })
    await screenshotBoth(tiago.page, 'relationship-link-team-tools')
    expect(await panel.getByRole('link', { name: 'Full history with Maya Lindqvist' }).getAttribute('href')).toBe(
      pagePath(),
    )
    expect(tiago.problems).toEqual([])
  })

  it('works without JavaScript: the page and its paging are plain links', async () => {
    const maya = await suite.person(MAYA, { javaScriptEnabled: false })
    const first = timeline.timeline.edges[0]!
    await maya.page.goto(`${suite.stack.webUrl}${pagePath()}?after=${encodeURIComponent(first.cursor)}`)
    await maya.page.getByRole('heading', { level: 2, name: 'Earlier in the timeline' }).waitFor()
    expect(await listed(maya.page)).toHaveLength(timeline.timeline.edges.length - 1)
    await Promise.all([
      maya.page.waitForURL((u) => u.pathname === pagePath() && u.search === ''),
      maya.page.getByRole('link', { name: 'Back to the newest' }).click(),
    ])
    await maya.page.getByRole('heading', { level: 2, name: 'Timeline' }).waitFor()
    expect(await listed(maya.page)).toHaveLength(timeline.timeline.edges.length)
  })

  it('is not there for anyone else, and asks a signed-out visitor to sign in', async () => {
    const james = await suite.person(JAMES)
    const response = await james.page.goto(`${suite.stack.webUrl}${pagePath()}`)
    expect(response?.status()).toBe(404)
    await james.page.getByRole('heading', { level: 1, name: 'We couldn’t find that page' }).waitFor()
    expect(await james.page.getByText('Maya Lindqvist').count()).toBe(0)
    const malformed = await james.page.goto(`${suite.stack.webUrl}/relationships/nobody/nothing`)
    expect(malformed?.status()).toBe(404)

    const visitor = await suite.visitor()
    await visitor.page.goto(`${suite.stack.webUrl}${pagePath()}`)
    await visitor.page.waitForURL((u) => u.pathname === '/sign-in' && u.searchParams.get('next') === pagePath())
  })
})
