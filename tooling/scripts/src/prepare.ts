// Brings a database to a usable state: pending migrations applied, demo data when empty.
// Shared by `npm start`, `npm run db:seed` and the browser tests.
import type { Db } from '@rapport/db'
import { deployMigrations } from '@rapport/db/migrations'
import { isEmpty, seed, type SeedSummary } from '@rapport/db/seed'
import { hashPassword } from '@rapport/identity'
import { rebuildResponseIntervals } from '@rapport/messaging'

export type PrepareResult = { applied: string[]; seeded: SeedSummary | null }

export async function prepareDatabase(db: Db, opts: { seed: 'if-empty' | 'never' }): Promise<PrepareResult> {
  const applied = await deployMigrations(db)
  let seeded: SeedSummary | null = null
  if (opts.seed === 'if-empty' && (await isEmpty(db.prisma))) {
    seeded = await seed(db.prisma, { hashPassword })
    // The seed writes message history; response metrics are derived from it.
    await rebuildResponseIntervals(db.prisma)
  }
  return { applied, seeded }
}
