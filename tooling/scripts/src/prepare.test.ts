import { createDb } from '@rapport/db'
import { availableKinds, createTestDb } from '@rapport/db/testing'
import { describe, expect, it } from 'vitest'
import { prepareDatabase } from './prepare.ts'

describe.each(availableKinds())('preparing a %s database for npm start', (kind) => {
  it('seeds an empty database once, and reuses the data on the next start', async () => {
    const db = await createTestDb(kind)
    try {
      const first = await prepareDatabase(db, { seed: 'if-empty' })
      expect(first.seeded).toMatchObject({ suppliers: 6, buyers: 25 })
      const users = await db.prisma.user.count()

      const second = await prepareDatabase(db, { seed: 'if-empty' })
      expect(second).toEqual({ applied: [], seeded: null })
      expect(await db.prisma.user.count()).toBe(users)
    } finally {
      await db.drop()
    }
  })
})

describe('an empty embedded database on first start', () => {
  it('gets every migration applied before anything else', async () => {
    const db = await createDb('pglite:memory')
    try {
      const out = await prepareDatabase(db, { seed: 'never' })
      expect(out.applied.length).toBeGreaterThan(0)
      expect(out.seeded).toBeNull()
      expect(await db.prisma.supplier.count()).toBe(0)
    } finally {
      await db.close()
    }
  })
})
