import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError, type Clock, type Viewer } from '@rapport/core'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deleteReview, reviewVersions, updateReview } from './edit-review.ts'
import { AlreadyReviewedError, NotDeliveredError, NotYourOrderError, ReviewWindowClosedError } from './errors.ts'
import { listReviews, type ReviewSort } from './list-reviews.ts'
import { ratingSummaries, ratingSummary, summarise } from './rating-summary.ts'
import { lastEventId, reviewEventsAfter } from './review-events.ts'
import { respondToReview, responsesFor, responseVersions } from './respond-to-review.ts'
import { reviewResolutions } from './review-conversation.ts'
import { voteHelpful } from './vote-helpful.ts'
import { writeReview } from './write-review.ts'

const DAY = 24 * 60 * 60 * 1000
const DELIVERED = new Date('2026-10-01T12:00:00Z')

let db: TestDb
let supplierId: string
let products: { jar: string; board: string }
let seq = 0
// The clock stands still unless a test moves it.
let now = new Date(DELIVERED.getTime() + 10 * DAY)
const clock: Clock = { now: () => now }
const deps = () => ({ db: db.prisma, clock })

async function person(name: string): Promise<Viewer> {
  const user = await db.prisma.user.create({ data: { email: `${name}.${seq++}@example.com`, passwordHash: 'x', displayName: name } })
  const buyer = await db.prisma.buyer.create({ data: { userId: user.id, displayName: name } })
  return { userId: user.id, sessionId: 's', email: user.email, displayName: name, platformRole: 'USER', buyerId: buyer.id, memberships: [] }
}

async function order(buyer: Viewer, opts: { status?: 'PLACED' | 'SHIPPED' | 'DELIVERED'; deliveredAt?: Date | null; products?: string[] } = {}) {
  const status = opts.status ?? 'DELIVERED'
  const o = await db.prisma.order.create({
    data: {
      number: `R-${seq++}`,
      buyerId: buyer.buyerId!,
      supplierId,
      totalCents: 1000,
      status,
      deliveredAt: opts.deliveredAt === undefined ? (status === 'DELIVERED' ? DELIVERED : null) : opts.deliveredAt,
      items: { create: (opts.products ?? [products.jar]).map((productId) => ({ productId, quantity: 1, unitPriceCents: 1000 })) },
    },
  })
  return o.id
}

const reviewCount = () => db.prisma.review.count()

beforeAll(async () => {
  db = await createTestDb()
  const s = await db.prisma.supplier.create({
    data: {
      slug: 'kiln',
      name: 'Kiln',
      timeZone: 'Europe/Lisbon',
      products: { create: [{ slug: 'jar', name: 'Jar', description: 'Clay.', priceCents: 1000 }, { slug: 'board', name: 'Board', description: 'Oak.', priceCents: 2000 }] },
    },
    include: { products: true },
  })
  supplierId = s.id
  products = { jar: s.products.find((p) => p.slug === 'jar')!.id, board: s.products.find((p) => p.slug === 'board')!.id }
})
afterAll(() => db.drop())

