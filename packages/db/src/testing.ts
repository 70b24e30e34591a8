// Databases for tests. Each call gets its own, already migrated, and `drop()` removes it:
//  * DATABASE_URL=postgresql://… (CI): a new database rapport_test_<random> on that server;
//  * otherwise: an in-memory PGlite, restored from a cached snapshot of the migrated schema.
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { createDb, type Db } from './index.ts'
import { deployMigrations, migrationsDir } from './migrations.ts'
import { redact, repoRoot, resolveTarget } from './target.ts'

export type TestDb = Db & {
  /** The URL other processes (a gateway under test) can open; null for in-memory PGlite. */
  url: string | null
  drop(): Promise<void>
}

export type TestDbKind = 'pglite' | 'postgres'

/** Which kinds this run can test against: PGlite always, PostgreSQL when DATABASE_URL names one. */
export function availableKinds(): TestDbKind[] {
  return process.env.DATABASE_URL?.startsWith('postgres') ? ['pglite', 'postgres'] : ['pglite']
}

/** A fresh migrated database of the run's main kind (PostgreSQL when DATABASE_URL is set). */
export async function createTestDb(kind: TestDbKind = availableKinds().at(-1)!): Promise<TestDb> {
  return kind === 'postgres' ? createPostgresTestDb(process.env.DATABASE_URL!) : createPGliteTestDb()
}

async function createPostgresTestDb(adminUrl: string): Promise<TestDb> {
  const { default: pg } = await import('pg')
  const name = `rapport_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${name}"`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const db = await createDb(url.toString())
  try {
    await deployMigrations(db)
  } catch (e) {
    await db.close()
    await dropPostgres(adminUrl, name)
    throw e
  }
  return Object.assign(db, {
    url: url.toString(),
    async drop() {
      await db.close()
      await dropPostgres(adminUrl, name)
    },
  })
}

async function dropPostgres(adminUrl: string, name: string) {
  if (!name.startsWith('rapport_test_')) throw new Error(`refusing to drop ${name}: not a test database`)
  const { default: pg } = await import('pg')
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  } finally {
    await admin.end()
  }
}

async function createPGliteTestDb(): Promise<TestDb> {
  const snapshot = await migratedSnapshot()
  const db = await createDb('pglite:memory', { loadDataDir: new Blob([new Uint8Array(snapshot)]) })
  return Object.assign(db, { url: null, drop: () => db.close() })
}

// Applying every migration costs seconds; a dump of a migrated cluster restores in ~0.5 s.
// The cache key is the migrations' content, so a new migration makes a new snapshot.
async function migratedSnapshot(): Promise<Buffer> {
  const hash = createHash('sha256')
  for (const dir of readdirSync(migrationsDir).sort()) {
    const file = path.join(migrationsDir, dir, 'migration.sql')
    if (existsSync(file)) hash.update(dir).update(readFileSync(file))
  }
  const file = path.join(repoRoot, 'node_modules/.cache/rapport-test-db', `${hash.digest('hex').slice(0, 16)}.tar.gz`)
  if (existsSync(file)) return readFileSync(file)
  const db = await createDb('pglite:memory')
  try {
    await deployMigrations(db)
    const pglite = db.factory.pglite
    if (!pglite) throw new Error('in-memory PGlite factory does not expose its instance')
    const dump = Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer())
    mkdirSync(path.dirname(file), { recursive: true })
    // Test files run in parallel workers: write aside, then rename atomically.
    const tmp = `${file}.${process.pid}.tmp`
    writeFileSync(tmp, dump)
    renameSync(tmp, file)
    return dump
  } finally {
    await db.close()
  }
}

export { redact, resolveTarget }
