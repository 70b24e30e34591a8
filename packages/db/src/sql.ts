// Hand-written SQL straight on the driver, for the few hot paths where Prisma's client costs
// more than the work itself (a message send: its statements are written in SQL anyway, and
// through $queryRaw each one also went through the client's query engine and the adapter).
// Same connections as Prisma (the pg pool, or the embedded PGlite instance), same statements
// (Prisma.sql templates), same types on both drivers.
import type { PGlite, Transaction as PGliteTransaction } from '@electric-sql/pglite'
import type pg from 'pg'
import type { Prisma } from './generated/prisma/client.ts'

/** Runs one statement and returns its rows. */
export type SqlQueryable = {
  query<R = Record<string, unknown>>(statement: Prisma.Sql): Promise<R[]>
  /**
   * One statement from another library's text (`$1` placeholders) on the same connection,
   * e.g. the job queue's insert inside a domain transaction. Pipelined like `query`; prepared
   * (planned once per connection) only when asked, for a statement that rides a hot path.
   */
  execute<R = Record<string, unknown>>(text: string, values: readonly unknown[], options?: { prepare?: boolean }): Promise<R[]>
}

export type SqlRunner = SqlQueryable & {
  /**
   * BEGIN … COMMIT on one connection; ROLLBACK when `fn` throws (its error is rethrown).
   * Statements that `fn` issues without awaiting the previous one are pipelined: written
   * together, run in the order issued, answered in one round trip. A statement after a failed
   * one fails too (the transaction is aborted), so await every statement you issue.
   */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>
}

/** A driver error with PostgreSQL's SQLSTATE (e.g. 23505, unique violation). */
export function sqlState(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code
  // Five characters with a digit: SQLSTATE, not a Node code such as EPIPE.
  return typeof code === 'string' && /^(?=.*\d)[0-9A-Z]{5}$/.test(code) ? code : undefined
}

// Columns are `timestamp(3)` holding UTC (Prisma's convention). Both drivers would read them
// as local time, and write a JS Date in local time: dates go in as UTC ISO strings and come
// back parsed as UTC, whatever the process's time zone.
const TIMESTAMP = 1114
const parseUtcTimestamp = (s: string) => new Date(`${s.replace(' ', 'T')}Z`)
const values = (statement: Prisma.Sql) => statement.values.map((v) => (v instanceof Date ? v.toISOString() : v))

/**
 * The pool's default type parsers (pass as the pool's `types`): pg's own (`pgTypes`, i.e.
 * pg.types) for every type but timestamps. Set once for the pool rather than on each query;
 * Prisma passes its own parsers with each of its queries, so they do not change what Prisma reads.
 */
export function pgPoolTypes(pgTypes: typeof pg.types): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === TIMESTAMP ? parseUtcTimestamp : pgTypes.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
  }
}

/** SQL on `pool`, which must have been made with `types: pgPoolTypes(pg.types)`. */
export function pgSqlRunner(pool: pg.Pool): SqlRunner {
  const name = statementNames()
  const on = (client: pg.Pool | pg.PoolClient, batch?: () => void): SqlQueryable => ({
    async query<R>(statement: Prisma.Sql) {
      batch?.()
      const text = statement.text
      const named = name(text)
      const result = named
        ? await client.query({ name: named, text, values: values(statement) })
        : await client.query(text, values(statement))
      return result.rows as R[]
    },
    async execute<R>(text: string, params: readonly unknown[], options?: { prepare?: boolean }) {
      batch?.()
      const values = params.map((v) => (v instanceof Date ? v.toISOString() : v))
      const named = options?.prepare ? name(text) : undefined
      const result = named ? await client.query({ name: named, text, values }) : await client.query(text, values)
      return result.rows as R[]
    },
  })
  return {
    ...on(pool),
    async transaction(fn) {
      const client = await pool.connect()
      let broken: Error | undefined
      // The pool stops listening for a client's errors while it is checked out: without a
      // listener of our own, a connection lost mid-transaction would be an uncaught 'error'
      // event (the process would end). The failing query rejects anyway; the client is dropped.
      const onError = (e: Error) => {
        broken = e
      }
      client.on('error', onError)
      try {
        // Not awaited: the pool's clients pipeline (adapter.ts), so BEGIN goes out with the
        // transaction's first statement instead of costing a round trip of its own.
        // (fn runs inside an async function so that even a synchronous throw settles both.)
        const batch = writesTogether(client)
        batch()
        const begun = client.query('BEGIN')
        const [, out] = await Promise.all([begun, (async () => fn(on(client, batch)))()])
        await client.query('COMMIT')
        return out
      } catch (e) {
        try {
          await client.query('ROLLBACK')
        } catch (rollbackError) {
          // The connection is unusable: the pool must not hand it out again.
          broken = rollbackError as Error
        }
        throw e
      } finally {
        client.off('error', onError)
        client.release(broken)
      }
    },
  }
}

/**
 * Statements issued in one turn of the event loop go out in one socket write. The pipelined
 * client writes each statement as soon as it is issued (each corked on its own by pg), so BEGIN
 * and a send's two statements were three writes; on loopback each write also pays for the
 * receiving side's TCP work, which made them the largest item of a send's CPU profile (P5).
 * Corked until the next tick, they leave in one. Round trips and order are unchanged.
 */
function writesTogether(client: pg.PoolClient): () => void {
  const stream = (client as unknown as { connection?: { stream?: { cork?(): void; uncork?(): void } } }).connection?.stream
  let corked = false
  return () => {
    if (corked || !stream?.cork || !stream.uncork) return
    corked = true
    stream.cork()
    process.nextTick(() => {
      corked = false
      stream.uncork!()
    })
  }
}

/**
 * Prepared statements: each connection parses and plans a statement once and then only binds
 * and runs it. The send path's statements are CTEs whose planning cost PostgreSQL more than
 * running them: prepared, a send takes ~60 % less database CPU (benchmark P5). Names are
 * per process, one per distinct statement text; past `max` distinct texts (SQL built with
 * variable text, which this module's callers do not do) statements run unprepared rather
 * than fill every connection with plans used once.
 */
function statementNames(max = 64): (text: string) => string | undefined {
  const names = new Map<string, string>()
  return (text) => {
    let name = names.get(text)
    if (name === undefined && names.size < max) names.set(text, (name = `rapport_sql_${names.size + 1}`))
    return name
  }
}

export function pgliteSqlRunner(db: PGlite): SqlRunner {
  const parsers = { [TIMESTAMP]: parseUtcTimestamp }
  // Statements issued without awaiting the previous one (pipelined, on pg) need nothing more
  // here: PGlite queues every query behind one lock, first come first served, so they run in
  // the order issued.
  const on = (client: PGlite | PGliteTransaction): SqlQueryable => ({
    async query<R>(statement: Prisma.Sql) {
      const result = await client.query<R>(statement.text, values(statement), { parsers })
      return result.rows
    },
    async execute<R>(text: string, params: readonly unknown[]) {
      const result = await client.query<R>(text, params.map((v) => (v instanceof Date ? v.toISOString() : v)) as unknown[], { parsers })
      return result.rows
    },
  })
  return {
    ...on(db),
    // PGlite runs one statement at a time; its transaction() holds it for the whole transaction.
    transaction: (fn) => db.transaction((tx) => fn(on(tx))),
  }
}
