// Builds the Prisma driver-adapter factory for a DbTarget. The same factory serves the app's
// PrismaClient and the WebAssembly schema engine that runs migrations, so an embedded
// database is opened once per process.
import { postgreSplitterOptions, splitQuery } from 'dbgate-query-splitter'
import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import {
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils'
import { DatabaseUnavailableError } from './errors.ts'
import { pgliteSqlRunner, pgPoolTypes, pgSqlRunner, type SqlRunner } from './sql.ts'
import { repoRoot, type DbTarget } from './target.ts'

export type AdapterFactory = SqlMigrationAwareDriverAdapterFactory & {
  close(): Promise<void>
  /** Hand-written SQL on the same connections (see sql.ts). */
  sql: SqlRunner
  /** The embedded instance, when there is one (tests snapshot it). */
  pglite?: PGlite
}

export type AdapterOptions = {
  /** In-memory PGlite only: start from this dump (tests start from a migrated snapshot). */
  loadDataDir?: Blob
  /**
   * PostgreSQL only: bounds on every statement of this handle's connections. Unset for
   * migrations and the seed (a long index build is fine there); the gateway sets them so a
   * stalled link or a lock held too long fails a request instead of hanging it.
   */
  timeouts?: DbTimeouts
}

export type DbTimeouts = {
  /** Server side: a statement running longer is cancelled (SQLSTATE 57014). */
  statementMs: number
  /** Server side: waiting longer for a lock fails the statement (SQLSTATE 55P03). */
  lockMs: number
  /** Client side: no answer at all (a blackholed link) fails the query after this long. */
  queryMs: number
}

export async function createAdapterFactory(target: DbTarget, opts: AdapterOptions = {}): Promise<AdapterFactory> {
  return target.kind === 'pglite' ? pgliteFactory(target.dataDir, opts.loadDataDir) : postgresFactory(target, opts.timeouts)
}

// ───────────────────────────────────────────── embedded PGlite
// pglite-prisma-adapter 0.7.2 does not await PGlite.exec() in executeScript (a failing
// migration would become an unhandled rejection) and never closes the shadow database it
// creates; both are mended here.
async function pgliteFactory(dataDir: string | null, loadDataDir?: Blob): Promise<AdapterFactory> {
  const { PGlite } = await import('@electric-sql/pglite')
  const { PrismaPGlite } = await import('pglite-prisma-adapter')
  let release = () => {}
  if (dataDir) {
    mkdirSync(path.dirname(dataDir), { recursive: true })
    release = lockDataDir(dataDir)
  }
  let db: PGlite
  try {
    db = dataDir ? new PGlite(dataDir) : new PGlite({ loadDataDir })
    await db.waitReady
  } catch (e) {
    release()
    throw new DatabaseUnavailableError(`Cannot open embedded PGlite at ${dataDir}: ${(e as Error).message}`)
  }
  return {
    provider: 'postgres',
    adapterName: 'pglite-prisma-adapter',
    // Exposed for test snapshots (dumpDataDir) only.
    pglite: db,
    sql: pgliteSqlRunner(db),
    async connect() {
      return mendPGliteAdapter(await new PrismaPGlite(db).connect(), db)
    },
    connectToShadowDb: memoryShadow,
    async close() {
      if (!db.closed) await db.close()
      release()
    },
  }
}

// PGlite does not lock its folder, and two processes on the same files corrupt them.
// A pid file next to the folder turns that into a clear error.
function lockDataDir(dataDir: string): () => void {
  const lockFile = `${dataDir}.lock`
  const isAlive = (pid: number) => {
    try {
      process.kill(pid, 0)
      return true
    } catch (e) {
      return (e as NodeJS.ErrnoException).code === 'EPERM'
    }
  }
  try {
    writeFileSync(lockFile, String(process.pid), { flag: 'wx' })
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
    const owner = Number(readFileSync(lockFile, 'utf8'))
    if (owner && owner !== process.pid && isAlive(owner))
      throw new DatabaseUnavailableError(
        `The embedded database ${path.relative(repoRoot, dataDir)} is in use by process ${owner}; stop it first (or use DATABASE_URL=postgresql://… to run several processes).`,
      )
    if (owner === process.pid)
      throw new DatabaseUnavailableError(`The embedded database ${path.relative(repoRoot, dataDir)} is already open in this process.`)
    writeFileSync(lockFile, String(process.pid)) // left behind by a process that died
  }
  let released = false
  const release = () => {
    if (released) return
    released = true
    process.removeListener('exit', release)
    try {
      if (readFileSync(lockFile, 'utf8') === String(process.pid)) rmSync(lockFile)
    } catch {
      // already gone
    }
  }
  process.once('exit', release)
  return release
}

function mendPGliteAdapter(adapter: SqlDriverAdapter, db: PGlite): SqlDriverAdapter {
  adapter.executeScript = async (script: string) => {
    try {
      await db.exec(script)
    } catch (e) {
      // onError rethrows as a DriverAdapterError that keeps the PostgreSQL error code.
      ;(adapter as unknown as { onError(e: unknown): never }).onError(e)
    }
  }
  return adapter
}

async function memoryShadow(): Promise<SqlDriverAdapter> {
  const { PrismaPGlite } = await import('pglite-prisma-adapter')
  const shadow = await emptyPGlite()
  const adapter = mendPGliteAdapter(await new PrismaPGlite(shadow).connect(), shadow)
  adapter.dispose = () => shadow.close()
  return adapter
}

// initdb for a fresh in-memory PGlite takes ~2 s; loading a dump of an empty cluster ~0.3 s.
// The dump is cached under node_modules/.cache, keyed by PGlite's version.
export async function emptyPGlite(): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite')
  const require = createRequire(import.meta.url)
  const pkg = path.join(path.dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json')
  const version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version
  const dumpFile = path.join(repoRoot, 'node_modules/.cache/pglite', `empty-${version}.tar.gz`)
  if (existsSync(dumpFile)) {
    const db = new PGlite({ loadDataDir: new Blob([readFileSync(dumpFile)]) })
    await db.waitReady
    return db
  }
  const db = new PGlite()
  await db.waitReady
  try {
    const dump = await db.dumpDataDir('gzip')
    mkdirSync(path.dirname(dumpFile), { recursive: true })
    writeFileSync(dumpFile, Buffer.from(await dump.arrayBuffer()))
  } catch {
    // the cache only saves time
  }
  return db
}

// ───────────────────────────────────────────── PostgreSQL
// @prisma/adapter-pg 7.10.0, used by the schema engine, needs two mends:
//  * connectToShadowDb() with a URL lands in the main database (node-postgres lets the
//    connection string override `database`) and leaks the shadow; we create and drop it.
//  * PostgreSQL's internal "char" type (OID 18), returned by the engine's catalogue
//    queries, has no mapping; we read it as text and report ColumnTypeEnum.Character.
async function postgresFactory(target: Extract<DbTarget, { kind: 'postgres' }>, timeouts?: DbTimeouts): Promise<AdapterFactory> {
  await checkReachable(target)
  const { PrismaPg } = await import('@prisma/adapter-pg')
  const { parseIntoClientConfig } = await import('pg-connection-string')
  const { default: pg } = await import('pg')
  const config = {
    ...parseIntoClientConfig(target.url),
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    // Waiting longer than this for a free connection fails the request with an error, instead
    // of queueing it for ever when the database is saturated or unreachable.
    connectionTimeoutMillis: 5000,
    // A peer that vanished without a FIN (a cut link) is noticed by TCP keep-alive.
    keepAlive: true,
    ...(timeouts
      ? { statement_timeout: timeouts.statementMs, lock_timeout: timeouts.lockMs, query_timeout: timeouts.queryMs, idle_in_transaction_session_timeout: timeouts.queryMs * 2 }
      : {}),
  }
  // One pool for Prisma and the hand-written SQL (sql.ts): one set of connections per process.
  // Pipelining: a statement issued while an earlier one on the same connection is still
  // running is written at once instead of waiting for the earlier answer; the server runs
  // them in order and each keeps its own result or error (node-postgres' opt-in pipeline
  // mode). The send path uses it to answer a message in fewer round trips (sql.ts,
  // send-message.ts); code that awaits each statement, as Prisma does, sees no difference.
  const pool = new pg.Pool({ ...config, pipeline: true, types: pgPoolTypes(pg.types) })
  pool.on('error', () => {
    // An idle connection failed (the server restarted, say): the pool drops it and opens
    // another when needed; without a listener the error would end the process.
  })
  const factory = new PrismaPg(pool)
  const connect = factory.connect.bind(factory)
  const mended = factory as unknown as AdapterFactory
  mended.connect = async () => withWholeStatements(withCharColumns(await connect()))
  mended.connectToShadowDb = async () => {
    const main = await connect()
    const database = `prisma_migrate_shadow_db_${randomUUID().replaceAll('-', '')}`
    await main.executeScript(`CREATE DATABASE "${database}"`)
    const { connectionString: _ignored, ...rest } = config
    const shadow = withWholeStatements(withCharColumns(await new PrismaPg({ ...rest, host: target.host, port: target.port, database }).connect()))
    const disposeShadow = shadow.dispose.bind(shadow)
    shadow.dispose = async () => {
      await disposeShadow()
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}"`)
      await main.dispose()
    }
    const current = (await shadow.queryRaw({ sql: 'SELECT current_database()', args: [], argTypes: [] })).rows[0]?.[0]
    if (current !== database) {
      await shadow.dispose()
      throw new Error(`Shadow database connection landed in "${String(current)}" instead of "${database}"; refusing to continue.`)
    }
    return shadow
  }
  mended.sql = pgSqlRunner(pool)
  let ended = false
  mended.close = async () => {
    if (ended) return
    ended = true
    await pool.end()
  }
  return mended
}

