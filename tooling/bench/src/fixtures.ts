// One seeded database for a benchmark run (PostgreSQL when DATABASE_URL is set, otherwise
// embedded PGlite in a temp folder), the demo accounts' sessions, and the gateway services.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { systemClock } from '@rapport/core'
import { createDb, type Db } from '@rapport/db'
import { createTestDb } from '@rapport/db/testing'
import { createLogger } from '@rapport/gateway/logger'
import { createServices } from '@rapport/gateway/services'
import { createSession } from '@rapport/identity'
import { deleteKeysWithPrefix } from '@rapport/realtime'
import { prepareDatabase } from '@rapport/scripts/prepare'

export type Fixture = {
  db: Db
  /** What child processes use to open the same database (closed in this process first, for PGlite). */
  databaseUrl: string
  kind: 'postgres' | 'pglite'
  tokens: { buyer: string; agent: string }
  supplierSlug: string
  conversationId: string
  services: ReturnType<typeof createServices>
  /** Closes this process's connection (PGlite: before a child opens it). */
  release(): Promise<void>
  reopen(): Promise<void>
  cleanup(): Promise<void>
}

export async function createFixture(): Promise<Fixture> {
  const usePostgres = !!process.env.DATABASE_URL?.startsWith('postgres')
  let db: Db
  let databaseUrl: string
  let cleanup: () => Promise<void>
  if (usePostgres) {
    const t = await createTestDb('postgres')
    db = t
    databaseUrl = t.url!
    cleanup = () => t.drop()
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-'))
    databaseUrl = `pglite:${path.join(dir, 'pglite')}`
    db = await createDb(databaseUrl)
    cleanup = async () => {
      await db.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
  await prepareDatabase(db, { seed: 'if-empty' })
  const user = (email: string) => db.prisma.user.findUniqueOrThrow({ where: { email } })
  const deps = { db: db.prisma, clock: systemClock }
  const buyer = await user('maya.lindqvist@example.com')
  const agent = await user('tiago@olive-oak.example')
  const conversation = await db.prisma.conversation.findFirstOrThrow({
    where: { buyerId: (await db.prisma.buyer.findUniqueOrThrow({ where: { userId: buyer.id } })).id, supplier: { slug: 'olive-oak' } },
    orderBy: { lastMessageAt: 'desc' },
  })
  const tokens = { buyer: (await createSession(deps, buyer.id)).token, agent: (await createSession(deps, agent.id)).token }
  const logger = createLogger({ level: 'silent', pretty: false })
  const makeServices = () =>
    createServices({
      db,
      logger,
      redisUrl: process.env.REDIS_URL,
      prefix: `rapport-bench-${process.pid}:`,
      // Benchmarks send on purpose far faster than a person.
      sendBudgets: [{ points: 1_000_000, durationSeconds: 1 }],
      attachmentsDir: mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-files-')),
    })
  const fixture: Fixture = {
    db,
    databaseUrl,
    kind: usePostgres ? 'postgres' : 'pglite',
    tokens,
    supplierSlug: 'olive-oak',
    conversationId: conversation.id,
    services: makeServices(),
    async release() {
      if (!usePostgres) await db.close()
    },
    async reopen() {
      if (usePostgres) return
      db = await createDb(databaseUrl)
      fixture.db = db
      await fixture.services.close()
      fixture.services = makeServices()
    },
    async cleanup() {
      await fixture.services.close()
      await cleanup()
      // This run's Redis namespaces: the fixture's, and those of the gateways P4, P6 and P7 start.
      const redisUrl = process.env.REDIS_URL
      if (redisUrl)
        for (const name of ['', 'p4-', 'p7-', 'mem-']) await deleteKeysWithPrefix(redisUrl, `rapport-bench-${name}${process.pid}:`)
    },
  }
  return fixture
}
