// Reviews over the wire: a verified buyer reviews a delivered order, everyone reads it with the
// supplier's summary, and each refusal is its typed error and writes nothing.
import { encodeGlobalID } from '@pothos/plugin-relay'
import { systemClock } from '@rapport/core'
import { writeReview as writeReviewDirectly } from '@rapport/reviews'
import { beforeAll, describe, expect, it } from 'vitest'
import { followReviewEvents, useReviewWorld, type Result } from './review-testing.ts'
import { collect } from './testing.ts'

type Written = { writeReview: { __typename: string; id?: string; rating?: number; version?: number; code?: string; message?: string; reviewId?: string; closedAt?: string; field?: string } }

const WRITE = `mutation($input: WriteReviewInput!) { writeReview(input: $input) {
  __typename
  ... on Review { id rating title body version authorName product { name } }
  ... on Error { code message }
  ... on AlreadyReviewedError { reviewId }
  ... on ReviewWindowClosedError { closedAt }
  ... on ValidationError { field }
} }`
const UPDATE = `mutation($input: UpdateReviewInput!) { updateReview(input: $input) { __typename ... on Review { version editedAt versions { version body } } } }`
const VOTE = `mutation($input: VoteHelpfulInput!) { voteHelpful(input: $input) { __typename ... on HelpfulVote { helpfulCount voted } } }`
const PAGE = `query($slug: String!) { supplier(slug: $slug) {
  ratingSummary { count average distribution lastTwelveMonthsAverage }
  reviews(first: 10, sort: NEWEST) { edges { node { rating body authorName helpfulCount response { body version responder { displayName role } } } } }
} }`
const RESPOND = `mutation($input: RespondToReviewInput!) { respondToReview(input: $input) { __typename ... on ReviewResponse { version } ... on Error { code } } }`

const EVENTS = `subscription($supplierId: ID!, $after: String) { reviewEvents(supplierId: $supplierId, after: $after) {
  kind cursor review { rating body }
} }`
type Ev = { reviewEvents: { kind: string; cursor: string; review: { rating: number; body: string } | null } }

type Who = 'maya' | 'erik' | 'agent'
const world = useReviewWorld<Who>({
  people: {
    maya: { email: 'maya@example.com', name: 'Maya', buyer: true },
    erik: { email: 'erik@example.com', name: 'Erik', buyer: true },
    agent: { email: 'agent@kiln.example', name: 'Agent', agent: true },
  },
})
const { as } = world
const orders: Record<'delivered' | 'second' | 'placed' | 'old' | 'eriks' | 'quiet', string> = { delivered: '', second: '', placed: '', old: '', eriks: '', quiet: '' }
const DAY = 24 * 60 * 60 * 1000

beforeAll(async () => {
  const { maya, erik } = world.people
  const order = async (buyerId: string, status: 'PLACED' | 'DELIVERED', deliveredAt: Date | null) =>
    encodeGlobalID(
      'Order',
      (
        await world.db.prisma.order.create({
          data: { number: `R-${Math.random()}`, buyerId, supplierId: world.supplier.id, totalCents: 100, status, deliveredAt, items: { create: [{ productId: world.supplier.productId, quantity: 1, unitPriceCents: 100 }] } },
        })
      ).id,
    )
  orders.delivered = await order(maya.buyerId, 'DELIVERED', new Date(Date.now() - 3 * DAY))
  orders.second = await order(maya.buyerId, 'DELIVERED', new Date(Date.now() - DAY))
  orders.placed = await order(maya.buyerId, 'PLACED', null)
  orders.old = await order(maya.buyerId, 'DELIVERED', new Date(Date.now() - 120 * DAY))
  orders.eriks = await order(erik.buyerId, 'DELIVERED', new Date(Date.now() - DAY))
  orders.quiet = await order(erik.buyerId, 'DELIVERED', new Date(Date.now() - DAY))
})

const write = async (who: Who, input: Record<string, unknown>) => (await world.gw.post<Result<Written>>(WRITE, { input }, as(who))).body.data!.writeReview
const counts = async () => ({ reviews: await world.db.prisma.review.count(), versions: await world.db.prisma.reviewVersion.count() })

