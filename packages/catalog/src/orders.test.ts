import { ConflictError, NotFoundError, UnauthenticatedError, type Viewer } from '@rapport/core'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { markOrderDelivered, type DeliveredOrder, type OrdersDeps } from './orders.ts'

describe('recording a delivery', () => {
  let db: TestDb
  let supplierId: string
  let buyerId: string
  let seq = 0
  const now = new Date('2026-11-20T10:00:00Z')
  const member = (role: 'OWNER' | 'AGENT', supplier = () => supplierId): Viewer => ({
    userId: '00000000-0000-4000-8000-000000000001', sessionId: 's', email: 'm@example.com', displayName: 'M', platformRole: 'USER', buyerId: null,
    memberships: [{ supplierId: supplier(), memberId: 'x', role }],
  })
  // What the delivery set off, as the hook saw it inside the transaction.
  let delivered: DeliveredOrder[] = []
  const deps = (hook?: OrdersDeps['onDelivered']): OrdersDeps => ({
    db: db.prisma,
    clock: { now: () => now },
    onDelivered: hook ?? (async (tx, o) => { delivered.push(o); await tx.domainEvent.count() }),
  })
  const order = async (status: 'PLACED' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED' = 'SHIPPED') =>
    (await db.prisma.order.create({ data: { number: `R-${seq++}`, buyerId, supplierId, totalCents: 100, status } })).id
  const statusOf = async (id: string) => (await db.prisma.order.findUniqueOrThrow({ where: { id } })).status

  beforeAll(async () => {
    db = await createTestDb()
    supplierId = (await db.prisma.supplier.create({ data: { slug: 'oak', name: 'Oak', timeZone: 'UTC' } })).id
    const user = await db.prisma.user.create({ data: { email: 'b@example.com', passwordHash: 'x', displayName: 'B' } })
    buyerId = (await db.prisma.buyer.create({ data: { userId: user.id, displayName: 'B' } })).id
  })
  afterAll(() => db.drop())

  it('marks a shipped order delivered at the clock’s time and sets off what follows, once', async () => {
    delivered = []
    const id = await order()
    await markOrderDelivered(deps(), member('AGENT'), id)
    const row = await db.prisma.order.findUniqueOrThrow({ where: { id } })
    expect([row.status, row.deliveredAt]).toEqual(['DELIVERED', now])
    expect(delivered).toEqual([{ id, buyerId, supplierId, deliveredAt: now }])
    // A repeated report changes nothing and sets nothing off again.
    await markOrderDelivered(deps(), member('OWNER'), id)
    expect(delivered).toHaveLength(1)
  })

  it('delivers once when two reports arrive at the same moment', async () => {
    delivered = []
    const id = await order('PLACED')
    await Promise.all([markOrderDelivered(deps(), member('AGENT'), id), markOrderDelivered(deps(), member('OWNER'), id)])
    expect(delivered.map((d) => d.id)).toEqual([id])
  })

  it('records nothing when what follows fails: the delivery and its consequences are one transaction', async () => {
    const id = await order()
    const failing: OrdersDeps['onDelivered'] = async () => { throw new Error('invitation store down') }
    await expect(markOrderDelivered(deps(failing), member('AGENT'), id)).rejects.toThrow('invitation store down')
    expect(await statusOf(id)).toBe('SHIPPED')
  })

  it('refuses a cancelled order, another supplier’s order, an unknown id and a signed-out caller, changing nothing', async () => {
    delivered = []
    const cancelled = await order('CANCELLED')
    await expect(markOrderDelivered(deps(), member('OWNER'), cancelled)).rejects.toBeInstanceOf(ConflictError)
    expect(await statusOf(cancelled)).toBe('CANCELLED')
    const other = (await db.prisma.supplier.create({ data: { slug: `elm-${seq++}`, name: 'Elm', timeZone: 'UTC' } })).id
    const id = await order()
    await expect(markOrderDelivered(deps(), member('OWNER', () => other), id)).rejects.toBeInstanceOf(NotFoundError)
    await expect(markOrderDelivered(deps(), member('OWNER'), 'not-an-id')).rejects.toBeInstanceOf(NotFoundError)
    await expect(markOrderDelivered(deps(), null, id)).rejects.toBeInstanceOf(UnauthenticatedError)
    expect(await statusOf(id)).toBe('SHIPPED')
    expect(delivered).toEqual([])
  })
})
