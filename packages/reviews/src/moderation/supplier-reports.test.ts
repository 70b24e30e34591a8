import { ForbiddenError, UnauthenticatedError, type Clock, type Viewer } from '@rapport/core'
import { availableKinds, createTestDb, type TestDb } from '@rapport/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { respondToReview } from '../respond-to-review.ts'
import { writeReview } from '../write-review.ts'
import { decideFlag } from './decide-flag.ts'
import { flagContent } from './flag-content.ts'
import { openSupplierReportCount, supplierReports, type ReportedItemDTO } from './supplier-reports.ts'

const DAY = 24 * 60 * 60 * 1000
const DELIVERED = new Date('2026-10-01T12:00:00Z')

// What a supplier's team is told about reports on its content, on PGlite (and PostgreSQL in CI).
describe.each(availableKinds())('the supplier’s reported content on %s', (kind) => {
  let db: TestDb
  let now = new Date(DELIVERED.getTime() + 3 * DAY)
  const clock: Clock = { now: () => now }
  const deps = () => ({ db: db.prisma, clock })
  const tick = () => (now = new Date(now.getTime() + 60_000))
  let seq = 0
  let supplierId: string
  let productId: string
  let otherSupplierId: string
  let owner: Viewer
  let agent: Viewer
  let rival: Viewer
  let moderator: Viewer
  let buyer: Viewer
  const made = {} as Record<'review' | 'response' | 'question' | 'answer' | 'official' | 'otherReview', string>

  async function person(name: string, platformRole: Viewer['platformRole'] = 'USER'): Promise<Viewer> {
    const user = await db.prisma.user.create({ data: { email: `${name}.${seq++}@example.com`, passwordHash: 'x', displayName: name, platformRole } })
    const b = await db.prisma.buyer.create({ data: { userId: user.id, displayName: name } })
    return { userId: user.id, sessionId: 's', email: user.email, displayName: name, platformRole, buyerId: b.id, memberships: [] }
  }
  async function member(name: string, supplier: string, role: 'OWNER' | 'AGENT'): Promise<Viewer> {
    const p = await person(name)
    const m = await db.prisma.supplierMember.create({ data: { supplierId: supplier, userId: p.userId, role } })
    return { ...p, memberships: [{ supplierId: supplier, memberId: m.id, role }] }
  }
  async function review(author: Viewer, supplier: string, product: string, body: string) {
    const o = await db.prisma.order.create({
      data: { number: `SR-${seq++}`, buyerId: author.buyerId!, supplierId: supplier, totalCents: 1, status: 'DELIVERED', deliveredAt: DELIVERED, items: { create: [{ productId: product, quantity: 1, unitPriceCents: 1 }] } },
    })
    return writeReview(deps(), author, { orderId: o.id, rating: 1, title: 'Awful', body })
  }
  const list = (viewer: Viewer, input: Partial<Parameters<typeof supplierReports>[2]> = {}) => supplierReports(deps(), viewer, { supplierId, limit: 50, ...input })
  const byId = (items: ReportedItemDTO[], id: string) => items.find((i) => i.id === id)

  beforeAll(async () => {
    db = await createTestDb(kind)
    const s = await db.prisma.supplier.create({
      data: { slug: 'sr', name: 'Olive', timeZone: 'UTC', products: { create: [{ slug: 'jar', name: 'Jar', description: 'j', priceCents: 1 }] } },
      include: { products: true },
    })
    supplierId = s.id
    productId = s.products[0]!.id
    const other = await db.prisma.supplier.create({
      data: { slug: 'sr-other', name: 'Other', timeZone: 'UTC', products: { create: [{ slug: 'cup', name: 'Cup', description: 'c', priceCents: 1 }] } },
      include: { products: true },
    })
    otherSupplierId = other.id
    owner = await member('ana', supplierId, 'OWNER')
    agent = await member('tiago', supplierId, 'AGENT')
    rival = await member('rival', otherSupplierId, 'OWNER')
    moderator = await person('priscila', 'MODERATOR')
    buyer = await person('maya')
    const reporterA = await person('reporter-a')
    const reporterB = await person('reporter-b')

    // Everything about the supplier that can be reported, and one thing about another supplier.
    const r = await review(buyer, supplierId, productId, 'The owner is a crook.')
    made.review = r.id
    made.response = (await respondToReview(deps(), owner, { reviewId: r.id, body: 'Call me on 555-0100.' })).id
    made.question = (await db.prisma.productQuestion.create({ data: { productId, askerId: buyer.userId, body: 'Is it real clay?', anonymous: true, createdAt: now } })).id
    made.answer = (await db.prisma.productAnswer.create({ data: { questionId: made.question, authorId: (await person('ines')).userId, body: 'No, plastic. Buy at cheapjars.example.', createdAt: now } })).id
    made.official = (await db.prisma.productAnswer.create({ data: { questionId: made.question, authorId: agent.userId, supplierId, body: 'Yes, stoneware.', createdAt: now } })).id
    made.otherReview = (await review(buyer, otherSupplierId, other.products[0]!.id, 'Meh.')).id
    const conversation = await db.prisma.conversation.create({ data: { buyerId: buyer.buyerId!, supplierId, lastSequence: 0 } })

    tick()
    await flagContent(deps(), reporterA, { targetType: 'REVIEW', targetId: made.review, reason: 'ABUSE', details: 'I am reporter-a, the neighbour.' })
    tick()
    await flagContent(deps(), reporterB, { targetType: 'REVIEW', targetId: made.review, reason: 'FAKE_REVIEW' })
    tick()
    await flagContent(deps(), reporterA, { targetType: 'REVIEW_RESPONSE', targetId: made.response, reason: 'OFF_PLATFORM_CONTACT' })
    tick()
    await flagContent(deps(), reporterA, { targetType: 'PRODUCT_QUESTION', targetId: made.question, reason: 'SPAM' })
    tick()
    await flagContent(deps(), owner, { targetType: 'PRODUCT_ANSWER', targetId: made.answer, reason: 'OFF_PLATFORM_CONTACT' })
    tick()
    await flagContent(deps(), reporterA, { targetType: 'PRODUCT_ANSWER', targetId: made.official, reason: 'OTHER' })
    tick()
    await flagContent(deps(), reporterA, { targetType: 'REVIEW', targetId: made.otherReview, reason: 'SPAM' })
    await db.prisma.flag.create({ data: { reporterId: buyer.userId, targetType: 'CONVERSATION', targetId: conversation.id, reason: 'ABUSE', createdAt: now } })
  })
  afterAll(() => db.drop())

  it('lists the team’s reported things, one per thing, latest report first — never who reported, how many, or their words', async () => {
    const items = await list(agent)
    expect(items.map((i) => [i.kind, i.id])).toEqual([
      ['PRODUCT_ANSWER', made.official],
      ['PRODUCT_ANSWER', made.answer],
      ['PRODUCT_QUESTION', made.question],
      ['REVIEW_RESPONSE', made.response],
      ['REVIEW', made.review],
    ])
    // Another supplier's review and the reported conversation are not the team's to see.
    expect(items.map((i) => i.id)).not.toContain(made.otherReview)
    expect(items.every((i) => i.kind !== ('CONVERSATION' as string))).toBe(true)

    const review = byId(items, made.review)!
    expect(review).toMatchObject({
      state: 'OPEN',
      status: 'PUBLISHED',
      reasons: ['ABUSE', 'FAKE_REVIEW'],
      reportedOn: now.toISOString().slice(0, 10),
      decision: null,
      fromTeam: false,
      text: 'The owner is a crook.',
      title: 'Awful',
      rating: 1,
      authorName: 'maya',
      reviewId: made.review,
      productName: 'Jar',
    })
    expect(byId(items, made.response)).toMatchObject({ fromTeam: true, text: 'Call me on 555-0100.', reviewId: made.review, authorName: null })
    // An anonymous question stays anonymous.
    expect(byId(items, made.question)).toMatchObject({ authorName: null, text: 'Is it real clay?', questionText: 'Is it real clay?' })
    expect(byId(items, made.official)).toMatchObject({ fromTeam: true, authorName: 'tiago', questionId: made.question })

    const everything = JSON.stringify(items)
    for (const secret of ['reporter-a', 'reporter-b', 'neighbour', 'reporterId', 'details', 'T12:0']) expect(everything).not.toContain(secret)
    expect(Object.keys(review).sort()).toEqual(
      ['authorName', 'decision', 'fromTeam', 'id', 'kind', 'productId', 'productName', 'questionId', 'questionText', 'rating', 'reasons', 'reportedOn', 'reviewId', 'state', 'status', 'text', 'title'].sort(),
    )
    expect(await openSupplierReportCount(deps(), owner, supplierId)).toBe(5)
  })

  it('shows the decision: the public reason for hiding or removing, not the moderators’ words for keeping; withholds a buyer’s hidden text', async () => {
    tick()
    const flagOf = async (id: string) => (await db.prisma.flag.findFirstOrThrow({ where: { targetId: id } })).id
    await decideFlag(deps(), moderator, { flagId: await flagOf(made.review), action: 'HIDE', reason: 'A personal attack on the owner.' })
    await decideFlag(deps(), moderator, { flagId: await flagOf(made.response), action: 'KEEP', reason: 'The reporter is a competitor; a phone number in a reply is allowed.' })
    await decideFlag(deps(), moderator, { flagId: await flagOf(made.answer), action: 'REMOVE', reason: 'Advertising another shop.' })
    await decideFlag(deps(), moderator, { flagId: await flagOf(made.official), action: 'HIDE', reason: 'Hidden by mistake.' })
    await decideFlag(deps(), moderator, { flagId: await flagOf(made.official), action: 'RESTORE', reason: 'Appeal upheld: the reporter misread it.' })

    const items = await list(owner)
    expect(byId(items, made.review)).toMatchObject({ state: 'HIDDEN', status: 'HIDDEN', text: null, title: null, rating: null, authorName: 'maya', decision: { action: 'HIDE', reason: 'A personal attack on the owner.', decidedAt: now } })
    expect(byId(items, made.response)).toMatchObject({ state: 'KEPT', status: 'PUBLISHED', text: 'Call me on 555-0100.', decision: { action: 'KEEP', reason: null } })
    expect(byId(items, made.answer)).toMatchObject({ state: 'REMOVED', text: null, decision: { action: 'REMOVE', reason: 'Advertising another shop.' } })
    expect(byId(items, made.official)).toMatchObject({ state: 'RESTORED', status: 'PUBLISHED', text: 'Yes, stoneware.', decision: { action: 'RESTORE', reason: null } })
    expect(byId(items, made.question)).toMatchObject({ state: 'OPEN' })
    const everything = JSON.stringify(items)
    for (const secret of ['competitor', 'misread', 'crook', 'cheapjars']) expect(everything).not.toContain(secret)
    // Decisions do not reorder the list: it follows the reports.
    expect(items.map((i) => i.id)).toEqual([made.official, made.answer, made.question, made.response, made.review])

    expect((await list(owner, { open: true })).map((i) => i.id)).toEqual([made.question])
    expect(await openSupplierReportCount(deps(), owner, supplierId)).toBe(1)
  })

  it('pages by item, forwards and backwards, without repeats', async () => {
    const all = (await list(owner)).map((i) => i.id)
    const seen: string[] = []
    let afterId: string | null = null
    for (;;) {
      const page = await list(owner, { limit: 2, afterId })
      seen.push(...page.map((i) => i.id))
      if (page.length < 2) break
      afterId = page.at(-1)!.id
    }
    expect(seen).toEqual(all)
    // Backwards from the last item: the two before it, nearest first.
    const back = await list(owner, { limit: 2, beforeId: all.at(-1)!, inverted: true })
    expect(back.map((i) => i.id)).toEqual([all.at(-2), all.at(-3)])
  })

  it('is for the supplier’s team only', async () => {
    for (const who of [buyer, rival, moderator]) {
      await expect(list(who)).rejects.toBeInstanceOf(ForbiddenError)
      await expect(openSupplierReportCount(deps(), who, supplierId)).rejects.toBeInstanceOf(ForbiddenError)
    }
    await expect(supplierReports(deps(), null, { supplierId, limit: 5 })).rejects.toBeInstanceOf(UnauthenticatedError)
  })

  it('drops what its author deleted since', async () => {
    await db.prisma.productAnswer.delete({ where: { id: made.answer } })
    expect((await list(owner)).map((i) => i.id)).not.toContain(made.answer)
  })
})
