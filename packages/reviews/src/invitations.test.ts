import { UnauthenticatedError, type Clock, type Viewer } from '@rapport/core'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { NotYourOrderError } from './errors.ts'
import { dismissReviewInvitation, inviteToReview, openReviewInvitationCount, openReviewInvitations } from './invitations.ts'
import { writeReview } from './write-review.ts'

const DAY = 24 * 60 * 60 * 1000
let db: TestDb
let supplierId: string
let productId: string
let seq = 0
let now = new Date('2026-11-01T12:00:00Z')
const clock: Clock = { now: () => now }
const deps = () => ({ db: db.prisma, clock })

async function buyer(name: string): Promise<Viewer> {
  const user = await db.prisma.user.create({ data: { email: `${name}.${seq++}@example.com`, passwordHash: 'x', displayName: name } })
  const b = await db.prisma.buyer.create({ data: { userId: user.id, displayName: name } })
  return { userId: user.id, sessionId: 's', email: user.email, displayName: name, platformRole: 'USER', buyerId: b.id, memberships: [] }
}

/** An order delivered `daysAgo` days ago, invited the way a delivery invites: inside its transaction. */
async function deliveredAndInvited(v: Viewer, daysAgo: number) {
  const deliveredAt = new Date(now.getTime() - daysAgo * DAY)
  return db.prisma.$transaction(async (tx) => {
    const o = await tx.order.create({
      data: { number: `R-${seq++}`, buyerId: v.buyerId!, supplierId, totalCents: 100, status: 'DELIVERED', deliveredAt, items: { create: [{ productId, quantity: 1, unitPriceCents: 100 }] } },
    })
    expect(await inviteToReview(tx, o, deliveredAt)).toBe(true)
    return o.id
  })
}
const openIds = async (v: Viewer) => (await openReviewInvitations(deps(), v.buyerId!, { limit: 50 })).map((i) => i.orderId)

beforeAll(async () => {
  db = await createTestDb()
  const s = await db.prisma.supplier.create({
    data: { slug: 'kiln', name: 'Kiln', timeZone: 'UTC', products: { create: [{ slug: 'jar', name: 'Jar', description: 'Clay.', priceCents: 100 }] } },
    include: { products: true },
  })
  supplierId = s.id
  productId = s.products[0]!.id
})
afterAll(() => db.drop())

describe('review invitations', () => {
  it('invites once per order: a second invitation for the same order is not made', async () => {
    const maya = await buyer('maya')
    const id = await deliveredAndInvited(maya, 1)
    const again = await db.prisma.$transaction((tx) => inviteToReview(tx, { id, buyerId: maya.buyerId! }, now))
    expect(again).toBe(false)
    expect(await db.prisma.reviewInvitation.count({ where: { orderId: id } })).toBe(1)
    expect(await openIds(maya)).toEqual([id])
  })

  it('lists the buyer’s open invitations newest first, with when the window closes, and only theirs', async () => {
    const noah = await buyer('noah')
    const older = await deliveredAndInvited(noah, 10)
    const newer = await deliveredAndInvited(noah, 2)
    await deliveredAndInvited(await buyer('someone-else'), 1)
    const list = await openReviewInvitations(deps(), noah.buyerId!, { limit: 50 })
    expect(list.map((i) => i.orderId)).toEqual([newer, older])
    expect(list[1]!.closesAt).toEqual(new Date(now.getTime() - 10 * DAY + 90 * DAY))
    expect(await openReviewInvitationCount(deps(), noah.buyerId!)).toBe(2)
    // Pages continue after the cursor.
    expect((await openReviewInvitations(deps(), noah.buyerId!, { limit: 1, afterId: newer })).map((i) => i.orderId)).toEqual([older])
  })

  it('closes an invitation when the buyer reviews the order', async () => {
    const ada = await buyer('ada')
    const id = await deliveredAndInvited(ada, 3)
    await writeReview(deps(), ada, { orderId: id, rating: 4, body: 'Good.' })
    expect(await openIds(ada)).toEqual([])
  })

  it('closes an invitation when the review window closes (the deployment’s window, if set)', async () => {
    const eve = await buyer('eve')
    const id = await deliveredAndInvited(eve, 89)
    expect(await openIds(eve)).toEqual([id])
    now = new Date(now.getTime() + 2 * DAY)
    try {
      expect(await openIds(eve)).toEqual([])
      expect(await openReviewInvitations({ ...deps(), windowDays: 120 }, eve.buyerId!, { limit: 5 })).toHaveLength(1)
    } finally {
      now = new Date(now.getTime() - 2 * DAY)
    }
  })

  it('“not now” dismisses it for good, only for its own buyer; the order can still be reviewed', async () => {
    const kim = await buyer('kim')
    const id = await deliveredAndInvited(kim, 1)
    await expect(dismissReviewInvitation(deps(), await buyer('mallory'), id)).rejects.toBeInstanceOf(NotYourOrderError)
    await expect(dismissReviewInvitation(deps(), null, id)).rejects.toBeInstanceOf(UnauthenticatedError)
    await expect(dismissReviewInvitation(deps(), kim, 'nope')).rejects.toBeInstanceOf(NotYourOrderError)
    expect(await openIds(kim)).toEqual([id])
    await dismissReviewInvitation(deps(), kim, id)
    await dismissReviewInvitation(deps(), kim, id)
    expect(await openIds(kim)).toEqual([])
    await expect(writeReview(deps(), kim, { orderId: id, rating: 5, body: 'Lovely after all.' })).resolves.toMatchObject({ rating: 5 })
  })
})
