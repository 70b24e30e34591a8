// Counting timings in a process: per source, name and minute, in memory, written every
// STATS_LIMITS.flushMs by `save` (the gateway writes to PostgreSQL; the web app posts to the
// gateway). Writes add to what other processes wrote, so any number of them can count at once.
// A failed write keeps its rows for the next one.
import { bucketOf, emptyBuckets } from './histogram.ts'
import { STATS_LIMITS, type StatSource } from './limits.ts'

export type StatRow = { source: StatSource; name: string; minute: Date; count: number; errors: number; buckets: number[] }

export type StatsRecorder = {
  /** One timing. Names past the cap for their source count as "other". */
  record(source: StatSource, name: string, ms: number, failed: boolean): void
  /** Writes what was counted now (also called every flushMs). */
  flush(): Promise<void>
  /** Stops the timer and writes what is left. */
  close(): Promise<void>
}

export function createStatsRecorder(opts: {
  save: (rows: StatRow[]) => Promise<void>
  now?: () => Date
  flushMs?: number
  onError?: (err: unknown) => void
}): StatsRecorder {
  const now = opts.now ?? (() => new Date())
  let pending = new Map<string, StatRow>()
  const names = new Map<StatSource, Set<string>>()

  function nameFor(source: StatSource, raw: string): string {
    const name = raw.slice(0, STATS_LIMITS.nameLength) || 'anonymous'
    let seen = names.get(source)
    if (!seen) names.set(source, (seen = new Set()))
    if (seen.has(name)) return name
    if (seen.size >= STATS_LIMITS.namesPerSource) return 'other'
    seen.add(name)
    return name
  }

  function add(row: StatRow) {
    const key = `${row.source}\u0000${row.name}\u0000${row.minute.getTime()}`
    const mine = pending.get(key)
    if (!mine) return void pending.set(key, row)
    mine.count += row.count
    mine.errors += row.errors
    for (let i = 0; i < row.buckets.length; i++) mine.buckets[i]! += row.buckets[i]!
  }

  let flushing: Promise<void> | null = null
  async function flush() {
    await flushing
    if (pending.size === 0) return
    const rows = [...pending.values()]
    pending = new Map()
    flushing = opts.save(rows).catch((err: unknown) => {
      // Kept for the next write: the database may be back by then.
      for (const r of rows) add(r)
      opts.onError?.(err)
    })
    await flushing
    flushing = null
  }

  const timer = setInterval(() => void flush(), opts.flushMs ?? STATS_LIMITS.flushMs)
  timer.unref()

  return {
    record(source, rawName, ms, failed) {
      if (!Number.isFinite(ms) || ms < 0) return
      // Every operation passes here: the minute's row is counted into in place, and only the
      // first timing of a name in a minute makes a row (and its buckets).
      const minute = Math.floor(now().getTime() / 60_000) * 60_000
      const name = nameFor(source, rawName)
      const key = `${source}\u0000${name}\u0000${minute}`
      let row = pending.get(key)
      if (!row) pending.set(key, (row = { source, name, minute: new Date(minute), count: 0, errors: 0, buckets: emptyBuckets() }))
      row.count++
      if (failed) row.errors++
      row.buckets[bucketOf(ms)]!++
    },
    flush,
    async close() {
      clearInterval(timer)
      await flush()
    },
  }
}
