import { createTestDb, type TestDb } from '@rapport/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listProducts, serviceHoursFor } from './products.ts'

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
})
