import { createTestDb, type TestDb } from '@rapport/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listProducts, ratingSummariesFor, serviceHoursFor } from './products.ts'

describe('a supplier’s catalogue', () => {
  let db: TestDb
  let supplierId: string
  let emptyId: string
  beforeAll(async () => {
    db = await createTestDb()
    const s = await db.prisma.supplier.create({
      data: {
        slug: 'oak',
        name: 'Oak',
        timeZone: 'Europe/Lisbon',
        serviceHours: { create: [{ weekday: 2, opensAt: 540, closesAt: 720 }, { weekday: 1, opensAt: 840, closesAt: 1080 }, { weekday: 1, opensAt: 540, closesAt: 780 }] },
        products: {
          create: [
            { slug: 'board', name: 'Serving board', description: 'Oak.', priceCents: 4500 },
            { slug: 'oil', name: 'Olive oil', description: 'Cold pressed.', priceCents: 1800 },
            { slug: 'old', name: 'Archived thing', description: 'Gone.', priceCents: 100, archivedAt: new Date() },
          ],
        },
      },
    })
    supplierId = s.id
    emptyId = (await db.prisma.supplier.create({ data: { slug: 'empty', name: 'Empty', timeZone: 'UTC' } })).id
    const user = await db.prisma.user.create({ data: { email: 'b@example.com', passwordHash: 'x', displayName: 'B' } })
    const buyer = await db.prisma.buyer.create({ data: { userId: user.id, displayName: 'B' } })
    const ratings = [5, 5, 4, 2]
    for (const [i, rating] of ratings.entries()) {
      const order = await db.prisma.order.create({ data: { number: `R-${i}`, buyerId: buyer.id, supplierId, totalCents: 100 } })
      await db.prisma.review.create({ data: { orderId: order.id, buyerId: buyer.id, supplierId, rating, body: 'ok' } })
    }
    const hidden = await db.prisma.order.create({ data: { number: 'R-h', buyerId: buyer.id, supplierId, totalCents: 100 } })
    await db.prisma.review.create({ data: { orderId: hidden.id, buyerId: buyer.id, supplierId, rating: 1, body: 'spam', status: 'HIDDEN' } })
  })
  afterAll(() => db.drop())

  it('lists products alphabetically, leaving archived ones out', async () => {
    const rows = await listProducts({ db: db.prisma }, { supplierId, limit: 10 })
    expect(rows.map((r) => r.name)).toEqual(['Olive oil', 'Serving board'])
  })

  it('returns service hours by weekday and opening time, and none for a supplier without hours', async () => {
    const hours = await serviceHoursFor({ db: db.prisma }, [supplierId, emptyId])
    expect(hours.get(supplierId)!.map((h) => [h.weekday, h.opensAt])).toEqual([[1, 540], [1, 840], [2, 540]])
    expect(hours.get(emptyId)).toEqual([])
  })

  it('summarises published reviews only: count, mean and the star distribution', async () => {
    const summaries = await ratingSummariesFor({ db: db.prisma }, [supplierId, emptyId])
    expect(summaries.get(supplierId)).toEqual({ count: 4, average: 4, distribution: [0, 1, 0, 1, 2] })
    expect(summaries.get(emptyId)).toEqual({ count: 0, average: null, distribution: [0, 0, 0, 0, 0] })
  })
})
