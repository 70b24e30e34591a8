// @rapport/jobs: work that happens later, on pg-boss in the app's own database.
//
// Why pg-boss (10.4, the last line for Node 20) and not graphile-worker: pg-boss accepts the
// caller's connection (`db: { executeSql }`), so it runs on the embedded PGlite that `npm start`
// uses as well as on PostgreSQL, and a job can be inserted through the connection of the
// transaction that causes it. graphile-worker needs a `pg` pool (LISTEN/NOTIFY on a real
// socket), so it cannot run embedded.
//
// The rules every job here keeps:
//  * enqueued inside its cause's transaction (`send(..., { tx })`): rolled back with it, never
//    without it;
//  * its database effects commit in the same transaction that completes it (`run` hands the
//    handler that transaction): a job whose process dies mid-run leaves nothing behind, and
//    is retried (with backoff) once its lease expires, so its effects happen exactly once
//    across any number of gateways.
import type { Clock } from '@rapport/core'
import type { Db, Prisma, SqlQueryable } from '@rapport/db'
import PgBoss from 'pg-boss'

/** A queue: its name, how long a run may hold a job, and how failures are retried. */
export type JobKind<Data> = {
  name: string
  /** A run still active after this long is presumed dead (its process crashed) and retried. */
  leaseSeconds: number
  /** Attempts after the first; waits double from retryDelaySeconds (pg-boss' backoff). */
  retryLimit: number
  retryDelaySeconds: number
  /**
   * 'batched': at most one waiting job per `singletonKey` (pg-boss' "stately" policy: later
   * sends while one waits are dropped, and one more may wait while one runs), for work that
   * gathers everything since the last run (an email of unread messages). Default 'each'.
   */
  policy?: 'each' | 'batched'
  /** Only the type: ties `send` and `work` to one data shape. */
  readonly data?: Data
}

export function jobKind<Data>(kind: Omit<JobKind<Data>, 'data'>): JobKind<Data> {
  return kind
}

/** A connection that can run one statement (the app's pool, or an open transaction). */
export type Executor = Pick<SqlQueryable, 'execute'>

/** An open Prisma transaction as an Executor, to enqueue from domain code that writes through Prisma. */
export function prismaExecutor(tx: Prisma.TransactionClient): Executor {
  return { execute: <R>(text: string, values: readonly unknown[]) => tx.$queryRawUnsafe<R[]>(text, ...values) }
}

export type SendOptions = {
  /** The cause's open transaction: the job exists only if it commits. */
  tx?: Executor
  /** Not before this many seconds from now (the database's clock). */
  delaySeconds?: number
  /** On a 'batched' kind: the batch this job belongs to (sends while one waits return null). */
  singletonKey?: string
}

export type JobContext<Data> = {
  id: string
  data: Data
  /** How many times this job has been retried (0 on the first run). */
  retryCount: number
  /** The run's transaction: the handler's writes commit with the job's completion. */
  tx: Prisma.TransactionClient
  /**
   * Enqueues follow-up work in the run's transaction. (Sending outside it from a handler
   * would wait for the run's own transaction on embedded PGlite, which runs one at a time.)
   */
  send<D extends object>(kind: JobKind<D>, data: D, options?: Omit<SendOptions, 'tx'>): Promise<string | null>
  /** Several follow-up jobs of one kind in the run's transaction, in one statement. */
  sendMany<D extends object>(kind: JobKind<D>, data: readonly D[]): Promise<void>
}

/** Runs one job; what it returns runs after the job's transaction commits. */
export type JobHandler<D> = (job: JobContext<D>) => Promise<void | (() => void)>

export type WorkOptions = {
  /** Jobs fetched per poll, run one after another (default 1). */
  batchSize?: number
  /** Runs of this kind at once in a process (default 1): for work that mostly waits (HTTP, other services). */
  concurrency?: number
  /** How often an idle worker looks for new jobs (default 1 s; `send` in this process wakes it at once). */
  pollingIntervalSeconds?: number
}

