// Durations as counts in fixed buckets, so histograms from any number of processes and minutes add
// up element by element (in SQL or here), and percentiles come from the sum. The buckets grow by a
// quarter from 1 ms to two minutes: a percentile is off by at most that quarter, plenty to tell a
// 40 ms page from a 400 ms one.

/** Upper bounds of the buckets, in milliseconds; one more bucket holds everything slower. */
export const BUCKET_BOUNDS_MS: readonly number[] = (() => {
  const bounds: number[] = []
  for (let b = 1; b < 120_000; b *= 1.25) bounds.push(Math.round(b * 100) / 100)
  return bounds
})()

export const BUCKET_COUNT = BUCKET_BOUNDS_MS.length + 1

export function emptyBuckets(): number[] {
  return new Array<number>(BUCKET_COUNT).fill(0)
}

/** The bucket a duration falls in (binary search over the bounds). */
export function bucketOf(ms: number): number {
  let lo = 0
  let hi = BUCKET_BOUNDS_MS.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (ms <= BUCKET_BOUNDS_MS[mid]!) hi = mid
    else lo = mid + 1
  }
  return lo
}

/**
 * The q-quantile (0 < q ≤ 1) of the durations counted, interpolated within its bucket; null when
 * nothing was counted. The last bucket has no upper bound: its quantiles read as its lower bound.
 */
export function quantile(buckets: readonly number[], q: number): number | null {
  const total = buckets.reduce((a, b) => a + b, 0)
  if (total === 0) return null
  const rank = q * total
  let seen = 0
  for (let i = 0; i < buckets.length; i++) {
    const n = buckets[i]!
    if (n === 0) continue
    if (seen + n >= rank) {
      const lower = i === 0 ? 0 : BUCKET_BOUNDS_MS[i - 1]!
      const upper = BUCKET_BOUNDS_MS[i] ?? lower
      return Math.round((lower + ((rank - seen) / n) * (upper - lower)) * 10) / 10
    }
    seen += n
  }
  return BUCKET_BOUNDS_MS.at(-1)!
}
