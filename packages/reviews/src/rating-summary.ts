// Rating summaries, computed from the published reviews when asked rather than kept as running
// totals: one grouped query reads them all, so concurrent writes can never leave a summary out of
// step with its reviews (a test writes reviews at once and compares). The indexes on
// (supplierId, status, createdAt) keep it a range scan.
import { Prisma } from '@rapport/db'
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

/** A supplier's summary, or a product's: every review of an order that contained the product. */
export async function ratingSummary(deps: Pick<ReviewsDeps, 'db' | 'clock'>, of: { supplierId: string } | { productId: string }): Promise<RatingSummary> {
  const id = 'supplierId' in of ? of.supplierId : of.productId
  const empty: RatingSummary = { count: 0, average: null, distribution: [0, 0, 0, 0, 0], lastTwelveMonthsAverage: null }
  if (!isUuid(id)) return empty
  const since = new Date(deps.clock.now().getTime() - YEAR_MS)
  const scope =
    'supplierId' in of
      ? Prisma.sql`r."supplierId" = ${id}::uuid`
      : Prisma.sql`EXISTS (SELECT 1 FROM "OrderItem" i WHERE i."orderId" = r."orderId" AND i."productId" = ${id}::uuid)`
  const rows = await deps.db.$queryRaw<{ rating: number; n: number; recent: number }[]>`
    SELECT r.rating, count(*)::int AS n, (count(*) FILTER (WHERE r."createdAt" >= ${since}))::int AS recent
    FROM "Review" r
    WHERE r.status = 'PUBLISHED' AND ${scope}
    GROUP BY r.rating`
  return summarise(rows)
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
