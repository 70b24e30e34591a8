import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PrismaClient } from '../generated/prisma/client.ts'
import { createTestDb, type TestDb } from '../testing.ts'
import { DEMO_ACCOUNTS, DEMO_PASSWORD, buildSeedRows, isEmpty, seed, type SeedSummary } from './index.ts'

// A fixed clock: the demo is built relative to it, so assertions about time are exact.
const now = new Date('2026-03-15T10:00:00Z')

describe('demo seed', () => {
  let db: TestDb
  let prisma: PrismaClient
  let summary: SeedSummary
  let hashCalls = 0
  let emptyBefore: boolean

  beforeAll(async () => {
    db = await createTestDb()
    prisma = db.prisma
    emptyBefore = await isEmpty(prisma)
    summary = await seed(prisma, {
      now,
      hashPassword: async (p) => {
        hashCalls++
        return 'test-hash:' + p
      },
    })
  })
  afterAll(async () => {
    await db?.drop()
  })

  it('reports what it inserted, and the database agrees', async () => {
    expect(emptyBefore).toBe(true)
    expect(await isEmpty(prisma)).toBe(false)
    expect(summary).toMatchObject({
      suppliers: await prisma.supplier.count(),
      products: await prisma.product.count(),
      buyers: await prisma.buyer.count(),
      orders: await prisma.order.count(),
      conversations: await prisma.conversation.count(),
      messages: await prisma.message.count(),
      reviews: await prisma.review.count(),
      questions: await prisma.productQuestion.count(),
    })
    expect(summary.products).toBeGreaterThanOrEqual(35)
    expect(summary.buyers).toBeGreaterThanOrEqual(20)
  })

  it('hashes the demo password once and gives every account that hash', async () => {
    expect(hashCalls).toBe(1)
    const hashes = await prisma.user.groupBy({ by: ['passwordHash'], _count: true })
    expect(hashes.map((h) => h.passwordHash)).toEqual([`test-hash:${DEMO_PASSWORD}`])
  })

  it('seeds six suppliers with distinct time zones, each with an owner and agents', async () => {
    const suppliers = await prisma.supplier.findMany({ include: { members: true, products: true, serviceHours: true } })
    expect(suppliers).toHaveLength(6)
    expect(new Set(suppliers.map((s) => s.timeZone)).size).toBe(6)
    for (const s of suppliers) {
      expect(s.philosophy?.length).toBeGreaterThan(100)
      expect(s.members.filter((m) => m.role === 'OWNER')).toHaveLength(1)
      expect(s.members.filter((m) => m.role === 'AGENT').length).toBeGreaterThanOrEqual(1)
      expect(s.products.length).toBeGreaterThanOrEqual(5)
      expect(new Set(s.products.map((p) => p.currency)).size).toBe(1)
      for (const h of s.serviceHours) {
        expect(h.weekday).toBeGreaterThanOrEqual(1)
        expect(h.weekday).toBeLessThanOrEqual(7)
        expect(h.closesAt).toBeGreaterThan(h.opensAt)
      }
    }
  })

  it('has a split shift, Saturday hours, holidays and one supplier away', async () => {
    const hours = await prisma.serviceHours.findMany()
    const perDay = new Map<string, number>()
    for (const h of hours)
      perDay.set(`${h.supplierId}/${h.weekday}`, (perDay.get(`${h.supplierId}/${h.weekday}`) ?? 0) + 1)
    expect(Math.max(...perDay.values())).toBeGreaterThanOrEqual(2)
    expect(hours.some((h) => h.weekday === 6)).toBe(true)
    expect(await prisma.supplierClosure.count()).toBeGreaterThanOrEqual(6)
    const away = await prisma.supplier.findMany({ where: { awayEnabled: true } })
    expect(away).toHaveLength(1)
    expect(away[0]?.awayMessage).toBeTruthy()
  })

  it('has every demo account with the role it is advertised as', async () => {
    const [buyer, owner, agent, moderator, admin] = await Promise.all(
      DEMO_ACCOUNTS.map((a) =>
        prisma.user.findUniqueOrThrow({ where: { email: a.email }, include: { buyer: true, memberships: true } }),
      ),
    )
    expect(buyer?.buyer).not.toBeNull()
    expect(await prisma.conversation.count({ where: { buyerId: buyer!.buyer!.id } })).toBeGreaterThanOrEqual(3)
    expect(owner?.memberships.map((m) => m.role)).toEqual(['OWNER'])
    expect(agent?.memberships.map((m) => m.role)).toEqual(['AGENT'])
    expect(moderator?.platformRole).toBe('MODERATOR')
    expect(admin?.platformRole).toBe('ADMIN')
    expect(await prisma.user.count({ where: { platformRole: 'MODERATOR' } })).toBe(2)
    expect(await prisma.user.count({ where: { platformRole: 'ADMIN' } })).toBe(1)
  })

  it('every conversation status has a conversation', async () => {
    const byStatus = await prisma.conversation.groupBy({ by: ['status'], _count: true })
    expect(byStatus.map((s) => s.status).sort()).toEqual(['AWAITING_BUYER', 'AWAITING_SUPPLIER', 'OPEN', 'RESOLVED'])
    expect(await prisma.conversation.count({ where: { productId: { not: null } } })).toBeGreaterThan(0)
    expect(await prisma.conversation.count({ where: { orderId: { not: null } } })).toBeGreaterThan(0)
    expect(await prisma.conversation.count({ where: { assigneeId: { not: null } } })).toBeGreaterThan(0)
    expect(await prisma.conversation.count({ where: { labels: { isEmpty: false } } })).toBeGreaterThan(0)
  })

  it('message sequences are gap-free per conversation and match lastSequence', async () => {
    const conversations = await prisma.conversation.findMany({
      include: { messages: { orderBy: { sequence: 'asc' } } },
    })
    for (const c of conversations) {
      expect(c.messages.map((m) => m.sequence)).toEqual(c.messages.map((_, i) => i + 1))
      expect(c.lastSequence).toBe(c.messages.length)
      const last = c.messages.at(-1)!
      expect(c.lastMessageAt).toEqual(last.createdAt)
      expect(last.body.startsWith(c.lastMessagePreview!.replace(/…$/, ''))).toBe(true)
      // Messages are in time order, in the past, and within the last ~two months.
      const times = c.messages.map((m) => m.createdAt.getTime())
      expect(times).toEqual([...times].sort((a, b) => a - b))
      expect(Math.max(...times)).toBeLessThanOrEqual(now.getTime())
      expect(Math.min(...times)).toBeGreaterThan(now.getTime() - 70 * 24 * 3600 * 1000)
      for (const m of c.messages) {
        if (m.kind === 'TEXT') expect(m.authorId).not.toBeNull()
      }
    }
  })

  it('sends the away message as an auto-reply and records a buyer-confirmed resolution', async () => {
    const auto = await prisma.message.findMany({
      where: { kind: 'AUTO_REPLY' },
      include: { conversation: { include: { supplier: true } } },
    })
    expect(auto.length).toBeGreaterThanOrEqual(1)
    for (const m of auto) {
      expect(m.authorSide).toBe('SUPPLIER')
      expect(m.body).toBe(m.conversation.supplier.awayMessage)
    }
    const confirmed = await prisma.conversation.findMany({ where: { buyerConfirmedAt: { not: null } } })
    expect(confirmed.length).toBeGreaterThanOrEqual(1)
    for (const c of confirmed) {
      expect(c.status).toBe('RESOLVED')
      expect(c.buyerConfirmedAt!.getTime()).toBeGreaterThanOrEqual(c.resolvedAt!.getTime())
    }
    expect(await prisma.conversation.count({ where: { status: 'RESOLVED', resolvedAt: null } })).toBe(0)
  })

  it('gives participants read positions within their conversation, with unread threads left unread', async () => {
    const positions = await prisma.readPosition.findMany({
      include: { conversation: { include: { buyer: true, supplier: { include: { members: true } } } } },
    })
    expect(positions.length).toBeGreaterThan(0)
    for (const p of positions) {
      expect(p.lastReadSequence).toBeLessThanOrEqual(p.conversation.lastSequence)
      if (p.side === 'BUYER') expect(p.userId).toBe(p.conversation.buyer.userId)
      else expect(p.conversation.supplier.members.map((m) => m.userId)).toContain(p.userId)
    }
    expect(positions.some((p) => p.lastReadSequence < p.conversation.lastSequence)).toBe(true)
  })

  it('orders have unique R- numbers, totals that add up, and dates that fit their status', async () => {
    const orders = await prisma.order.findMany({ include: { items: true } })
    expect(new Set(orders.map((o) => o.number)).size).toBe(orders.length)
    for (const o of orders) {
      expect(o.number).toMatch(/^R-\d{5}$/)
      expect(o.totalCents).toBe(o.items.reduce((sum, i) => sum + i.quantity * i.unitPriceCents, 0))
      expect(o.expectedDeliveryDate).not.toBeNull()
      expect(o.deliveredAt !== null).toBe(o.status === 'DELIVERED')
      expect(o.cancelledAt !== null).toBe(o.status === 'CANCELLED')
    }
    expect(new Set(orders.map((o) => o.status))).toEqual(new Set(['PLACED', 'SHIPPED', 'DELIVERED', 'CANCELLED']))
  })

  it('has a relationship for every pair that ordered or talked, dated by their first order', async () => {
    const [relationships, orders, conversations] = await Promise.all([
      prisma.relationship.findMany(),
      prisma.order.findMany(),
      prisma.conversation.findMany(),
    ])
    const pairs = new Set([...orders, ...conversations].map((x) => `${x.buyerId}|${x.supplierId}`))
    expect(new Set(relationships.map((r) => `${r.buyerId}|${r.supplierId}`))).toEqual(pairs)
    for (const r of relationships) {
      const placed = orders
        .filter((o) => o.buyerId === r.buyerId && o.supplierId === r.supplierId)
        .map((o) => o.placedAt.getTime())
      expect(r.firstOrderAt?.getTime() ?? null).toBe(placed.length ? Math.min(...placed) : null)
    }
    expect(relationships.some((r) => r.firstOrderAt === null)).toBe(true)
  })

  it('reviews only delivered orders, once each, with a first version and consistent helpful counts', async () => {
    const reviews = await prisma.review.findMany({
      include: { order: true, versions: true, helpfulVotes: true, response: { include: { author: true } } },
    })
    for (const r of reviews) {
      expect(r.order.status).toBe('DELIVERED')
      expect(r.createdAt.getTime()).toBeGreaterThan(r.order.deliveredAt!.getTime())
      expect(r.buyerId).toBe(r.order.buyerId)
      expect(r.versions.map((v) => [v.version, v.rating, v.body])).toEqual([[1, r.rating, r.body]])
      expect(r.helpfulCount).toBe(r.helpfulVotes.length)
      if (r.response) expect(r.response.author.supplierId).toBe(r.supplierId)
    }
    const ratings = reviews.map((r) => r.rating)
    expect(ratings.filter((x) => x <= 3).length).toBeGreaterThanOrEqual(3)
    expect(ratings.filter((x) => x === 5).length).toBeGreaterThan(ratings.length / 2)
    // Suppliers answer the critical reviews too.
    expect(reviews.filter((r) => r.rating <= 3).every((r) => r.response)).toBe(true)
  })

  it('invites the buyer of every delivered order to review it, at delivery, and no one else', async () => {
    const delivered = await prisma.order.findMany({ where: { status: 'DELIVERED' }, include: { reviewInvitation: true, review: true } })
    for (const o of delivered) expect(o.reviewInvitation).toMatchObject({ buyerId: o.buyerId, invitedAt: o.deliveredAt, dismissedAt: null })
    expect(await prisma.reviewInvitation.count()).toBe(delivered.length)
    // Some invitations are still open on the demo: delivered within the window, not reviewed yet.
    const windowStart = now.getTime() - 90 * 24 * 3600 * 1000
    expect(delivered.filter((o) => !o.review && o.deliveredAt!.getTime() > windowStart).length).toBeGreaterThan(0)
  })

  it('answers questions officially, sometimes buyer-to-buyer, and leaves some open', async () => {
    const questions = await prisma.productQuestion.findMany({
      include: { product: true, answers: { include: { author: { include: { memberships: true } } } } },
    })
    expect(questions.some((q) => q.answers.length === 0)).toBe(true)
    const answers = questions.flatMap((q) => q.answers.map((a) => ({ q, a })))
    for (const { q, a } of answers) {
      if (a.supplierId) {
        expect(a.supplierId).toBe(q.product.supplierId)
        expect(a.author.memberships.map((m) => m.supplierId)).toContain(q.product.supplierId)
      }
    }
    expect(answers.some(({ a }) => a.supplierId === null)).toBe(true)
  })

  it('has follows, supplier updates and saved replies with placeholders', async () => {
    expect(await prisma.follow.count()).toBeGreaterThanOrEqual(25)
    expect(await prisma.supplierUpdate.count()).toBeGreaterThanOrEqual(6)
    const replies = await prisma.savedReply.findMany()
    expect(new Set(replies.map((r) => r.supplierId)).size).toBe(6)
    const bodies = replies.map((r) => r.body).join('\n')
    for (const placeholder of ['{{buyer.firstName}}', '{{order.number}}', '{{agent.firstName}}'])
      expect(bodies).toContain(placeholder)
  })

  it('has open reports for the moderators and one decided: hidden, with its reason, status and reports agreeing', async () => {
    expect(summary.reports).toBe(await prisma.flag.count())
    const flags = await prisma.flag.findMany({ include: { decisions: true } })
    const open = flags.filter((f) => f.status === 'OPEN')
    expect(new Set(open.map((f) => f.targetType))).toEqual(new Set(['REVIEW', 'PRODUCT_QUESTION', 'PRODUCT_ANSWER']))
    for (const f of open) expect(f.resolvedAt).toBeNull()
    // Two people reported the same question: one thing, two reports.
    expect(open.filter((f) => f.targetType === 'PRODUCT_QUESTION')).toHaveLength(2)
    const decided = flags.filter((f) => f.status !== 'OPEN')
    expect(decided.map((f) => [f.targetType, f.status])).toEqual([['REVIEW', 'ACTIONED']])
    const [decision] = decided[0]!.decisions
    expect(decision).toMatchObject({ action: 'HIDE', targetId: decided[0]!.targetId })
    expect(decision!.createdAt.getTime()).toBe(decided[0]!.resolvedAt!.getTime())
    expect(decision!.createdAt.getTime()).toBeGreaterThan(decided[0]!.createdAt.getTime())
    expect(decision!.createdAt.getTime()).toBeLessThanOrEqual(now.getTime())
    const moderator = await prisma.user.findUniqueOrThrow({ where: { id: decision!.moderatorId } })
    expect(moderator.platformRole).toBe('MODERATOR')
    const hidden = await prisma.review.findUniqueOrThrow({ where: { id: decided[0]!.targetId } })
    expect(hidden.status).toBe('HIDDEN')
    // Only that review is hidden; nobody reports their own words.
    expect(await prisma.review.count({ where: { status: { not: 'PUBLISHED' } } })).toBe(1)
    for (const f of flags) {
      const author =
        f.targetType === 'REVIEW'
          ? (await prisma.review.findUniqueOrThrow({ where: { id: f.targetId }, include: { buyer: true } })).buyer.userId
          : f.targetType === 'PRODUCT_QUESTION'
            ? (await prisma.productQuestion.findUniqueOrThrow({ where: { id: f.targetId } })).askerId
            : (await prisma.productAnswer.findUniqueOrThrow({ where: { id: f.targetId } })).authorId
      expect(f.reporterId).not.toBe(author)
    }
  })

  it('builds the same rows for the same now', () => {
    expect(buildSeedRows(now, 'h')).toEqual(buildSeedRows(now, 'h'))
    expect(buildSeedRows(new Date(now.getTime() + 1000), 'h').messages[0]?.createdAt).not.toEqual(
      buildSeedRows(now, 'h').messages[0]?.createdAt,
    )
  })

  it('refuses to seed a non-empty database', async () => {
    const before = await prisma.user.count()
    await expect(seed(prisma, { now, hashPassword: async (p) => p })).rejects.toThrow(/Refusing to seed/)
    expect(await prisma.user.count()).toBe(before)
  })
})