describe('writing a review', () => {
  it('lets the buyer review a delivered order within the window, as version 1, naming its one product', async () => {
    const maya = await person('maya')
    const r = await writeReview(deps(), maya, { orderId: await order(maya), rating: 5, title: '  Lovely jar ', body: 'Arrived well packed.' })
    expect(r).toMatchObject({ rating: 5, title: 'Lovely jar', body: 'Arrived well packed.', version: 1, productId: products.jar, status: 'PUBLISHED', helpfulCount: 0 })
    expect(await reviewVersions(deps(), r.id)).toEqual([expect.objectContaining({ version: 1, rating: 5, body: 'Arrived well packed.' })])
    const mixed = await writeReview(deps(), maya, { orderId: await order(maya, { products: [products.jar, products.board] }), rating: 4, body: 'Both fine.' })
    expect(mixed.productId).toBeNull()
  })

  it('refuses, with a typed error and writing nothing: not your order, not delivered, window closed, already reviewed', async () => {
    const ana = await person('ana')
    const ben = await person('ben')
    const before = await reviewCount()
    await expect(writeReview(deps(), ben, { orderId: await order(ana), rating: 5, body: 'Not mine.' })).rejects.toBeInstanceOf(NotYourOrderError)
    await expect(writeReview(deps(), ben, { orderId: '01900000-0000-7000-8000-000000000000', rating: 5, body: 'No order.' })).rejects.toBeInstanceOf(NotYourOrderError)
    await expect(writeReview(deps(), ben, { orderId: 'not-a-uuid', rating: 5, body: 'Junk id.' })).rejects.toBeInstanceOf(NotYourOrderError)
    for (const status of ['PLACED', 'SHIPPED'] as const)
      await expect(writeReview(deps(), ana, { orderId: await order(ana, { status }), rating: 5, body: 'Too early.' })).rejects.toBeInstanceOf(NotDeliveredError)

    const late = await order(ana)
    now = new Date(DELIVERED.getTime() + 90 * DAY)
    const closed = await writeReview(deps(), ana, { orderId: late, rating: 5, body: 'Too late.' }).catch((e: unknown) => e)
    expect(closed).toBeInstanceOf(ReviewWindowClosedError)
    expect((closed as ReviewWindowClosedError).closedAt).toEqual(new Date(DELIVERED.getTime() + 90 * DAY))
    expect((closed as Error).message).toBe('Reviews for this order closed on 2026-12-30.')
    // A deployment with a shorter window.
    now = new Date(DELIVERED.getTime() + 31 * DAY)
    await expect(writeReview({ ...deps(), windowDays: 30 }, ana, { orderId: late, rating: 5, body: 'Late here.' })).rejects.toBeInstanceOf(ReviewWindowClosedError)
    now = new Date(DELIVERED.getTime() + 10 * DAY)
    expect(await reviewCount()).toBe(before)

    const first = await writeReview(deps(), ana, { orderId: late, rating: 3, body: 'Fine.' })
    const again = await writeReview(deps(), ana, { orderId: late, rating: 1, body: 'Again.' }).catch((e: unknown) => e)
    expect(again).toBeInstanceOf(AlreadyReviewedError)
    expect((again as AlreadyReviewedError).reviewId).toBe(first.id)
    expect(await reviewCount()).toBe(before + 1)
    await expect(writeReview(deps(), null, { orderId: late, rating: 1, body: 'x' })).rejects.toBeInstanceOf(UnauthenticatedError)
  })

  it('checks the input and names the field: stars 1–5, a body, a title under the limit', async () => {
    const cy = await person('cy')
    const orderId = await order(cy)
    const before = await reviewCount()
    const field = (input: { rating: number; title?: string; body: string }) =>
      writeReview(deps(), cy, { orderId, ...input }).then(
        () => 'written',
        (e: unknown) => (e instanceof ValidationError ? e.field : String(e)),
      )
    expect(await field({ rating: 0, body: 'x' })).toBe('rating')
    expect(await field({ rating: 6, body: 'x' })).toBe('rating')
    expect(await field({ rating: 2.5, body: 'x' })).toBe('rating')
    expect(await field({ rating: 3, body: '   ' })).toBe('body')
    expect(await field({ rating: 3, body: 'x'.repeat(5001) })).toBe('body')
    expect(await field({ rating: 3, title: 't'.repeat(121), body: 'x' })).toBe('title')
    expect(await reviewCount()).toBe(before)
  })

  it('lets one of two simultaneous submissions for an order through; the other is told which review exists', async () => {
    const di = await person('di')
    const orderId = await order(di)
    const outcomes = await Promise.allSettled([1, 2, 3].map((n) => writeReview(deps(), di, { orderId, rating: n, body: `try ${n}` })))
    const written = outcomes.filter((o) => o.status === 'fulfilled')
    expect(written).toHaveLength(1)
    for (const o of outcomes.filter((x) => x.status === 'rejected')) {
      expect(o.reason).toBeInstanceOf(AlreadyReviewedError)
      expect((o.reason as AlreadyReviewedError).reviewId).toBe(written[0]!.value.id)
    }
  })
})

