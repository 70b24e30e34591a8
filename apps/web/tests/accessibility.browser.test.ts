// Every page, as the people who see it, checked with axe-core at phone and desktop size: no serious
// or critical violations anywhere (signed out, buyer, supplier agent and owner, staff, error pages).
import { beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { DESKTOP, gateway, PHONE, tokenFor } from './support/browser'
import { seriousViolations } from './support/axe'
import { browserSuite } from './support/suite'

const BUYER = 'maya.lindqvist@example.com'
const AGENT = 'tiago@olive-oak.example'
const OWNER = 'ana@olive-oak.example'
const MODERATOR = 'priscila@rapport.example'

const suite = browserSuite()
let productId: string
let invitationToken: string
/** The buyer's history with Olive & Oak (seen by her and by its team). */
let relationshipPath: string

beforeAll(async () => {
  const data = await gateway<{
    supplier: { id: string; products: { edges: Array<{ node: { id: string } }> } }
  }>(suite.stack.gatewayUrl, '{ supplier(slug: "olive-oak") { id products(first: 1) { edges { node { id } } } } }')
  productId = data.supplier.products.edges[0]?.node.id ?? ''
  const invited = await gateway<{ inviteTeamMember: { invitationToken?: string } }>(
    suite.stack.gatewayUrl,
    'mutation($input: InviteTeamMemberInput!) { inviteTeamMember(input: $input) { ... on InviteTeamMemberPayload { invitationToken } } }',
    { input: { supplierId: data.supplier.id, email: `axe-${Date.now()}@example.com`, role: 'AGENT' } },
    await tokenFor(suite.stack.gatewayUrl, OWNER),
  )
  invitationToken = invited.inviteTeamMember.invitationToken ?? ''
  expect(invitationToken).not.toBe('')

  // Something in the moderators' queue: a review and a conversation the buyer reports.
  const buyerToken = await tokenFor(suite.stack.gatewayUrl, BUYER)
  const mine = await gateway<{
    viewer: {
      user: { displayName: string }
      buyer: { id: string }
      conversations: { edges: Array<{ node: { id: string } }> }
    }
    supplier: { reviews: { edges: Array<{ node: { id: string; authorName: string } }> } }
  }>(
    suite.stack.gatewayUrl,
    '{ viewer { user { displayName } buyer { id } conversations(first: 1) { edges { node { id } } } } supplier(slug: "olive-oak") { reviews(first: 10) { edges { node { id authorName } } } } }',
    {},
    buyerToken,
  )
  relationshipPath = `/relationships/${encodeURIComponent(mine.viewer.buyer.id)}/${encodeURIComponent(data.supplier.id)}`
  const review = mine.supplier.reviews.edges.find((e) => e.node.authorName !== mine.viewer.user.displayName)!.node
  await gateway(
    suite.stack.gatewayUrl,
    'mutation($input: FlagContentInput!) { flagContent(input: $input) { __typename } }',
    { input: { contentId: review.id, reason: 'SPAM', details: 'Looks copied.' } },
    buyerToken,
  )
  await gateway(
    suite.stack.gatewayUrl,
    'mutation($input: ReportConversationInput!) { reportConversation(input: $input) { __typename } }',
    { input: { conversationId: mine.viewer.conversations.edges[0]!.node.id, reason: 'OFF_PLATFORM_CONTACT' } },
    buyerToken,
  )
})

/** Visits each path (or follows the first link of a list) and collects what axe finds, by page. */
async function audit(page: Page, paths: Array<string | (() => Promise<void>)>): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {}
  for (const path of paths) {
    if (typeof path === 'string') await page.goto(`${suite.stack.webUrl}${path}`)
    else await path()
    await page.waitForLoadState('load')
    const violations = await seriousViolations(page)
    if (violations.length > 0) found[new URL(page.url()).pathname] = violations
  }
  return found
}

/** Opens the first report of a kind in the moderators' queue. */
const firstReport = (page: Page, kind: string) => async () => {
  await page.goto(`${suite.stack.webUrl}/moderation?kind=${kind}`)
  await Promise.all([page.waitForURL(/\/moderation\/[^/?]+$/), page.locator('.queue a').first().click()])
}

/** Opens the first conversation listed on an inbox page. */
const firstConversation = (page: Page, inbox: string) => async () => {
  await page.goto(`${suite.stack.webUrl}${inbox}`)
  await Promise.all([page.waitForURL(/\/conversations\//), page.locator('.row-list a').first().click()])
}

for (const [name, viewport] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const) {
  describe(`accessibility on a ${name}`, () => {
    it('has no serious or critical violations on the public pages and error pages, signed out', async () => {
      const { page } = await suite.visitor({ viewport })
      const found = await audit(page, [
        '/',
        '/?q=oil',
        '/suppliers/olive-oak',
        '/suppliers/olive-oak/reviews',
        '/suppliers/olive-oak/updates',
        `/products/${encodeURIComponent(productId)}`,
        '/sign-in',
        '/sign-up',
        `/invitations/${encodeURIComponent(invitationToken)}`,
        '/invitations/not-a-real-token',
        '/unsubscribe/not-a-real-token-from-any-email',
        '/no-such-page',
      ])
      expect(found).toEqual({})
    })

    it('has none on the buyer’s inbox and conversation', async () => {
      const { page } = await suite.person(BUYER, { viewport })
      expect(
        await audit(page, [
          '/inbox',
          firstConversation(page, '/inbox'),
          '/orders',
          relationshipPath,
          '/following',
          '/notifications',
          '/settings/notifications',
          '/settings/privacy',
          '/suppliers/olive-oak',
          '/suppliers/olive-oak/reviews',
          `/products/${encodeURIComponent(productId)}`,
        ]),
      ).toEqual({})
    })

    it('has none on the team inbox, a conversation, the metrics, the settings, the reviews, questions and flagged content, for an agent and the owner', async () => {
      const agent = await suite.person(AGENT, { viewport })
      const team = '/suppliers/olive-oak/inbox'
      const fromAgent = await audit(agent.page, [
        team,
        firstConversation(agent.page, team),
        '/suppliers/olive-oak/metrics',
        '/suppliers/olive-oak/settings',
        '/suppliers/olive-oak/feedback',
        '/suppliers/olive-oak/questions',
        '/suppliers/olive-oak/questions?show=all',
        '/suppliers/olive-oak/flagged',
        '/suppliers/olive-oak/flagged?show=open',
        '/suppliers/olive-oak/updates',
        '/notifications',
        relationshipPath,
        `/products/${encodeURIComponent(productId)}`,
      ])
      const owner = await suite.person(OWNER, { viewport })
      const fromOwner = await audit(owner.page, ['/suppliers/olive-oak/settings', '/suppliers/olive-oak/metrics'])
      expect({ ...fromAgent, ...fromOwner }).toEqual({})
    })

    it('has none on the staff’s pages and their error pages', async () => {
      const { page } = await suite.person(MODERATOR, { viewport })
      expect(
        await audit(page, [
          '/',
          '/inbox',
          '/no-such-page',
          '/moderation',
          '/moderation?status=dismissed',
          '/moderation/conversations',
          '/moderation/performance',
          '/moderation/performance?window=DAY',
          firstReport(page, 'review'),
          firstReport(page, 'conversation'),
        ]),
      ).toEqual({})
    })
  })
}
