// Timings from two processes add up in one database: counts, errors and histograms, so the
// percentiles of the whole are those of all the timings together.
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BUCKET_BOUNDS_MS, bucketOf, emptyBuckets, quantile } from './histogram.ts'
import { STATS_LIMITS } from './limits.ts'
import { createStatsRecorder } from './recorder.ts'
import { saveStats, statsReport } from './store.ts'

let db: TestDb
beforeAll(async () => {
  db = await createTestDb()
})
afterAll(() => db.drop())

describe('the histogram', () => {
  it('puts a duration in the first bucket whose bound holds it', () => {
    expect(bucketOf(0)).toBe(0)
    expect(bucketOf(1)).toBe(0)
    expect(bucketOf(1.1)).toBe(1)
    expect(BUCKET_BOUNDS_MS[bucketOf(37)]!).toBeGreaterThanOrEqual(37)
    expect(BUCKET_BOUNDS_MS[bucketOf(37) - 1]!).toBeLessThan(37)
    expect(bucketOf(10_000_000)).toBe(BUCKET_BOUNDS_MS.length)
  })

  it('reads percentiles within a quarter of the truth', () => {
    const buckets = emptyBuckets()
    for (let ms = 1; ms <= 1000; ms++) buckets[bucketOf(ms)]! += 1
    for (const [q, truth] of [[0.5, 500], [0.95, 950], [0.99, 990]] as const) {
      const got = quantile(buckets, q)!
      expect(Math.abs(got - truth) / truth).toBeLessThan(0.25)
    }
    expect(quantile(emptyBuckets(), 0.5)).toBeNull()
  })
})

describe('two processes counting into one database', () => {
  it('add up counts, errors and histograms, per minute, and report the last hour', async () => {
    const now = new Date()
    const recorder = () => createStatsRecorder({ save: (rows) => saveStats(db.prisma, rows, now), flushMs: 60_000 })
    const a = recorder()
    const b = recorder()
    for (let i = 0; i < 100; i++) a.record('operation', 'InboxPage', 10, false)
    for (let i = 0; i < 100; i++) b.record('operation', 'InboxPage', 200, i < 5)
    b.record('route', '/inbox', 50, false)
    await a.close()
    await b.close()
    // A second write of the same minute adds to the first.
    const c = recorder()
    c.record('operation', 'InboxPage', 10, false)
    await c.close()

    const report = await statsReport(db.prisma, 'HOUR', now)
    const inbox = report.rows.find((r) => r.source === 'operation' && r.name === 'InboxPage')!
    expect(inbox).toMatchObject({ count: 201, errors: 5, errorRate: 5 / 201 })
    expect(inbox.perMinute).toBeCloseTo(201 / 60, 1)
    // Half the timings took 10 ms and half 200 ms: the median sits at the fast half's edge, p95 in the slow half.
    expect(inbox.p50Ms!).toBeLessThanOrEqual(12.5)
    expect(inbox.p95Ms!).toBeGreaterThan(150)
    expect(inbox.p95Ms!).toBeLessThanOrEqual(250)
    expect(report.rows.map((r) => [r.source, r.name])).toEqual([['operation', 'InboxPage'], ['route', '/inbox']])
  })

  it('leaves out minutes before the window, and forgets those past the longest one', async () => {
    const now = new Date()
    const old = (minutesAgo: number) => ({ source: 'lcp' as const, name: '/', minute: new Date(now.getTime() - minutesAgo * 60_000), count: 1, errors: 0, buckets: emptyBuckets() })
    await saveStats(db.prisma, [old(90)], now)
    expect((await statsReport(db.prisma, 'HOUR', now)).rows.filter((r) => r.source === 'lcp')).toEqual([])
    expect((await statsReport(db.prisma, 'DAY', now)).rows.filter((r) => r.source === 'lcp')).toMatchObject([{ count: 1 }])
    await saveStats(db.prisma, [old(STATS_LIMITS.keepMinutes + 5)], now)
    expect(await db.prisma.statMinute.count({ where: { minute: { lt: new Date(now.getTime() - STATS_LIMITS.keepMinutes * 60_000) } } })).toBe(0)
  })

  it('caps the names a process counts (names come from clients), and keeps rows whose write failed', async () => {
    const written: { name: string; count: number }[] = []
    let fail = true
    const r = createStatsRecorder({
      save: async (rows) => {
        if (fail) throw new Error('database down')
        written.push(...rows.map((x) => ({ name: x.name, count: x.count })))
      },
      flushMs: 60_000,
    })
    for (let i = 0; i < STATS_LIMITS.namesPerSource + 50; i++) r.record('operation', `Op${i}`, 5, false)
    await r.flush()
    expect(written).toEqual([])
    fail = false
    await r.close()
    expect(written).toHaveLength(STATS_LIMITS.namesPerSource + 1)
    expect(written.find((w) => w.name === 'other')).toEqual({ name: 'other', count: 50 })
  })
})