describe('editing and deleting', () => {
  it('keeps every version with its date, and lets only the author edit or delete', async () => {
    const eli = await person('eli')
    const other = await person('other')
    const r = await writeReview(deps(), eli, { orderId: await order(eli), rating: 2, body: 'Chipped.' })
    now = new Date(now.getTime() + DAY)
    const edited = await updateReview(deps(), eli, { reviewId: r.id, rating: 4, body: 'Chipped, but replaced at once.' })
    expect(edited).toMatchObject({ version: 2, rating: 4, body: 'Chipped, but replaced at once.' })
    const versions = await reviewVersions(deps(), r.id)
    expect(versions.map((v) => [v.version, v.rating, v.createdAt.getTime() - versions[1]!.createdAt.getTime()])).toEqual([
      [2, 4, DAY],
      [1, 2, 0],
    ])
    await expect(updateReview(deps(), other, { reviewId: r.id, rating: 1, body: 'Hijack.' })).rejects.toBeInstanceOf(ForbiddenError)
    await expect(deleteReview(deps(), other, { reviewId: r.id })).rejects.toBeInstanceOf(ForbiddenError)
    await expect(updateReview(deps(), eli, { reviewId: 'nope', rating: 1, body: 'x' })).rejects.toBeInstanceOf(NotFoundError)
    await expect(updateReview(deps(), eli, { reviewId: r.id, rating: 9, body: 'x' })).rejects.toBeInstanceOf(ValidationError)
    expect((await reviewVersions(deps(), r.id)).length).toBe(2)

    await deleteReview(deps(), eli, { reviewId: r.id })
    expect(await db.prisma.review.findUnique({ where: { id: r.id } })).toBeNull()
    expect(await reviewVersions(deps(), r.id)).toEqual([])
  })

  it('gives simultaneous edits consecutive versions, none lost', async () => {
    const fay = await person('fay')
    const r = await writeReview(deps(), fay, { orderId: await order(fay), rating: 3, body: 'v1' })
    await Promise.all([2, 3, 4, 5].map((n) => updateReview(deps(), fay, { reviewId: r.id, rating: n, body: `edit ${n}` })))
    const versions = await reviewVersions(deps(), r.id)
    expect(versions.map((v) => v.version)).toEqual([5, 4, 3, 2, 1])
    const current = await db.prisma.review.findUniqueOrThrow({ where: { id: r.id } })
    expect(current.currentVersion).toBe(5)
    expect(current.body).toBe(versions[0]!.body)
  })
})