export type Jobs = {
  /** The handler may return work for after its transaction commits (a poke to live feeds). */
  send<D extends object>(kind: JobKind<D>, data: D, options?: SendOptions): Promise<string | null>
  /**
   * Several jobs of one kind in one statement (pg-boss' insert, with the queue's retry settings),
   * in the caller's transaction when given: a fan-out of many deliveries costs one round trip.
   * Not for 'batched' kinds (each of those needs its own lookup).
   */
  sendMany<D extends object>(kind: JobKind<D>, data: readonly D[], options?: Pick<SendOptions, 'tx'>): Promise<void>
  /** Runs `handler` for each job of `kind` in this process (call after start). */
  work<D extends object>(kind: JobKind<D>, handler: JobHandler<D>, options?: WorkOptions): Promise<void>
  /** Installs pg-boss' schema (its own, `pgboss`) and creates the queues. */
  start(kinds: readonly JobKind<object>[]): Promise<void>
  /** Stops fetching and waits for running jobs (up to `graceSeconds`). */
  stop(graceSeconds?: number): Promise<void>
  /** Jobs of `kind` not yet finished (waiting, retrying or running), for tests and readiness. */
  pending(kind: JobKind<object>): Promise<number>
  clock: Clock
}

export type JobsOptions = {
  clock: Clock
  /** Runs pg-boss' maintenance (expiring dead leases, archiving) in this process (default true). */
  supervise?: boolean
  onError?: (error: Error) => void
}

export function createJobs(db: Db, options: JobsOptions): Jobs {
  const boss = new PgBoss({
    ...connection(db),
    schema: 'pgboss',
    supervise: options.supervise ?? true,
    // Leases are checked and completed jobs archived every 10 s; the default minute would
    // leave a crashed run's job waiting that much longer.
    maintenanceIntervalSeconds: 10,
    // Cron is not used; its clock monitor would only add queries.
    schedule: false,
  } as PgBoss.ConstructorOptions)
  boss.on('error', (e: Error) => options.onError?.(e))
  const workers = new Map<string, Worker>()
  let started = false

  const jobs: Jobs = {
    clock: options.clock,
    async start(kinds) {
      await boss.start()
      started = true
      await ensureQueues(db, boss, kinds)
    },
    async send(kind, data, opts = {}) {
      const id =
        kind.policy === 'batched' && opts.singletonKey
          ? await sendBatched(opts.tx ?? db.sql, kind, data, opts.singletonKey, opts.delaySeconds ?? 0)
          : await boss.send(kind.name, data, {
              ...(opts.tx ? { db: executor(opts.tx) } : {}),
              ...(opts.delaySeconds ? { startAfter: opts.delaySeconds } : {}),
              ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
            })
      // A worker in this process looks at once (after the caller's commit has had a moment).
      if (!opts.delaySeconds) workers.get(kind.name)?.wake()
      return id
    },
    async sendMany(kind, data, opts = {}) {
      if (kind.policy === 'batched') throw new Error(`sendMany: ${kind.name} is a batched kind; send each job`)
      if (data.length === 0) return
      await boss.insert(data.map((d) => ({ name: kind.name, data: d })), opts.tx ? { db: executor(opts.tx) } : {})
      workers.get(kind.name)?.wake()
    },
    async work(kind, handler, opts = {}) {
      const worker = startWorker(boss, db, kind, handler as never, opts, options.onError, jobs)
      workers.set(kind.name, worker)
    },
    async pending(kind) {
      return boss.getQueueSize(kind.name, { before: 'completed' })
    },
    async stop(graceSeconds = 10) {
      if (!started) return
      started = false
      await Promise.all([...workers.values()].map((w) => w.stop(graceSeconds)))
      workers.clear()
      await boss.stop({ graceful: true, wait: true, timeout: graceSeconds * 1000 })
    },
  }
  return jobs
}

/**
 * A batched kind's send: a lookup, and an insert only when no job of this batch waits yet.
 * Batched sends ride on hot paths (every message sent enqueues its unread-email check) and
 * nearly all of them find one waiting; pg-boss' own insert writes (or tries to write, then
 * conflicts on) the job row each time, which cost a message send about a third of its
 * speed. The row is the one pg-boss' `send` writes for a stately queue (pg-boss 10.4's
 * `insertJob`, with the queue's settings); the unique index still settles two racing sends.
 */
async function sendBatched(tx: Executor, kind: JobKind<object>, data: object, key: string, delaySeconds: number): Promise<string | null> {
  const { text, values } = batchedSendSql(kind, data, key, delaySeconds)
  const [row] = await tx.execute<{ id: string }>(text, values, { prepare: true })
  return row?.id ?? null
}

