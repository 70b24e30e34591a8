// The job layer on real databases: embedded PGlite always, PostgreSQL when DATABASE_URL names one.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { systemClock } from '@rapport/core'
import { availableKinds, createTestDb, type TestDb } from '@rapport/db/testing'
import { Prisma } from '@rapport/db'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createJobs, jobKind, prismaExecutor, type Jobs } from './index.ts'

const effect = jobKind<{ key: string }>({ name: 'test-effect', leaseSeconds: 60, retryLimit: 3, retryDelaySeconds: 1 })
const slow = jobKind<{ key: string }>({ name: 'test-slow', leaseSeconds: 1, retryLimit: 3, retryDelaySeconds: 1 })
const batched = jobKind<{ key: string }>({ name: 'test-batched', leaseSeconds: 60, retryLimit: 3, retryDelaySeconds: 1, policy: 'batched' })
const KINDS = [effect, slow, batched]

async function until(check: () => Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe.each(availableKinds())('jobs on %s', (kind) => {
  let db: TestDb
  const open: Jobs[] = []
  async function jobsOn(): Promise<Jobs> {
    const jobs = createJobs(db, { clock: systemClock, onError: () => {} })
    await jobs.start(KINDS)
    open.push(jobs)
    return jobs
  }
  // Each job's visible effect: a row in a table of the test's own, counted per key.
  const effects = async (key: string) =>
    Number((await db.sql.query<{ n: number }>(Prisma.sql`SELECT count(*)::int AS n FROM job_effect WHERE key = ${key}`))[0]!.n)

  beforeAll(async () => {
    db = await createTestDb(kind)
    await db.sql.query(Prisma.sql`CREATE TABLE job_effect (key text NOT NULL, at timestamptz NOT NULL DEFAULT now())`)
  })
  afterEach(async () => {
    await Promise.all(open.splice(0).map((j) => j.stop(5)))
  })
  afterAll(async () => {
    await db?.drop()
  })

  // PostgreSQL only: embedded PGlite is one process, with one job layer.
  it.runIf(kind === 'postgres')('starts several processes at once on a database without queues (no deadlock creating them)', async () => {
    // Each gateway process creates the queues it works at start; on PostgreSQL two creating
    // different queues at once used to deadlock (each attaches a partition to the same table).
    const fresh = await createTestDb(kind)
    const many = Array.from({ length: 8 }, (_, i) =>
      jobKind<{ key: string }>({ name: `test-start-${i}`, leaseSeconds: 60, retryLimit: 1, retryDelaySeconds: 1 }),
    )
    const starting = Array.from({ length: 3 }, () => createJobs(fresh, { clock: systemClock, onError: () => {} }))
    try {
      await Promise.all(starting.map((j, i) => j.start(i % 2 ? [...many].reverse() : many)))
      for (const k of many) expect(await starting[0]!.pending(k)).toBe(0)
    } finally {
      await Promise.all(starting.map((j) => j.stop(5)))
      await fresh.drop()
    }
  })

  it('runs a job sent in a transaction that commits, and never one whose transaction rolled back', async () => {
    const jobs = await jobsOn()
    await jobs.work(effect, async ({ data, tx }) => {
      await tx.$executeRaw`INSERT INTO job_effect (key) VALUES (${data.key})`
    })
    await db.sql.transaction(async (tx) => {
      await tx.query(Prisma.sql`SELECT 1`)
      await jobs.send(effect, { key: 'committed' }, { tx })
    })
    await expect(
      db.sql.transaction(async (tx) => {
        await jobs.send(effect, { key: 'rolled-back' }, { tx })
        throw new Error('the cause failed')
      }),
    ).rejects.toThrow('the cause failed')
    await until(async () => (await effects('committed')) === 1, 'the committed job')
    await until(async () => (await jobs.pending(effect)) === 0, 'an empty queue')
    expect(await effects('rolled-back')).toBe(0)
  })

  it('takes a job sent inside a Prisma transaction, and runs what the handler leaves for after its commit', async () => {
    const jobs = await jobsOn()
    const after: string[] = []
    await jobs.work(effect, async ({ data, tx }) => {
      await tx.$executeRaw`INSERT INTO job_effect (key) VALUES (${data.key})`
      return () => void after.push(data.key)
    })
    await db.prisma.$transaction(async (tx) => {
      await jobs.send(effect, { key: 'via-prisma' }, { tx: prismaExecutor(tx) })
    })
    await until(async () => after.includes('via-prisma'), 'the after-commit work')
    expect(await effects('via-prisma')).toBe(1)
  })

  it('sends many jobs of a kind at once, from a run too: with its transaction, or not at all', async () => {
    const jobs = await jobsOn()
    // A run fans out: three jobs in its own transaction, in one statement.
    await jobs.work(slow, async ({ data, sendMany }) => {
      await sendMany(effect, ['a', 'b', 'c'].map((x) => ({ key: `${data.key}-${x}` })))
    })
    await jobs.work(effect, async ({ data, tx }) => {
      await tx.$executeRaw`INSERT INTO job_effect (key) VALUES (${data.key})`
    })
    await jobs.send(slow, { key: 'fan' })
    await until(async () => (await effects('fan-a')) + (await effects('fan-b')) + (await effects('fan-c')) === 3, 'the fanned-out jobs')
    // Sent outside a run, in a transaction that rolls back: none exists.
    await db.prisma
      .$transaction(async (tx) => {
        await jobs.sendMany(effect, [{ key: 'rolled-1' }, { key: 'rolled-2' }], { tx: prismaExecutor(tx) })
        throw new Error('roll back')
      })
      .catch(() => {})
    await jobs.sendMany(effect, [{ key: 'plain' }])
    await until(async () => (await effects('plain')) === 1, 'the plain job')
    expect(await effects('rolled-1')).toBe(0)
    expect(await effects('rolled-2')).toBe(0)
    await expect(jobs.sendMany(batched, [{ key: 'x' }])).rejects.toThrow('batched')
  })

  it('retries a failing job with backoff; the failed runs leave nothing behind', async () => {
    const jobs = await jobsOn()
    const runs: number[] = []
    await jobs.work(effect, async ({ data, tx, retryCount }) => {
      runs.push(Date.now())
      await tx.$executeRaw`INSERT INTO job_effect (key) VALUES (${data.key})`
      if (retryCount < 2) throw new Error(`run ${retryCount} fails`)
    })
    await jobs.send(effect, { key: 'flaky' })
    await until(async () => (await effects('flaky')) === 1, 'the third run', 45_000)
    expect(runs).toHaveLength(3)
    // Backoff: the second wait is longer than the first (1 s, then about 2 s).
    const [a, b, c] = runs as [number, number, number]
    expect(b - a).toBeGreaterThanOrEqual(900)
    expect(c - b).toBeGreaterThan(b - a)
  })

  it('keeps waiting jobs across a restart and runs them on the next start', async () => {
    const first = await jobsOn()
    await first.send(effect, { key: 'across-restart' })
    await first.stop(5)
    open.splice(open.indexOf(first), 1)
    expect(await effects('across-restart')).toBe(0)
    const second = await jobsOn()
    await second.work(effect, async ({ data, tx }) => {
      await tx.$executeRaw`INSERT INTO job_effect (key) VALUES (${data.key})`
    })
    await until(async () => (await effects('across-restart')) === 1, 'the job after restart')
  })

  it('runs each job once with two workers on the same database', async () => {
    const a = await jobsOn()
    const b = await jobsOn()
    const ran: Record<string, number> = {}
    const handler = async ({ data, tx }: { data: { key: string }; tx: Prisma.TransactionClient }) => {
      ran[data.key] = (ran[data.key] ?? 0) + 1
      await tx.$executeRaw`INSERT INTO job_effect (key) VALUES (${data.key})`
    }
    await a.work(effect, handler, { batchSize: 5 })
    await b.work(effect, handler, { batchSize: 5 })
    const keys = Array.from({ length: 40 }, (_, i) => `pair-${i}`)
    for (const key of keys) await (Number(key.slice(5)) % 2 ? a : b).send(effect, { key })
    await until(async () => (await a.pending(effect)) === 0, 'both workers to finish')
    for (const key of keys) expect(await effects(key)).toBe(1)
    expect(Object.values(ran).every((n) => n === 1)).toBe(true)
  })

  it('keeps one waiting job per singleton key (later sends are folded into it)', async () => {
    const jobs = await jobsOn()
    const ids = [
      await jobs.send(batched, { key: 'batched' }, { singletonKey: 'user-1', delaySeconds: 60 }),
      await jobs.send(batched, { key: 'batched' }, { singletonKey: 'user-1', delaySeconds: 60 }),
      await jobs.send(batched, { key: 'batched' }, { singletonKey: 'user-2', delaySeconds: 60 }),
    ]
    expect(ids[0]).toEqual(expect.any(String))
    expect(ids[1]).toBeNull()
    expect(ids[2]).toEqual(expect.any(String))
    // The row carries the queue's settings, as pg-boss' own send writes them.
    const [row] = await db.sql.execute<{ policy: string; retry_limit: number; retry_delay: number; retry_backoff: boolean; expire: number; delay: number }>(
      `SELECT policy, retry_limit, retry_delay, retry_backoff, extract(epoch FROM expire_in)::int AS expire,
              round(extract(epoch FROM start_after - created_on))::int AS delay
       FROM pgboss.job WHERE id = $1`,
      [ids[0]],
    )
    expect(row).toEqual({ policy: 'stately', retry_limit: 3, retry_delay: 1, retry_backoff: true, expire: 60, delay: 60 })
  })

  it('gathers a batch sent inside transactions: one waiting job, another once it runs, and it runs with the data', async () => {
    const jobs = await jobsOn()
    const gather = jobKind<{ key: string }>({ name: 'test-gather', leaseSeconds: 60, retryLimit: 3, retryDelaySeconds: 1, policy: 'batched' })
    await jobs.start([gather])
    const seen: string[] = []
    const sentWhileRunning: (string | null)[] = []
    for (let i = 0; i < 3; i++)
      await db.sql.transaction((tx) => jobs.send(gather, { key: `gather-${i}` }, { tx, singletonKey: 'gather' }))
    await jobs.work(gather, async ({ data, send }) => {
      seen.push(data.key)
      // While this one runs, a send makes the next batch (never folded into a running one).
      if (seen.length === 1)
        for (const key of ['gather-next', 'gather-folded']) sentWhileRunning.push(await send(gather, { key }, { singletonKey: 'gather' }))
    })
    await until(async () => seen.length === 2 && (await jobs.pending(gather)) === 0, 'both batches to finish')
    expect(seen).toEqual(['gather-0', 'gather-next'])
    expect(sentWhileRunning).toEqual([expect.any(String), null])
  })

  it.runIf(kind === 'postgres')('completes, once, a job whose worker process was killed mid-run, after its lease expires', async () => {
    const crash = jobKind<{ key: string }>({ name: 'test-crash', leaseSeconds: 2, retryLimit: 3, retryDelaySeconds: 1 })
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./testing/hanging-worker.ts', import.meta.url))], {
      env: { ...process.env, DATABASE_URL: db.url! },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
    await until(async () => out.includes('READY'), 'the worker process to start')
    const jobs = await jobsOn()
    await jobs.send(crash, { key: 'crash' })
    await until(async () => out.includes('RUNNING'), 'the worker process to take the job')
    child.kill('SIGKILL')
    await new Promise((r) => child.once('exit', r))
    // The killed run's transaction never committed; this process takes the job over once its lease is gone.
    await jobs.start([crash])
    await jobs.work(crash, async ({ data, tx }) => {
      await tx.$executeRaw`INSERT INTO job_effect (key) VALUES (${data.key + '-restarted'})`
    })
    await until(async () => (await effects('crash-restarted')) === 1, 'the job to complete after the crash', 45_000)
    await until(async () => (await jobs.pending(crash)) === 0, 'the queue to settle')
    expect(await effects('crash-killed')).toBe(0)
    expect(await effects('crash-restarted')).toBe(1)
  })

  it.runIf(kind === 'postgres')('gives a run whose lease expired to another worker, and rolls back the late one', async () => {
    const a = await jobsOn()
    const b = await jobsOn()
    let releaseA: () => void = () => {}
    const aHolding = new Promise<void>((started) => {
      void a.work(slow, async ({ data, tx }) => {
        await tx.$executeRaw`INSERT INTO job_effect (key) VALUES (${data.key + '-a'})`
        started()
        // Stalled past its one-second lease, as a process that froze would be.
        await new Promise<void>((r) => (releaseA = r))
      })
    })
    await a.send(slow, { key: 'lease' })
    await aHolding
    await b.work(slow, async ({ data, tx }) => {
      await tx.$executeRaw`INSERT INTO job_effect (key) VALUES (${data.key + '-b'})`
    })
    await until(async () => (await effects('lease-b')) === 1, 'the second worker to take the expired job', 45_000)
    releaseA()
    await until(async () => (await a.pending(slow)) === 0, 'the queue to settle')
    await new Promise((r) => setTimeout(r, 300))
    expect(await effects('lease-a')).toBe(0)
    expect(await effects('lease-b')).toBe(1)
  })
})
