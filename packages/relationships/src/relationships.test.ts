// Follows, mutes and supplier updates on real databases, with the real notifications domain
// writing the notifications (the job queue itself is tested in @rapport/jobs and the gateway).
import { ForbiddenError, NotFoundError, RateLimitedError, ValidationError, type Clock, type Viewer } from '@rapport/core'
import { availableKinds, createTestDb, type TestDb } from '@rapport/db/testing'
import { listNotifications, notify } from '@rapport/notifications'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RelationshipsDeps } from './deps.ts'
import { follow, followerCounts, following, muteSupplier, unfollow } from './follows.ts'
import { RELATIONSHIP_LIMITS } from './limits.ts'
import { pairHealth, pairTimeline, timelineCursor } from './pair.ts'
import { fanOutSupplierUpdate, postSupplierUpdate, supplierUpdates, updatesFeed } from './updates.ts'

const HOUR = 60 * 60 * 1000

describe.each(availableKinds())('relationships on %s', (kind) => {
  let db: TestDb
  let seq = 0
  let now = new Date('2026-12-01T10:00:00Z')
  const clock: Clock = { now: () => now }
  const fanOuts: string[] = []
  const announced: string[] = []
  const deps = (): RelationshipsDeps => ({
    db: db.prisma,
    clock,
    notify: (tx, notices) => notify(tx, notices),
    enqueueFanOut: async (_tx, updateId) => void fanOuts.push(updateId),
    announce: (ids) => void announced.push(...ids),
  })

  async function user(name: string) {
    return db.prisma.user.create({ data: { email: `${name}.${seq++}@example.com`, passwordHash: 'x', displayName: name } })
  }
  async function buyer(name: string): Promise<Viewer> {
    const u = await user(name)
    const b = await db.prisma.buyer.create({ data: { userId: u.id, displayName: name } })
    return { userId: u.id, sessionId: 's', email: u.email, displayName: name, platformRole: 'USER', buyerId: b.id, memberships: [] }
  }
  async function supplierWithAgent() {
    const s = await db.prisma.supplier.create({ data: { slug: `s-${seq++}`, name: `Supplier ${seq}`, timeZone: 'UTC' } })
    const u = await user('agent')
    const m = await db.prisma.supplierMember.create({ data: { supplierId: s.id, userId: u.id, role: 'AGENT' } })
    const agent: Viewer = { userId: u.id, sessionId: 's', email: u.email, displayName: 'Agent', platformRole: 'USER', buyerId: null, memberships: [{ supplierId: s.id, memberId: m.id, role: 'AGENT' }] }
    return { supplier: s, agent }
  }
  const fanOut = (updateId: string) => db.prisma.$transaction((tx) => fanOutSupplierUpdate(tx, notify, updateId))

  beforeAll(async () => {
    db = await createTestDb(kind)
  })
  afterAll(async () => {
    await db?.drop()
  })

  it('follows once, counts followers, tells the team, lists what a buyer follows, and unfollows', async () => {
    const { supplier, agent } = await supplierWithAgent()
    const maya = await buyer('Maya')
    const joe = await buyer('Joe')
    await follow(deps(), maya, supplier.id)
    await follow(deps(), maya, supplier.id)
    await follow(deps(), joe, supplier.id)
    expect((await followerCounts(deps(), [supplier.id])).get(supplier.id)).toBe(2)
    const told = (await listNotifications(deps(), agent)).items
    expect(told.map((n) => n.text)).toEqual([`Joe now follows ${supplier.name}.`, `Maya now follows ${supplier.name}.`])
    expect(told.every((n) => n.kind === 'NEW_FOLLOWER')).toBe(true)
    expect(announced).toContain(agent.userId)
    expect((await following(deps(), maya)).items.map((f) => f.supplierId)).toEqual([supplier.id])
    await unfollow(deps(), maya, supplier.id)
    expect((await followerCounts(deps(), [supplier.id])).get(supplier.id)).toBe(1)
    expect((await following(deps(), maya)).items).toEqual([])
    await expect(follow(deps(), agent, supplier.id)).rejects.toBeInstanceOf(ForbiddenError)
  })

  it('posts an update to followers, skipping those who muted the supplier (its update still in their feed)', async () => {
    const { supplier, agent } = await supplierWithAgent()
    const loud = await buyer('Loud')
    const quiet = await buyer('Quiet')
    const stranger = await buyer('Stranger')
    await follow(deps(), loud, supplier.id)
    await follow(deps(), quiet, supplier.id)
    await expect(muteSupplier(deps(), stranger, { supplierId: supplier.id, muted: true })).rejects.toBeInstanceOf(ValidationError)
    expect((await muteSupplier(deps(), quiet, { supplierId: supplier.id, muted: true })).mutedAt).toEqual(now)
    const update = await postSupplierUpdate(deps(), agent, { supplierId: supplier.id, title: ' New harvest ', body: 'The first oil of the year is in.' })
    expect(update.title).toBe('New harvest')
    expect(fanOuts).toContain(update.id)
    expect(await fanOut(update.id)).toEqual([loud.userId])
    expect((await listNotifications(deps(), loud)).items[0]).toMatchObject({ kind: 'SUPPLIER_UPDATE', text: `${supplier.name}: New harvest` })
    expect((await listNotifications(deps(), quiet)).items).toEqual([])
    expect((await updatesFeed(deps(), quiet)).items.map((u) => u.id)).toEqual([update.id])
    expect((await updatesFeed(deps(), stranger)).items).toEqual([])
    expect((await supplierUpdates(deps(), supplier.id)).items.map((u) => u.id)).toEqual([update.id])
  })

  it('refuses updates from outside the team and bad input, changing nothing', async () => {
    const { supplier, agent } = await supplierWithAgent()
    const maya = await buyer('Maya')
    await expect(postSupplierUpdate(deps(), maya, { supplierId: supplier.id, title: 't', body: 'b' })).rejects.toBeInstanceOf(ForbiddenError)
    await expect(postSupplierUpdate(deps(), agent, { supplierId: supplier.id, title: '  ', body: 'b' })).rejects.toThrow('Give the update a title.')
    await expect(postSupplierUpdate(deps(), agent, { supplierId: supplier.id, title: 't', body: 'x'.repeat(RELATIONSHIP_LIMITS.updateBodyMax + 1) })).rejects.toBeInstanceOf(ValidationError)
    expect((await supplierUpdates(deps(), supplier.id)).items).toEqual([])
  })

  it(`allows ${RELATIONSHIP_LIMITS.updatesPerDay} updates per rolling day, also when posted at once, and says when the next may go`, async () => {
    const { supplier, agent } = await supplierWithAgent()
    const post = (i: number) => postSupplierUpdate(deps(), agent, { supplierId: supplier.id, title: `Update ${i}`, body: 'News.' })
    const results = await Promise.allSettled(Array.from({ length: RELATIONSHIP_LIMITS.updatesPerDay + 2 }, (_, i) => post(i)))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(RELATIONSHIP_LIMITS.updatesPerDay)
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)
    expect(refused.every((e) => e instanceof RateLimitedError && e.retryAfterSeconds === 24 * 3600)).toBe(true)
    now = new Date(now.getTime() + 25 * HOUR)
    await expect(post(99)).resolves.toMatchObject({ title: 'Update 99' })
  })

  it('shows a pair its history in time order, paged, and the team its health; nobody else sees either', async () => {
    const { supplier, agent } = await supplierWithAgent()
    const maya = await buyer('Maya')
    const other = await buyer('Other')
    const pair = { buyerId: maya.buyerId!, supplierId: supplier.id }
    const t = (iso: string) => new Date(`2026-11-${iso}Z`)
    const order = (at: string, status: 'DELIVERED' | 'CANCELLED' = 'DELIVERED') =>
      db.prisma.order.create({ data: { number: `R-${seq++}`, buyerId: maya.buyerId!, supplierId: supplier.id, totalCents: 1200, status, placedAt: t(at) } })
    const talk = (created: string, last: string, resolved: string | null) =>
      db.prisma.conversation.create({
        data: { buyerId: maya.buyerId!, supplierId: supplier.id, createdAt: t(created), lastMessageAt: t(last), lastSequence: 2, status: resolved ? 'RESOLVED' : 'OPEN', resolvedAt: resolved ? t(resolved) : null },
      })
    const o1 = await order('01T09:00:00')
    const c1 = await talk('02T09:00:00', '02T10:00:00', '02T11:00:00') // resolved in 2 h
    const o2 = await order('10T09:00:00')
    const c2 = await talk('12T09:00:00', '12T09:30:00', '12T13:00:00') // resolved in 4 h
    await order('14T09:00:00', 'CANCELLED')
    const c3 = await talk('20T09:00:00', '21T08:00:00', null) // still open
    const review = await db.prisma.review.create({ data: { orderId: o1.id, buyerId: maya.buyerId!, supplierId: supplier.id, rating: 5, body: 'Lovely.', createdAt: t('05T09:00:00') } })
    // An update before Maya followed did not reach her; the one after did. Another buyer's order is not hers.
    now = t('15T09:00:00')
    const before = await postSupplierUpdate(deps(), agent, { supplierId: supplier.id, title: 'Before', body: 'Old news.' })
    now = t('16T09:00:00')
    await follow(deps(), maya, supplier.id)
    now = t('17T09:00:00')
    const after = await postSupplierUpdate(deps(), agent, { supplierId: supplier.id, title: 'After', body: 'News.' })
    await db.prisma.order.create({ data: { number: `R-${seq++}`, buyerId: other.buyerId!, supplierId: supplier.id, totalCents: 1, placedAt: t('18T09:00:00') } })

    const expected = [
      ['CONVERSATION', c3.id], ['UPDATE', after.id], ['ORDER', expect.any(String)], ['CONVERSATION', c2.id], ['ORDER', o2.id],
      ['REVIEW', review.id], ['CONVERSATION', c1.id], ['ORDER', o1.id],
    ]
    const pages: (readonly [string, string])[] = []
    let cursor: string | null = null
    for (;;) {
      const page: Awaited<ReturnType<typeof pairTimeline>> = await pairTimeline(deps(), cursor ? agent : maya, pair, { first: 3, after: cursor })
      pages.push(...page.items.map((e) => [e.kind, e.id] as const))
      if (!page.hasNextPage) break
      cursor = timelineCursor(page.items.at(-1)!)
    }
    expect(pages).toEqual(expected)
    expect(pages.map(([, id]) => id)).not.toContain(before.id)
    await expect(pairTimeline(deps(), maya, pair, { after: 'nonsense' })).rejects.toBeInstanceOf(ValidationError)
    await expect(pairTimeline(deps(), other, pair)).rejects.toBeInstanceOf(NotFoundError)

    expect(await pairHealth(deps(), agent, pair)).toEqual({
      orderCount: 2,
      repeatOrderCount: 1,
      firstOrderAt: o1.placedAt,
      lastOrderAt: o2.placedAt,
      lastContactAt: c3.lastMessageAt,
      openConversationCount: 1,
      resolvedConversationCount: 2,
      medianResolveSeconds: 3 * 3600,
    })
    await expect(pairHealth(deps(), maya, pair)).rejects.toBeInstanceOf(NotFoundError)
    const stranger = await pairHealth(deps(), agent, { buyerId: other.buyerId!, supplierId: supplier.id })
    expect(stranger).toMatchObject({ orderCount: 1, repeatOrderCount: 0, lastContactAt: null, medianResolveSeconds: null })
  })

  it('pages a feed with a cursor and rejects a cursor it did not hand out', async () => {
    const { supplier, agent } = await supplierWithAgent()
    for (let i = 0; i < 3; i++) {
      now = new Date(now.getTime() + 9 * HOUR)
      await postSupplierUpdate(deps(), agent, { supplierId: supplier.id, title: `U${i}`, body: 'b' })
    }
    const p1 = await supplierUpdates(deps(), supplier.id, { first: 2 })
    expect(p1.items.map((u) => u.title)).toEqual(['U2', 'U1'])
    const p2 = await supplierUpdates(deps(), supplier.id, { first: 2, after: p1.endCursor })
    expect(p2.items.map((u) => u.title)).toEqual(['U0'])
    await expect(supplierUpdates(deps(), supplier.id, { after: 'x' })).rejects.toBeInstanceOf(ValidationError)
  })
})