/** The statement a batched kind's send runs (exported so a benchmark's baseline runs the very same SQL). */
export function batchedSendSql(kind: JobKind<object>, data: object, key: string, delaySeconds: number): { text: string; values: unknown[] } {
  return { text: INSERT_BATCHED, values: [kind.name, JSON.stringify(data), key, Math.max(0, Math.round(delaySeconds))] }
}

const INSERT_BATCHED = `
  INSERT INTO pgboss.job (name, data, start_after, singleton_key, expire_in, keep_until, retry_limit, retry_delay, retry_backoff, policy)
  SELECT q.name, $2::jsonb, now() + $4::int * interval '1 second', $3,
         COALESCE(q.expire_seconds * interval '1 second', interval '15 minutes'),
         now() + $4::int * interval '1 second' + COALESCE(q.retention_minutes * interval '1 minute', interval '14 days'),
         COALESCE(q.retry_limit, 2),
         CASE WHEN q.retry_backoff THEN GREATEST(COALESCE(q.retry_delay, 0), 1) ELSE COALESCE(q.retry_delay, 0) END,
         COALESCE(q.retry_backoff, false), q.policy
  FROM pgboss.queue q
  WHERE q.name = $1 AND q.policy = 'stately'
    AND NOT EXISTS (
      SELECT 1 FROM pgboss.job j
      WHERE j.name = $1 AND j.state = 'created' AND COALESCE(j.singleton_key, '') = $3 AND j.policy = 'stately'
    )
  ON CONFLICT DO NOTHING
  RETURNING id`

/**
 * Creates (or updates) each kind's queue. Several gateways start at once: creating is
 * idempotent, updating keeps settings current. On PostgreSQL they take turns, under one
 * advisory lock: pg-boss' create_queue attaches a partition and adds foreign keys to the
 * shared queue table, and two of those at once deadlock (a process died of it at start).
 * Embedded PGlite has one process only.
 */