describe('reviews over the API', () => {
  it('lets a buyer review a delivered order, and shows it on the supplier with its summary', async () => {
    const review = await write('maya', { orderId: orders.delivered, rating: 4, title: 'Sturdy', body: 'Well packed, a small chip.' })
    expect(review).toMatchObject({ __typename: 'Review', rating: 4, version: 1 })
    const page = (await world.gw.post<Result<{ supplier: { ratingSummary: unknown; reviews: { edges: { node: unknown }[] } } }>>(PAGE, { slug: 'kiln' })).body.data!.supplier
    expect(page.ratingSummary).toEqual({ count: 1, average: 4, distribution: [0, 0, 0, 1, 0], lastTwelveMonthsAverage: 4 })
    expect(page.reviews.edges.map((e) => e.node)).toEqual([{ rating: 4, body: 'Well packed, a small chip.', authorName: 'Maya', helpfulCount: 0, response: null }])

    // The supplier's team responds; a buyer cannot.
    const respond = async (who: Who) =>
      (await world.gw.post<Result<{ respondToReview: { __typename: string; version?: number; code?: string } }>>(RESPOND, { input: { reviewId: review.id, body: 'Sorry about the chip: a new jar is on its way.' } }, as(who))).body.data!.respondToReview
    expect(await respond('erik')).toEqual({ __typename: 'ForbiddenError', code: 'FORBIDDEN' })
    expect(await respond('agent')).toEqual({ __typename: 'ReviewResponse', version: 1 })
    const publicly = (await world.gw.post<Result<{ supplier: { reviews: { edges: { node: { response: unknown } }[] } } }>>(PAGE, { slug: 'kiln' })).body.data!.supplier
    expect(publicly.reviews.edges[0]!.node.response).toEqual({ body: 'Sorry about the chip: a new jar is on its way.', version: 1, responder: { displayName: 'Agent', role: 'AGENT' } })

    const edited = (await world.gw.post<Result<{ updateReview: { version: number; editedAt: string | null; versions: { version: number; body: string }[] } }>>(UPDATE, { input: { reviewId: review.id, rating: 5, body: 'They replaced the jar at once.' } }, as('maya'))).body.data!.updateReview
    expect(edited.version).toBe(2)
    expect(edited.editedAt).not.toBeNull()
    expect(edited.versions.map((v) => v.body)).toEqual(['They replaced the jar at once.', 'Well packed, a small chip.'])

    const vote = (await world.gw.post<Result<{ voteHelpful: { __typename: string; helpfulCount?: number } }>>(VOTE, { input: { reviewId: review.id } }, as('erik'))).body.data!.voteHelpful
    expect(vote).toEqual({ __typename: 'HelpfulVote', helpfulCount: 1, voted: true })
    const own = (await world.gw.post<Result<{ voteHelpful: { __typename: string } }>>(VOTE, { input: { reviewId: review.id } }, as('maya'))).body.data!.voteHelpful
    expect(own.__typename).toBe('ForbiddenError')
  })

  it('refuses a second review, a non-buyer, an undelivered order and one past the window, each typed, writing nothing', async () => {
    const before = await counts()
    const again = await write('maya', { orderId: orders.delivered, rating: 1, body: 'Again.' })
    expect(again).toMatchObject({ __typename: 'AlreadyReviewedError', code: 'ALREADY_REVIEWED' })
    expect(again.reviewId).toMatch(/./)
    expect(await write('erik', { orderId: orders.delivered, rating: 1, body: 'Not mine.' })).toMatchObject({ __typename: 'NotYourOrderError', code: 'NOT_YOUR_ORDER' })
    expect(await write('agent', { orderId: orders.eriks, rating: 1, body: 'Staff.' })).toMatchObject({ __typename: 'NotYourOrderError' })
    expect(await write('maya', { orderId: orders.placed, rating: 5, body: 'Soon.' })).toMatchObject({ __typename: 'NotDeliveredError', code: 'NOT_DELIVERED' })
    const late = await write('maya', { orderId: orders.old, rating: 5, body: 'Late.' })
    expect(late).toMatchObject({ __typename: 'ReviewWindowClosedError', code: 'REVIEW_WINDOW_CLOSED' })
    expect(new Date(late.closedAt!).getTime()).toBeLessThan(Date.now())
    expect(await write('maya', { orderId: orders.second, rating: 7, body: 'Too many stars.' })).toMatchObject({ __typename: 'ValidationError', field: 'rating' })
    expect(await write('maya', { orderId: 'not-an-id', rating: 5, body: 'x' })).toMatchObject({ __typename: 'ValidationError', field: 'orderId' })
    const anonymous = (await world.gw.post<Result<Written>>(WRITE, { input: { orderId: orders.second, rating: 5, body: 'x' } })).body
    expect(anonymous.errors?.[0]?.extensions?.code ?? anonymous.data?.writeReview.__typename).toMatch(/UNAUTHENTICATED|UnauthenticatedError/)
    expect(await counts()).toEqual(before)
  })
})

