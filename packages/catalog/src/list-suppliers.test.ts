import { createTestDb, type TestDb } from '@rapport/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countSuppliers, getSupplierBySlug, listSuppliers } from './list-suppliers.ts'

describe('listing suppliers', () => {
  let db: TestDb
  const names = ['Yuzu & Clay', 'Alder Workshop', 'Bean Collective', 'Cacao Norte', 'Olive & Oak']
  beforeAll(async () => {
    db = await createTestDb()
    await db.prisma.supplier.createMany({
      data: names.map((name, i) => ({
        name,
        slug: name.toLowerCase().replace(/[^a-z]+/g, '-'),
        timeZone: 'UTC',
        location: i === 0 ? 'Kyoto, Japan' : 'Elsewhere',
      })),
    })
  })
  afterAll(() => db.drop())

  it('returns suppliers in alphabetical order', async () => {
    const rows = await listSuppliers({ db: db.prisma }, { limit: 10 })
    expect(rows.map((r) => r.name)).toEqual([...names].sort())
  })

  it('walks forward page by page without overlap or gaps', async () => {
    const seen: string[] = []
    let afterId: string | undefined
    for (;;) {
      const page = await listSuppliers({ db: db.prisma }, { limit: 2, afterId })
      seen.push(...page.map((r) => r.name))
      if (page.length < 2) break
      afterId = page.at(-1)!.id
    }
    expect(seen).toEqual([...names].sort())
  })

  it('reads backwards from a cursor when inverted', async () => {
    const all = await listSuppliers({ db: db.prisma }, { limit: 10 })
    const before = all[3]!
    const rows = await listSuppliers({ db: db.prisma }, { limit: 2, beforeId: before.id, inverted: true })
    expect(rows.map((r) => r.name)).toEqual([all[2]!.name, all[1]!.name])
  })

  it('filters by name, tagline or location, ignoring case', async () => {
    const rows = await listSuppliers({ db: db.prisma }, { limit: 10, search: 'KYOTO' })
    expect(rows.map((r) => r.name)).toEqual(['Yuzu & Clay'])
    expect(await countSuppliers({ db: db.prisma }, { search: 'oak' })).toBe(1)
    expect(await countSuppliers({ db: db.prisma }, { search: '   ' })).toBe(names.length)
  })

  it('finds one supplier by slug, or nothing', async () => {
    expect((await getSupplierBySlug({ db: db.prisma }, 'olive-oak'))?.name).toBe('Olive & Oak')
    expect(await getSupplierBySlug({ db: db.prisma }, 'nobody')).toBeNull()
  })
})