/** One short connection first, so an unreachable server is one clear line, not a stack trace. */
async function checkReachable(target: Extract<DbTarget, { kind: 'postgres' }>): Promise<void> {
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: target.url, connectionTimeoutMillis: 5000 })
  client.on('error', () => {})
  try {
    await client.connect()
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { code?: string }
    const why =
      err.code === 'ECONNREFUSED' ? 'connection refused (is PostgreSQL running?)'
      : err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN' ? `unknown host "${target.host}"`
      : err.code === '3D000' ? `database "${target.database}" does not exist (createdb ${target.database})`
      : err.code === '28P01' || err.code === '28000' ? `authentication failed (${err.message})`
      : /timeout/i.test(err.message) ? 'timed out after 5 s'
      : err.message.split('\n')[0]
    throw new DatabaseUnavailableError(`Cannot connect to ${target.display}: ${why}`)
  } finally {
    await client.end().catch(() => {})
  }
}

const PG_CHAR_OID = 18
const PG_TEXT_OID = 25
/**
 * @prisma/adapter-pg runs a migration script by splitting it at every `;`, which cuts a function
 * body (`$$ … ; … $$`) or a quoted `;` apart. Here the script is split the way PostgreSQL reads it
 * (dbgate-query-splitter: quotes, comments and dollar quoting), each statement sent whole.
 */
