// The figures in PostgreSQL: one row per source, name and minute, which every process adds to
// (counts and histogram buckets element by element), and the report over the last hour or day.
import type { PrismaClient } from '@rapport/db'
import { BUCKET_COUNT, quantile } from './histogram.ts'
import { STAT_SOURCES, STAT_WINDOWS, STATS_LIMITS, type StatSource, type StatWindow } from './limits.ts'
import type { StatRow } from './recorder.ts'

type Db = Pick<PrismaClient, '$executeRawUnsafe' | '$queryRawUnsafe'>

/** Adds the rows to what is stored (one statement), then forgets minutes past the longest window. */
export async function saveStats(db: Db, rows: readonly StatRow[], now = new Date()): Promise<void> {
  if (rows.length === 0) return
  for (const r of rows) if (r.buckets.length !== BUCKET_COUNT) throw new Error(`a histogram has ${r.buckets.length} buckets, not ${BUCKET_COUNT}`)
  await db.$executeRawUnsafe(
    `INSERT INTO "StatMinute" (source, name, minute, count, errors, buckets)
     SELECT r.source, r.name, r.minute, r.count, r.errors, r.buckets
       FROM jsonb_to_recordset($1::jsonb) AS r(source text, name text, minute timestamp(3), count int, errors int, buckets int[])
     ON CONFLICT (source, name, minute) DO UPDATE SET
       count = "StatMinute".count + EXCLUDED.count,
       errors = "StatMinute".errors + EXCLUDED.errors,
       buckets = ARRAY(SELECT a + b FROM unnest("StatMinute".buckets, EXCLUDED.buckets) AS t(a, b))`,
    JSON.stringify(rows.map((r) => ({ ...r, minute: r.minute.toISOString(), buckets: `{${r.buckets.join(',')}}` }))),
  )
  await db.$executeRawUnsafe(`DELETE FROM "StatMinute" WHERE minute < $1::timestamp(3)`, new Date(now.getTime() - STATS_LIMITS.keepMinutes * 60_000).toISOString())
}

export type StatsReportRow = {
  source: StatSource
  name: string
  count: number
  errors: number
  /** Errors per request, 0 to 1. */
  errorRate: number
  /** Requests per minute over the window. */
  perMinute: number
  p50Ms: number | null
  p95Ms: number | null
  p99Ms: number | null
}
export type StatsReport = { window: StatWindow; since: Date; until: Date; rows: StatsReportRow[] }

/** Every source and name seen in the window, busiest first within each source. */
export async function statsReport(db: Db, window: StatWindow, now = new Date()): Promise<StatsReport> {
  const minutes = STAT_WINDOWS[window]
  const since = new Date(now.getTime() - minutes * 60_000)
  const totals = await db.$queryRawUnsafe<{ source: StatSource; name: string; count: bigint; errors: bigint }[]>(
    `SELECT source, name, sum(count) AS count, sum(errors) AS errors FROM "StatMinute" WHERE minute >= $1::timestamp(3) GROUP BY source, name`,
    since.toISOString(),
  )
  const cells = await db.$queryRawUnsafe<{ source: string; name: string; i: bigint; n: bigint }[]>(
    `SELECT source, name, t.i, sum(t.n) AS n
       FROM "StatMinute", unnest(buckets) WITH ORDINALITY AS t(n, i)
      WHERE minute >= $1::timestamp(3) AND t.n > 0
      GROUP BY source, name, t.i`,
    since.toISOString(),
  )
  const histograms = new Map<string, number[]>()
  for (const c of cells) {
    const key = `${c.source}\u0000${c.name}`
    let h = histograms.get(key)
    if (!h) histograms.set(key, (h = new Array<number>(BUCKET_COUNT).fill(0)))
    h[Number(c.i) - 1] = Number(c.n)
  }
  const order = Object.keys(STAT_SOURCES)
  const rows = totals
    .map((t) => {
      const h = histograms.get(`${t.source}\u0000${t.name}`) ?? []
      const count = Number(t.count)
      const errors = Number(t.errors)
      return {
        source: t.source,
        name: t.name,
        count,
        errors,
        errorRate: count ? errors / count : 0,
        perMinute: count / minutes,
        p50Ms: quantile(h, 0.5),
        p95Ms: quantile(h, 0.95),
        p99Ms: quantile(h, 0.99),
      }
    })
    .sort((a, b) => order.indexOf(a.source) - order.indexOf(b.source) || b.count - a.count || a.name.localeCompare(b.name))
  return { window, since, until: now, rows }
}