describe('a review naming the conversation where the problem was handled', () => {
  it('shows “the supplier resolved this” once the buyer confirms the conversation, and invites its author to update it', async () => {
    const maya = await world.db.prisma.user.findUniqueOrThrow({ where: { email: 'maya@example.com' }, include: { buyer: true } })
    const supplier = await world.db.prisma.supplier.findUniqueOrThrow({ where: { slug: 'kiln' } })
    const conversation = await world.db.prisma.conversation.create({ data: { buyerId: maya.buyer!.id, supplierId: supplier.id, subject: 'Chipped' } })
    const conversationId = encodeGlobalID('Conversation', conversation.id)
    const review = await write('maya', { orderId: orders.second, rating: 2, body: 'Arrived chipped.', conversationId })
    expect(review).toMatchObject({ __typename: 'Review' })
    const READ = `query($id: ID!) { node(id: $id) { ... on Review { resolvedBySupplierAt updateSuggested conversationId versions { rating } } } }`
    const read = async (who?: Who) =>
      (await world.gw.post<Result<{ node: { resolvedBySupplierAt: string | null; updateSuggested: boolean; conversationId: string | null; versions: { rating: number }[] } }>>(READ, { id: review.id }, who ? as(who) : {})).body.data!.node
    expect(await read('maya')).toMatchObject({ resolvedBySupplierAt: null, updateSuggested: false, conversationId })
    // Someone else's conversation is refused.
    const eriks = await world.db.prisma.conversation.create({ data: { buyerId: (await world.db.prisma.buyer.findFirstOrThrow({ where: { displayName: 'Erik' } })).id, supplierId: supplier.id } })
    const refused = await world.gw.post<Result<{ updateReview: { __typename: string; field?: string } }>>(
      `mutation($input: UpdateReviewInput!) { updateReview(input: $input) { __typename ... on ValidationError { field } } }`,
      { input: { reviewId: review.id, rating: 2, body: 'x', conversationId: encodeGlobalID('Conversation', eriks.id) } },
      as('maya'),
    )
    expect(refused.body.data!.updateReview).toEqual({ __typename: 'ValidationError', field: 'conversationId' })

    // The buyer: "this answered my question".
    const confirmed = await world.gw.post<Result<{ confirmResolved: { __typename: string } }>>(
      `mutation($input: ConfirmResolvedInput!) { confirmResolved(input: $input) { __typename } }`,
      { input: { conversationId } },
      as('maya'),
    )
    expect(confirmed.body.errors).toBeUndefined()
    const publicly = await read()
    expect(publicly.resolvedBySupplierAt).not.toBeNull()
    expect(publicly).toMatchObject({ updateSuggested: false, conversationId: null })
    expect(await read('maya')).toMatchObject({ updateSuggested: true })

    // Updated: no longer suggested; both versions visible.
    await world.gw.post(UPDATE, { input: { reviewId: review.id, rating: 5, body: 'They replaced it the same week.' } }, as('maya'))
    expect(await read('maya')).toMatchObject({ updateSuggested: false, versions: [{ rating: 5 }, { rating: 2 }] })
  })
})

describe('reviewEvents, live for the supplier’s team', () => {
  it('streams a new review to a real graphql-ws client, replays after a cursor, and catches up after a pub/sub blip', async () => {
    const agent = world.client('agent', { lazy: false })
    const live = await followReviewEvents<Ev>(agent, EVENTS, { supplierId: world.supplier.gid })
    const start = live.events[0]!.reviewEvents.cursor

    expect(await write('erik', { orderId: orders.eriks, rating: 5, body: 'Beautiful glaze.' })).toMatchObject({ __typename: 'Review' })
    await live.waitFor((es) => es.some((e) => e.reviewEvents.kind === 'REVIEW_ADDED'))
    expect(live.events.at(-1)!.reviewEvents).toMatchObject({ kind: 'REVIEW_ADDED', review: { rating: 5, body: 'Beautiful glaze.' } })

    // A review written where no announcement reaches the feed (as if pub/sub dropped it): the
    // feed has it once the pub/sub connection comes back.
    const erik = await world.db.prisma.user.findUniqueOrThrow({ where: { email: 'erik@example.com' }, include: { buyer: true } })
    const viewer = { userId: erik.id, sessionId: 's', email: erik.email, displayName: 'Erik', platformRole: 'USER' as const, buyerId: erik.buyer!.id, memberships: [] }
    const quietOrder = decodeOrder(orders.quiet)
    await writeReviewDirectly({ db: world.db.prisma, clock: systemClock }, viewer, { orderId: quietOrder, rating: 3, body: 'Arrived late.' })
    world.gw.pubsub.resyncNow()
    await live.waitFor((es) => es.filter((e) => e.reviewEvents.kind === 'REVIEW_ADDED').length === 2)

    // Resuming from the first cursor replays both, in order, then confirms.
    const again = await followReviewEvents<Ev>(agent, EVENTS, { supplierId: world.supplier.gid, after: start })
    expect(again.events.map((e) => [e.reviewEvents.kind, e.reviewEvents.review?.body])).toEqual([
      ['REVIEW_ADDED', 'Beautiful glaze.'],
      ['REVIEW_ADDED', 'Arrived late.'],
      ['SUBSCRIBED', undefined],
    ])
    live.dispose()
    again.dispose()
  })

  it('is for the supplier’s team only, and refuses a cursor it never sent', async () => {
    const buyer = world.client('maya')
    const denied = collect<Ev>(buyer, EVENTS, { supplierId: world.supplier.gid })
    await expect.poll(() => JSON.stringify(denied.errors)).toMatch(/FORBIDDEN/)
    expect(denied.events).toEqual([])
    const agent = world.client('agent')
    const beyond = collect<Ev>(agent, EVENTS, { supplierId: world.supplier.gid, after: '99999999999' })
    await expect.poll(() => JSON.stringify(beyond.errors)).toMatch(/BAD_USER_INPUT/)
    expect(beyond.events).toEqual([])
  })
})

function decodeOrder(gid: string): string {
  return Buffer.from(gid, 'base64').toString('utf8').split(':')[1]!
}
