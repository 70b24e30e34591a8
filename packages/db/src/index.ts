// @rapport/db: one way to open the database, whichever kind DATABASE_URL names.
import { PrismaClient } from './generated/prisma/client.ts'
import { createAdapterFactory, type AdapterFactory, type AdapterOptions } from './adapter.ts'
export type { AdapterOptions, DbTimeouts } from './adapter.ts'
import type { SqlRunner } from './sql.ts'
import { resolveTarget, type DbTarget } from './target.ts'

export type Db = {
  prisma: PrismaClient
  target: DbTarget
  /** The driver-adapter factory, shared with the migration engine. */
  factory: AdapterFactory
  /** Hand-written SQL on the same connections, without the Prisma client (hot paths only). */
  sql: SqlRunner
  /** Round trip to the database, for readiness checks. */
  ping(): Promise<void>
  close(): Promise<void>
}

/**
 * Opens embedded PGlite (DATABASE_URL unset or `pglite:`) or PostgreSQL (`postgresql://`).
 * Throws DatabaseConfigError / DatabaseUnavailableError with a one-line message.
 */
export async function createDb(url: string | undefined = process.env.DATABASE_URL, opts: AdapterOptions = {}): Promise<Db> {
  const target = resolveTarget(url)
  const factory = await createAdapterFactory(target, opts)
  const prisma = new PrismaClient({ adapter: factory })
  let closed = false
  return {
    prisma,
    target,
    factory,
    sql: factory.sql,
    async ping() {
      await prisma.$queryRawUnsafe('SELECT 1')
    },
    async close() {
      if (closed) return
      closed = true
      await prisma.$disconnect()
      await factory.close()
    },
  }
}

export { resolveTarget, redact, repoRoot, defaultDataDir, type DbTarget } from './target.ts'
export { DatabaseConfigError, DatabaseUnavailableError } from './errors.ts'
export { sqlState, type SqlQueryable, type SqlRunner } from './sql.ts'
// The generated client: PrismaClient, the Prisma namespace, model types and enums.
export * from './generated/prisma/client.ts'
