// Rating summaries, computed from the published reviews when asked rather than kept as running
// totals: one grouped query reads them all, so concurrent writes can never leave a summary out of
// step with its reviews (a test writes reviews at once and compares). The indexes on
// (supplierId, status, createdAt) keep it a range scan.
import type { ReviewsDeps } from './deps.ts'
import { isUuid } from './input.ts'

export type RatingSummary = {
  count: number
  /** Two decimals; null without reviews. */
  average: number | null
  /** Reviews with 1, 2, 3, 4 and 5 stars. */
  distribution: [number, number, number, number, number]
  /** The average of reviews written in the last 12 months; null without any. */
  lastTwelveMonthsAverage: number | null
}

const YEAR_MS = 365 * 24 * 60 * 60 * 1000

/**
 * Summaries for several suppliers or products at once (one query for a page of them), keyed by
 * id; a product's counts every review of an order that contained it (once, however many lines).
 */
export async function ratingSummaries(
  deps: Pick<ReviewsDeps, 'db' | 'clock'>,
  of: { supplierIds: readonly string[] } | { productIds: readonly string[] },
): Promise<Map<string, RatingSummary>> {
  const ids = [...new Set('supplierIds' in of ? of.supplierIds : of.productIds)].filter(isUuid)
  const out = new Map<string, RatingSummary>()
  const rowsByKey = new Map<string, { rating: number; n: number; recent: number }[]>(ids.map((id) => [id, []]))
  if (ids.length) {
    const since = new Date(deps.clock.now().getTime() - YEAR_MS)
    const rows =
      'supplierIds' in of
        ? await deps.db.$queryRaw<{ key: string; rating: number; n: number; recent: number }[]>`
            SELECT r."supplierId" AS key, r.rating, count(*)::int AS n, (count(*) FILTER (WHERE r."createdAt" >= ${since}))::int AS recent
            FROM "Review" r
            WHERE r.status = 'PUBLISHED' AND r."supplierId" = ANY(${ids}::uuid[])
            GROUP BY r."supplierId", r.rating`
        : await deps.db.$queryRaw<{ key: string; rating: number; n: number; recent: number }[]>`
            SELECT i."productId" AS key, r.rating, count(DISTINCT r.id)::int AS n,
                   (count(DISTINCT r.id) FILTER (WHERE r."createdAt" >= ${since}))::int AS recent
            FROM "Review" r JOIN "OrderItem" i ON i."orderId" = r."orderId"
            WHERE r.status = 'PUBLISHED' AND i."productId" = ANY(${ids}::uuid[])
            GROUP BY i."productId", r.rating`
    for (const row of rows) rowsByKey.get(row.key)?.push(row)
  }
  for (const [id, rows] of rowsByKey) out.set(id, summarise(rows))
  return out
}

/** One supplier's summary, or one product's. */
export async function ratingSummary(deps: Pick<ReviewsDeps, 'db' | 'clock'>, of: { supplierId: string } | { productId: string }): Promise<RatingSummary> {
  const id = 'supplierId' in of ? of.supplierId : of.productId
  const map = await ratingSummaries(deps, 'supplierId' in of ? { supplierIds: [id] } : { productIds: [id] })
  return map.get(id) ?? summarise([])
}

/** The summary of grouped counts: `n` reviews with `rating`, `recent` of them in the last 12 months. */
export function summarise(rows: readonly { rating: number; n: number; recent: number }[]): RatingSummary {
  const distribution: RatingSummary['distribution'] = [0, 0, 0, 0, 0]
  let recentCount = 0
  let recentSum = 0
  for (const { rating, n, recent } of rows) {
    if (rating < 1 || rating > 5) continue
    distribution[rating - 1] = (distribution[rating - 1] ?? 0) + n
    recentCount += recent
    recentSum += recent * rating
  }
  const count = distribution.reduce((a, b) => a + b, 0)
  const sum = distribution.reduce((a, n, i) => a + n * (i + 1), 0)
  const round = (x: number) => Math.round(x * 100) / 100
  return {
    count,
    average: count ? round(sum / count) : null,
    distribution,
    lastTwelveMonthsAverage: recentCount ? round(recentSum / recentCount) : null,
  }
}