describe('helpful votes', () => {
  it('count one per person, never the author’s own, and unvote; the count always equals the votes', async () => {
    const gus = await person('gus')
    const r = await writeReview(deps(), gus, { orderId: await order(gus), rating: 5, body: 'Great.' })
    const voters = await Promise.all(['h1', 'h2', 'h3'].map(person))
    await expect(voteHelpful(deps(), gus, { reviewId: r.id, helpful: true })).rejects.toBeInstanceOf(ForbiddenError)
    // Each voter votes twice at once: still one vote each.
    await Promise.all(voters.flatMap((v) => [voteHelpful(deps(), v, { reviewId: r.id, helpful: true }), voteHelpful(deps(), v, { reviewId: r.id, helpful: true })]))
    expect((await voteHelpful(deps(), voters[0]!, { reviewId: r.id, helpful: false })).helpfulCount).toBe(2)
    expect((await voteHelpful(deps(), voters[0]!, { reviewId: r.id, helpful: false })).helpfulCount).toBe(2)
    const row = await db.prisma.review.findUniqueOrThrow({ where: { id: r.id } })
    expect(row.helpfulCount).toBe(await db.prisma.reviewHelpfulVote.count({ where: { reviewId: r.id } }))
    await expect(voteHelpful(deps(), null, { reviewId: r.id, helpful: true })).rejects.toBeInstanceOf(UnauthenticatedError)
    await expect(voteHelpful(deps(), voters[1]!, { reviewId: 'x', helpful: true })).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('rating summaries', () => {
  it('stay equal to a fresh count of the published reviews while reviews are written at once', async () => {
    const buyers = await Promise.all(Array.from({ length: 12 }, (_, i) => person(`rater${i}`)))
    const orders = await Promise.all(buyers.map((b, i) => order(b, { products: i % 3 === 0 ? [products.board] : [products.jar, products.board] })))
    // Reviews go in concurrently while summaries are read.
    const reads: Promise<unknown>[] = []
    await Promise.all(
      buyers.map(async (b, i) => {
        reads.push(ratingSummary(deps(), { supplierId }))
        await writeReview(deps(), b, { orderId: orders[i]!, rating: (i % 5) + 1, body: `review ${i}` })
      }),
    )
    await Promise.all(reads)
    // One hidden by moderators, one older than a year: out of the summary, and out of the recent average.
    const [first] = await db.prisma.review.findMany({ where: { supplierId }, orderBy: { createdAt: 'asc' }, take: 1 })
    await db.prisma.review.update({ where: { id: first!.id }, data: { status: 'HIDDEN' } })
    const [second] = await db.prisma.review.findMany({ where: { supplierId, status: 'PUBLISHED' }, orderBy: { createdAt: 'asc' }, take: 1 })
    await db.prisma.review.update({ where: { id: second!.id }, data: { createdAt: new Date(now.getTime() - 400 * DAY) } })

    // A fresh aggregate, computed here from the rows.
    const expected = async (where: object) => {
      const rows = await db.prisma.review.findMany({ where: { ...where, status: 'PUBLISHED' }, select: { rating: true, createdAt: true } })
      const byRating = new Map<number, { rating: number; n: number; recent: number }>()
      for (const r of rows) {
        const g = byRating.get(r.rating) ?? { rating: r.rating, n: 0, recent: 0 }
        g.n++
        if (r.createdAt.getTime() >= now.getTime() - 365 * DAY) g.recent++
        byRating.set(r.rating, g)
      }
      return summarise([...byRating.values()])
    }
    const supplier = await ratingSummary(deps(), { supplierId })
    expect(supplier).toEqual(await expected({ supplierId }))
    expect(supplier.count).toBe((await db.prisma.review.count({ where: { supplierId } })) - 1)
    expect(supplier.lastTwelveMonthsAverage).not.toBe(supplier.average)
    const board = await ratingSummary(deps(), { productId: products.board })
    expect(board).toEqual(await expected({ order: { items: { some: { productId: products.board } } } }))
    expect(board.count).toBeGreaterThan(0)
    expect(await ratingSummary(deps(), { productId: 'nope' })).toEqual({ count: 0, average: null, distribution: [0, 0, 0, 0, 0], lastTwelveMonthsAverage: null })
  })
})

describe('summarise', () => {
  it('averages to two decimals, counts each star, and averages the last 12 months alone', () => {
    expect(
      summarise([
        { rating: 5, n: 2, recent: 1 },
        { rating: 4, n: 1, recent: 1 },
        { rating: 1, n: 3, recent: 0 },
      ]),
    ).toEqual({ count: 6, average: 2.83, distribution: [3, 0, 0, 1, 2], lastTwelveMonthsAverage: 4.5 })
    expect(summarise([])).toEqual({ count: 0, average: null, distribution: [0, 0, 0, 0, 0], lastTwelveMonthsAverage: null })
  })
})

describe('listing reviews', () => {
  it('sorts by most helpful, newest, highest and lowest, filters by stars, and pages without repeats', async () => {
    const s = await db.prisma.supplier.create({
      data: { slug: `list-${seq++}`, name: 'List', timeZone: 'UTC', products: { create: [{ slug: 'p', name: 'P', description: 'p', priceCents: 1 }] } },
      include: { products: true },
    })
    const productId = s.products[0]!.id
    const written: { id: string; rating: number }[] = []
    for (const [i, rating] of [3, 5, 1, 4, 5, 2].entries()) {
      const b = await person(`l${i}`)
      const o = await db.prisma.order.create({
        data: { number: `L-${seq++}`, buyerId: b.buyerId!, supplierId: s.id, totalCents: 1, status: 'DELIVERED', deliveredAt: DELIVERED, items: { create: [{ productId, quantity: 1, unitPriceCents: 1 }, { productId, quantity: 2, unitPriceCents: 1 }] } },
      })
      now = new Date(now.getTime() + 1000)
      written.push(await writeReview(deps(), b, { orderId: o.id, rating, body: `r${i}` }))
    }
    await db.prisma.review.update({ where: { id: written[0]!.id }, data: { helpfulCount: 7 } })
    await db.prisma.review.update({ where: { id: written[3]!.id }, data: { helpfulCount: 2 } })
    const ratings = async (sort: ReviewSort, extra: object = {}) => (await listReviews(deps(), { supplierId: s.id, sort, limit: 10, ...extra })).map((r) => r.rating)
    expect(await ratings('MOST_HELPFUL')).toEqual([3, 4, 2, 5, 1, 5])
    expect(await ratings('NEWEST')).toEqual([2, 5, 4, 1, 5, 3])
    expect(await ratings('HIGHEST')).toEqual([5, 5, 4, 3, 2, 1])
    expect(await ratings('LOWEST')).toEqual([1, 2, 3, 4, 5, 5])
    expect(await ratings('NEWEST', { stars: [5, 1] })).toEqual([5, 1, 5])

    // Pages of two, forwards, never repeating or skipping.
    const seen: string[] = []
    let after: string | undefined
    for (;;) {
      const page = await listReviews(deps(), { productId, sort: 'HIGHEST', limit: 2, afterId: after })
      if (!page.length) break
      seen.push(...page.map((r) => r.id))
      after = page.at(-1)!.id
    }
    expect(seen).toEqual((await listReviews(deps(), { productId, sort: 'HIGHEST', limit: 10 })).map((r) => r.id))
    expect(new Set(seen).size).toBe(6)
    // An order with two lines of the product counts once in the product's summary.
    expect((await ratingSummary(deps(), { productId })).count).toBe(6)
    const batch = await ratingSummaries(deps(), { productIds: [productId, products.jar, 'junk'] })
    expect(batch.get(productId)!.count).toBe(6)
    expect(batch.get('junk')).toBeUndefined()
  })
})

describe('the supplier’s public response', () => {
  it('is written by the reviewed supplier’s team only, once per review, and edits keep versions', async () => {
    const hal = await person('hal')
    const review = await writeReview(deps(), hal, { orderId: await order(hal), rating: 2, body: 'Lid cracked.' })
    const owner = await db.prisma.user.create({ data: { email: `owner${seq++}@kiln.example`, passwordHash: 'x', displayName: 'Ines' } })
    const member = await db.prisma.supplierMember.create({ data: { supplierId, userId: owner.id, role: 'OWNER' } })
    const teamViewer: Viewer = { userId: owner.id, sessionId: 's', email: owner.email, displayName: 'Ines', platformRole: 'USER', buyerId: null, memberships: [{ supplierId, memberId: member.id, role: 'OWNER' }] }
    const stranger = await db.prisma.supplier.create({ data: { slug: `other-${seq++}`, name: 'Other', timeZone: 'UTC' } })
    const outsider: Viewer = { ...teamViewer, userId: 'x', memberships: [{ supplierId: stranger.id, memberId: member.id, role: 'OWNER' }] }

    await expect(respondToReview(deps(), outsider, { reviewId: review.id, body: 'Hi' })).rejects.toBeInstanceOf(ForbiddenError)
    await expect(respondToReview(deps(), hal, { reviewId: review.id, body: 'Me too' })).rejects.toBeInstanceOf(ForbiddenError)
    await expect(respondToReview(deps(), teamViewer, { reviewId: review.id, body: '   ' })).rejects.toBeInstanceOf(ValidationError)
    expect(await db.prisma.reviewResponse.count({ where: { reviewId: review.id } })).toBe(0)

    const first = await respondToReview(deps(), teamViewer, { reviewId: review.id, body: 'Sorry! A new lid is on its way.' })
    expect(first).toMatchObject({ version: 1, authorMemberId: member.id, body: 'Sorry! A new lid is on its way.' })
    // Two edits at once: consecutive versions, one response.
    await Promise.all(['It shipped today.', 'Tracking sent by message.'].map((body) => respondToReview(deps(), teamViewer, { reviewId: review.id, body })))
    expect(await db.prisma.reviewResponse.count({ where: { reviewId: review.id } })).toBe(1)
    const versions = await responseVersions(deps(), first.id)
    expect(versions.map((v) => v.version)).toEqual([3, 2, 1])
    expect(versions.at(-1)!.body).toBe('Sorry! A new lid is on its way.')
    const current = (await responsesFor(deps(), [review.id])).get(review.id)!
    expect(current.version).toBe(3)
    expect(current.body).toBe(versions[0]!.body)
    expect(current.createdAt.getTime()).toBe(now.getTime())
  })
})

describe('review events', () => {
  it('record each change in order with its cause, and announce it after the commit', async () => {
    const s = await db.prisma.supplier.create({
      data: { slug: `ev-${seq++}`, name: 'Events', timeZone: 'UTC', products: { create: [{ slug: 'p', name: 'P', description: 'p', priceCents: 1 }] } },
      include: { products: true },
    })
    const announced: string[] = []
    const d = { ...deps(), announce: (id: string) => announced.push(id) }
    const start = await lastEventId(d)
    const buyers = await Promise.all(Array.from({ length: 6 }, (_, i) => person(`ev${i}`)))
    const orderFor = (b: Viewer) =>
      db.prisma.order
        .create({ data: { number: `E-${seq++}`, buyerId: b.buyerId!, supplierId: s.id, totalCents: 1, status: 'DELIVERED', deliveredAt: DELIVERED, items: { create: [{ productId: s.products[0]!.id, quantity: 1, unitPriceCents: 1 }] } } })
        .then((o) => o.id)
    const orders = await Promise.all(buyers.map(orderFor))
    // Written at once: every event is there, in id order, none skipped by a reader.
    const written = await Promise.all(buyers.map((b, i) => writeReview(d, b, { orderId: orders[i]!, rating: 4, body: `r${i}` })))
    await updateReview(d, buyers[0]!, { reviewId: written[0]!.id, rating: 5, body: 'better' })
    await deleteReview(d, buyers[1]!, { reviewId: written[1]!.id })
    const events = await reviewEventsAfter(d, s.id, start)
    expect(events.map((e) => e.type)).toEqual([...Array(6).fill('REVIEW_ADDED'), 'REVIEW_UPDATED', 'REVIEW_DELETED'])
    expect(new Set(events.slice(0, 6).map((e) => e.reviewId))).toEqual(new Set(written.map((r) => r.id)))
    expect(events.map((e) => BigInt(e.id))).toEqual([...events.map((e) => BigInt(e.id))].sort((a, b) => (a < b ? -1 : 1)))
    expect(announced).toEqual(Array(8).fill(s.id))
    // After a cursor: only what came later.
    expect((await reviewEventsAfter(d, s.id, BigInt(events[5]!.id))).map((e) => e.type)).toEqual(['REVIEW_UPDATED', 'REVIEW_DELETED'])
    // A refused write records nothing and announces nothing.
    await expect(writeReview(d, buyers[2]!, { orderId: orders[2]!, rating: 1, body: 'again' })).rejects.toBeInstanceOf(AlreadyReviewedError)
    expect(await reviewEventsAfter(d, s.id, BigInt(events.at(-1)!.id))).toEqual([])
    expect(announced).toHaveLength(8)
  })
})

describe('a review naming the conversation where its problem was handled', () => {
  it('takes only the buyer’s own conversation with the supplier, and shows it resolved once the buyer confirms it', async () => {
    const ida = await person('ida')
    const other = await person('other')
    const conversation = await db.prisma.conversation.create({ data: { buyerId: ida.buyerId!, supplierId, subject: 'Chipped lid' } })
    const strangers = await db.prisma.conversation.create({ data: { buyerId: other.buyerId!, supplierId } })
    const orderId = await order(ida)
    const before = await reviewCount()
    await expect(writeReview(deps(), ida, { orderId, rating: 2, body: 'Lid chipped.', conversationId: strangers.id })).rejects.toMatchObject({ field: 'conversationId' })
    await expect(writeReview(deps(), ida, { orderId, rating: 2, body: 'Lid chipped.', conversationId: 'nope' })).rejects.toMatchObject({ field: 'conversationId' })
    expect(await reviewCount()).toBe(before)

    const review = await writeReview(deps(), ida, { orderId, rating: 2, body: 'Lid chipped.', conversationId: conversation.id })
    expect(review.conversationId).toBe(conversation.id)
    expect(await reviewResolutions(deps(), [review.id])).toEqual(new Map())

    // The buyer's "this answered my question" on the conversation (messaging's confirmResolved).
    const confirmedAt = new Date(now.getTime() + DAY)
    await db.prisma.conversation.update({ where: { id: conversation.id }, data: { status: 'RESOLVED', resolvedAt: confirmedAt, buyerConfirmedAt: confirmedAt } })
    expect(await reviewResolutions(deps(), [review.id])).toEqual(new Map([[review.id, confirmedAt]]))

    // Updating keeps the link unless told otherwise; both versions stay.
    const updated = await updateReview(deps(), ida, { reviewId: review.id, rating: 4, body: 'They sent a new lid at once.' })
    expect(updated.conversationId).toBe(conversation.id)
    expect((await reviewVersions(deps(), review.id)).map((v) => v.rating)).toEqual([4, 2])
    expect((await updateReview(deps(), ida, { reviewId: review.id, rating: 4, body: 'They sent a new lid at once.', conversationId: null })).conversationId).toBeNull()
  })
})