function withWholeStatements<T extends SqlDriverAdapter>(adapter: T): T {
  const a = adapter as unknown as { client: { query(sql: string): Promise<unknown> }; onError(e: unknown): never; executeScript(script: string): Promise<void> }
  a.executeScript = async (script: string) => {
    for (const statement of splitQuery(script, postgreSplitterOptions) as string[]) {
      try {
        await a.client.query(statement)
      } catch (e) {
        a.onError(e)
      }
    }
  }
  return adapter
}

function withCharColumns<T extends SqlDriverAdapter>(adapter: T): T {
  type Field = { dataTypeID: number }
  type IOResult = { fields?: Field[]; rows: unknown[] }
  const a = adapter as unknown as {
    performIO(q: unknown): Promise<IOResult>
    queryRaw(q: unknown): Promise<{ rows: unknown[]; columnTypes: number[] }>
  }
  const charColumns = new WeakMap<unknown[], number[]>()
  const performIO = a.performIO.bind(a)
  const queryRaw = a.queryRaw.bind(a)
  a.performIO = async (query) => {
    const result = await performIO(query)
    const idx: number[] = []
    result.fields?.forEach((f, i) => {
      if (f.dataTypeID === PG_CHAR_OID) {
        f.dataTypeID = PG_TEXT_OID
        idx.push(i)
      }
    })
    if (idx.length) charColumns.set(result.rows, idx)
    return result
  }
  a.queryRaw = async (query) => {
    const result = await queryRaw(query)
    for (const i of charColumns.get(result.rows) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character
    return result
  }
  return adapter
}
