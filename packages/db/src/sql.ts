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
}

export type SqlRunner = SqlQueryable & {
  /** BEGIN … COMMIT on one connection; ROLLBACK when `fn` throws (its error is rethrown). */
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

/** `pgTypes`: pg's type parsers (pg.types), used for every type but timestamps. */
export function pgSqlRunner(pool: pg.Pool, pgTypes: typeof pg.types): SqlRunner {
  const types: pg.CustomTypesConfig = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === TIMESTAMP ? parseUtcTimestamp : pgTypes.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
  }
  const on = (client: pg.Pool | pg.PoolClient): SqlQueryable => ({
    async query<R>(statement: Prisma.Sql) {
      const result = await client.query({ text: statement.text, values: values(statement), types })
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
        await client.query('BEGIN')
        const out = await fn(on(client))
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

export function pgliteSqlRunner(db: PGlite): SqlRunner {
  const parsers = { [TIMESTAMP]: parseUtcTimestamp }
  const on = (client: PGlite | PGliteTransaction): SqlQueryable => ({
    async query<R>(statement: Prisma.Sql) {
      const result = await client.query<R>(statement.text, values(statement), { parsers })
      return result.rows
    },
  })
  return {
    ...on(db),
    // PGlite runs one statement at a time; its transaction() holds it for the whole transaction.
    transaction: (fn) => db.transaction((tx) => fn(on(tx))),
  }
}