async function ensureQueues(db: Db, boss: PgBoss, kinds: readonly JobKind<object>[]): Promise<void> {
  const ensure = async () => {
    for (const kind of kinds) {
      const queue = {
        name: kind.name,
        policy: kind.policy === 'batched' ? ('stately' as const) : ('standard' as const),
        expireInSeconds: kind.leaseSeconds,
        retryLimit: kind.retryLimit,
        retryDelay: kind.retryDelaySeconds,
        retryBackoff: true,
      }
      if (await boss.getQueue(kind.name)) await boss.updateQueue(kind.name, queue)
      else await boss.createQueue(kind.name, queue)
    }
  }
  if (db.target.kind !== 'postgres') return ensure()
  // The lock is held by a transaction on the app's pool; pg-boss' statements run on its own.
  await db.prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT 1 FROM pg_advisory_xact_lock(hashtext('rapport.jobs.queues'))`)
      await ensure()
    },
    { maxWait: 30_000, timeout: 120_000 },
  )
}

type Worker = { wake(): void; stop(graceSeconds: number): Promise<void> }

/**
 * Fetches and runs jobs of one kind. pg-boss' own `work` completes a batch by id after the
 * handler, whichever run holds it by then; this loop completes (or fails) a job only while
 * this run still holds it, inside the run's transaction (see `settle`).
 */
function startWorker(
  boss: PgBoss,
  db: Db,
  kind: JobKind<object>,
  handler: JobHandler<object>,
  opts: WorkOptions,
  onError: ((e: Error) => void) | undefined,
  senders: Pick<Jobs, 'send' | 'sendMany'>,
): Worker {
  let stopping = false
  const sleepers = new Set<() => void>()
  const wakeAll = () => {
    for (const w of sleepers) w()
  }
  const runLoop = async () => {
    while (!stopping) {
      let jobs: PgBoss.JobWithMetadata<object>[] = []
      try {
        jobs = await boss.fetch<object>(kind.name, { batchSize: opts.batchSize ?? 1, includeMetadata: true })
      } catch (e) {
        onError?.(e as Error)
      }
      for (const job of jobs) await runOne(boss, db, kind, job, handler, onError, senders)
      if (jobs.length > 0 || stopping) continue
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, (opts.pollingIntervalSeconds ?? 1) * 1000)
        function done() {
          clearTimeout(timer)
          sleepers.delete(done)
          resolve()
        }
        sleepers.add(done)
      })
    }
  }
  // Several loops run this kind's jobs side by side (each fetch hands out different jobs).
  const loops = Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 1) }, runLoop))
  return {
    // A job sent in a transaction is visible only once the sender commits, which this process
    // cannot see: look a few times over the next moments (each look is one query when idle),
    // so the job rarely waits for the polling interval.
    wake: () => {
      for (const ms of [5, 60, 250]) setTimeout(wakeAll, ms).unref()
    },
    async stop(graceSeconds) {
      stopping = true
      wakeAll()
      await Promise.race([loops, new Promise((r) => setTimeout(r, graceSeconds * 1000).unref())])
    },
  }
}

/** Thrown inside a run whose lease expired and was given to another run: its writes roll back. */
class LeaseLostError extends Error {}

async function runOne(
  boss: PgBoss,
  db: Db,
  kind: JobKind<object>,
  job: PgBoss.JobWithMetadata<object>,
  handler: JobHandler<object>,
  onError: ((e: Error) => void) | undefined,
  senders: Pick<Jobs, 'send' | 'sendMany'>,
): Promise<void> {
  try {
    const after = await db.prisma.$transaction(
      async (tx) => {
        const x = prismaExecutor(tx)
        const send: JobContext<object>['send'] = (k, d, o) => senders.send(k, d, { ...o, tx: x })
        const sendMany: JobContext<object>['sendMany'] = (k, d) => senders.sendMany(k, d, { tx: x })
        const then = await handler({ id: job.id, data: job.data, retryCount: job.retryCount, tx, send, sendMany })
        await settle(x, kind, job, (c) => boss.complete(kind.name, job.id, null as never, { db: c }))
        return then
      },
      // The run may take as long as its lease; past that it is presumed dead anyway.
      { timeout: kind.leaseSeconds * 1000, maxWait: 10_000 },
    )
    try {
      after?.()
    } catch (e) {
      onError?.(e as Error)
    }
  } catch (e) {
    if (e instanceof LeaseLostError) return
    onError?.(e as Error)
    try {
      await db.prisma.$transaction((tx) => settle(prismaExecutor(tx), kind, job, (x) => boss.fail(kind.name, job.id, { message: (e as Error).message }, { db: x })))
    } catch (again) {
      // Left active: the lease expires and pg-boss retries it.
      if (!(again instanceof LeaseLostError)) onError?.(again as Error)
    }
  }
}

/**
 * Completes or fails the job only if this run still holds it: still active and not re-fetched
 * since (a re-fetch after an expired lease counts one more retry). The row lock keeps
 * pg-boss' expiry from taking it between the check and the update.
 */
async function settle(
  tx: Executor,
  kind: JobKind<object>,
  job: PgBoss.JobWithMetadata<object>,
  update: (db: PgBoss.Db) => Promise<unknown>,
): Promise<void> {
  const held = await tx.execute(
    `SELECT 1 FROM pgboss.job WHERE name = $1 AND id = $2 AND state = 'active' AND retry_count = $3 FOR UPDATE`,
    [kind.name, job.id, job.retryCount],
  )
  if (held.length === 0) throw new LeaseLostError(`job ${job.id} of ${kind.name} was taken over after its lease expired`)
  await update(executor(tx))
}

function executor(tx: Executor): PgBoss.Db {
  return { executeSql: async (text, values) => ({ rows: await tx.execute(text, values ?? []) }) }
}

/**
 * PostgreSQL: pg-boss' own small pool (it polls and maintains; the app's pool is pipelined,
 * which does not take the multi-statement scripts of pg-boss' installer).
 * Embedded PGlite: the one open instance; scripts without parameters go through exec().
 */
function connection(db: Db): PgBoss.DatabaseOptions {
  if (db.target.kind === 'postgres') return { connectionString: db.target.url, max: 3 }
  const pglite = db.factory.pglite
  if (!pglite) throw new Error('embedded PGlite is not open')
  return {
    db: {
      async executeSql(text, values) {
        if (values && values.length > 0) return { rows: (await pglite.query(text, values)).rows }
        const results = await pglite.exec(text)
        return { rows: results.at(-1)?.rows ?? [] }
      },
    },
  }
}
