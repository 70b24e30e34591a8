// Review invitations over the wire: the supplier's team records a delivery, the buyer finds the
// invitation (once), and it goes away when they review or say "not now".
import { encodeGlobalID } from '@pothos/plugin-relay'
import { systemClock } from '@rapport/core'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { createSession } from '@rapport/identity'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startTestGateway, type TestGateway } from './testing.ts'

type Result<T> = { data?: T; errors?: { message: string }[] }
const DELIVER = `mutation($input: MarkOrderDeliveredInput!) { markOrderDelivered(input: $input) {
  __typename ... on Order { status deliveredAt reviewClosesAt } ... on Error { code message }
} }`
const INVITATIONS = `{ viewer { reviewInvitationCount reviewInvitations(first: 10) { edges { node { invitedAt closesAt order { id number supplier { name } } } } } } }`
const DISMISS = `mutation($input: DismissReviewInvitationInput!) { dismissReviewInvitation(input: $input) { __typename ... on DismissedReviewInvitation { orderId } ... on Error { code } } }`
const WRITE = `mutation($input: WriteReviewInput!) { writeReview(input: $input) { __typename } }`

type Invitations = { viewer: { reviewInvitationCount: number; reviewInvitations: { edges: { node: { invitedAt: string; closesAt: string; order: { id: string; number: string; supplier: { name: string } } } }[] } } }

let db: TestDb
let gw: TestGateway
const tokens = { maya: '', agent: '', stranger: '' }
const orders = { first: '', second: '', cancelled: '' }

beforeAll(async () => {
  db = await createTestDb()
  gw = await startTestGateway(db)
  const supplier = await db.prisma.supplier.create({ data: { slug: 'kiln', name: 'Kiln', timeZone: 'UTC' } })
  const stranger = await db.prisma.supplier.create({ data: { slug: 'elm', name: 'Elm', timeZone: 'UTC' } })
  const user = (email: string) => db.prisma.user.create({ data: { email, displayName: email.split('@')[0]!, passwordHash: 'x' } })
  const maya = await user('maya@example.com')
  const buyer = await db.prisma.buyer.create({ data: { userId: maya.id, displayName: 'Maya' } })
  const agent = await user('agent@kiln.example')
  await db.prisma.supplierMember.create({ data: { supplierId: supplier.id, userId: agent.id, role: 'AGENT' } })
  const other = await user('owner@elm.example')
  await db.prisma.supplierMember.create({ data: { supplierId: stranger.id, userId: other.id, role: 'OWNER' } })
  const order = async (number: string, status: 'SHIPPED' | 'CANCELLED') =>
    encodeGlobalID('Order', (await db.prisma.order.create({ data: { number, buyerId: buyer.id, supplierId: supplier.id, totalCents: 100, status } })).id)
  orders.first = await order('R-1', 'SHIPPED')
  orders.second = await order('R-2', 'SHIPPED')
  orders.cancelled = await order('R-3', 'CANCELLED')
  const deps = { db: db.prisma, clock: systemClock }
  tokens.maya = (await createSession(deps, maya.id)).token
  tokens.agent = (await createSession(deps, agent.id)).token
  tokens.stranger = (await createSession(deps, other.id)).token
})
afterAll(async () => {
  await gw?.close()
  await db?.drop()
})

const as = (who: keyof typeof tokens) => ({ authorization: `Bearer ${tokens[who]}` })
const deliver = async (who: keyof typeof tokens, orderId: string) =>
  (await gw.post<Result<{ markOrderDelivered: Record<string, unknown> }>>(DELIVER, { input: { orderId } }, as(who))).body.data!.markOrderDelivered
const invitations = async () => (await gw.post<Result<Invitations>>(INVITATIONS, {}, as('maya'))).body.data!.viewer

describe('review invitations over the API', () => {
  it('invites the buyer once when the team records the delivery', async () => {
    expect(await invitations()).toEqual({ reviewInvitationCount: 0, reviewInvitations: { edges: [] } })
    const delivered = await deliver('agent', orders.first)
    expect(delivered).toMatchObject({ __typename: 'Order', status: 'DELIVERED' })
    expect(Date.parse(delivered.reviewClosesAt as string) - Date.parse(delivered.deliveredAt as string)).toBe(90 * 24 * 60 * 60 * 1000)
    // The fulfilment system reports it again: still one invitation.
    await deliver('agent', orders.first)
    const mine = await invitations()
    expect(mine.reviewInvitationCount).toBe(1)
    expect(mine.reviewInvitations.edges.map((e) => [e.node.order.number, e.node.order.supplier.name, e.node.closesAt])).toEqual([['R-1', 'Kiln', delivered.reviewClosesAt]])
    // And one notification in the buyer's feed, leading to the review form.
    const feed = await gw.post<Result<{ viewer: { notifications: { edges: { node: { kind: string; text: string; link: string } }[] } } }>>(
      '{ viewer { notifications(first: 5) { edges { node { kind text link } } } } }',
      {},
      as('maya'),
    )
    expect(feed.body.data!.viewer.notifications.edges.map((e) => e.node)).toEqual([
      { kind: 'REVIEW_INVITATION', text: 'Your order R-1 from Kiln arrived. How did it go?', link: `/orders/${encodeURIComponent(orders.first)}/review` },
    ])
    // And one email, sent by the job the delivery enqueued (to .eml files in this test's folder).
    await vi.waitFor(async () => expect(await db.prisma.emailLog.count({ where: { kind: 'REVIEW_INVITATION' } })).toBe(1), { timeout: 15_000 })
    expect(await db.prisma.emailLog.findFirst({ where: { kind: 'REVIEW_INVITATION' }, select: { subject: true } })).toEqual({ subject: 'How was your order from Kiln?' })
  })

  it('refuses another supplier, the buyer and a cancelled order, each typed, inviting no one', async () => {
    expect(await deliver('stranger', orders.second)).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND' })
    expect(await deliver('maya', orders.second)).toMatchObject({ __typename: 'NotFoundError' })
    expect(await deliver('agent', orders.cancelled)).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT' })
    expect((await invitations()).reviewInvitationCount).toBe(1)
    expect(await db.prisma.order.count({ where: { status: 'DELIVERED' } })).toBe(1)
  })

  it('closes the invitation when the buyer reviews, or says not now', async () => {
    await deliver('agent', orders.second)
    expect((await invitations()).reviewInvitationCount).toBe(2)
    const written = await gw.post<Result<{ writeReview: { __typename: string } }>>(WRITE, { input: { orderId: orders.first, rating: 5, body: 'Lovely.' } }, as('maya'))
    expect(written.body.data!.writeReview.__typename).toBe('Review')
    expect((await invitations()).reviewInvitations.edges.map((e) => e.node.order.number)).toEqual(['R-2'])
    const dismissed = await gw.post<Result<{ dismissReviewInvitation: Record<string, unknown> }>>(DISMISS, { input: { orderId: orders.second } }, as('agent'))
    expect(dismissed.body.data!.dismissReviewInvitation).toEqual({ __typename: 'NotYourOrderError', code: 'NOT_YOUR_ORDER' })
    const mine = await gw.post<Result<{ dismissReviewInvitation: Record<string, unknown> }>>(DISMISS, { input: { orderId: orders.second } }, as('maya'))
    expect(mine.body.data!.dismissReviewInvitation).toEqual({ __typename: 'DismissedReviewInvitation', orderId: orders.second })
    expect(await invitations()).toEqual({ reviewInvitationCount: 0, reviewInvitations: { edges: [] } })
  })
})
