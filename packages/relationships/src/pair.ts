// One buyer and one supplier: their history together (the timeline) and, for the supplier's
// team, how the relationship is doing (its health). Seen by that buyer and that supplier's
// members only; to anyone else the pair does not exist (NotFoundError, never a hint that it does).
import { membershipOf, NotFoundError, ValidationError, type Viewer } from '@rapport/core'
import type { PrismaClient } from '@rapport/db'
import { pageSize } from './follows.ts'

export type Pair = { buyerId: string; supplierId: string }
export type PairSide = 'BUYER' | 'SUPPLIER'

/** Which side of the pair the viewer is on, or null when on neither. */
export function pairSide(viewer: Viewer | null, pair: Pair): PairSide | null {
  if (viewer?.buyerId === pair.buyerId) return 'BUYER'
  if (viewer && membershipOf(viewer, pair.supplierId)) return 'SUPPLIER'
  return null
}

/** Which side of the pair the viewer is on; NotFoundError when on neither. */
export function pairSideOf(viewer: Viewer | null, pair: Pair): PairSide {
  const side = pairSide(viewer, pair)
  if (!side) throw new NotFoundError('No such relationship.')
  return side
}

export type TimelineKind = 'ORDER' | 'CONVERSATION' | 'REVIEW' | 'UPDATE'
/** One thing that happened between the pair: what it is, its id, and when. */
export type TimelineEntry = { kind: TimelineKind; id: string; at: Date }
export type TimelinePageInput = { first?: number | null; after?: string | null }

/**
 * The pair's history, newest first: orders placed, conversations started, the buyer's
 * published reviews of this supplier, and the supplier's updates posted while the buyer
 * followed it (what reached them, not everything the supplier ever said). Keyset-paged on
 * (time, id), so entries added meanwhile never shift a page.
 */
export async function pairTimeline(deps: { db: PrismaClient }, viewer: Viewer | null, pair: Pair, input: TimelinePageInput = {}) {
  pairSideOf(viewer, pair)
  const first = pageSize(input.first)
  const after = input.after ? timelineCursorParts(input.after) : null
  // A cursor past everything (the year 10000) keeps the statement the same for the first page.
  const before = after ?? { at: '9999-12-31T23:59:59.999Z', id: 'ffffffff-ffff-ffff-ffff-ffffffffffff' }
  const rows = await deps.db.$queryRaw<TimelineEntry[]>`
    SELECT kind, id, at FROM (
      SELECT 'ORDER' AS kind, o.id, o."placedAt" AS at FROM "Order" o
       WHERE o."buyerId" = ${pair.buyerId}::uuid AND o."supplierId" = ${pair.supplierId}::uuid
      UNION ALL
      SELECT 'CONVERSATION', c.id, c."createdAt" FROM "Conversation" c
       WHERE c."buyerId" = ${pair.buyerId}::uuid AND c."supplierId" = ${pair.supplierId}::uuid
      UNION ALL
      SELECT 'REVIEW', r.id, r."createdAt" FROM "Review" r
       WHERE r."buyerId" = ${pair.buyerId}::uuid AND r."supplierId" = ${pair.supplierId}::uuid AND r.status = 'PUBLISHED'
      UNION ALL
      SELECT 'UPDATE', u.id, u."publishedAt" FROM "SupplierUpdate" u
        JOIN "Follow" f ON f."supplierId" = u."supplierId" AND f."buyerId" = ${pair.buyerId}::uuid
       WHERE u."supplierId" = ${pair.supplierId}::uuid AND u.status = 'PUBLISHED' AND u."publishedAt" >= f."createdAt"
    ) t
    WHERE (at, id) < (${before.at}::timestamp, ${before.id}::uuid)
    ORDER BY at DESC, id DESC
    LIMIT ${first + 1}`
  const items = rows.slice(0, first)
  return { items, hasNextPage: rows.length > first }
}

/** A timeline entry's place in the list, for `after`. */
export function timelineCursor(e: TimelineEntry): string {
  return `${e.at.toISOString()}_${e.id}`
}

function timelineCursorParts(after: string): { at: string; id: string } {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(after)
  if (!m || Number.isNaN(Date.parse(m[1]!))) throw new ValidationError('That is not a cursor from this list.', 'after')
  return { at: m[1]!, id: m[2]! }
}

export type PairHealth = {
  orderCount: number
  /** Orders after the first: the buyer came back. */
  repeatOrderCount: number
  firstOrderAt: Date | null
  lastOrderAt: Date | null
  /** The latest message either side sent, in any of their conversations. */
  lastContactAt: Date | null
  /** Conversations not yet resolved: what is still open between them. */
  openConversationCount: number
  resolvedConversationCount: number
  /** Median time from a conversation's start to its resolution, over the resolved ones. */
  medianResolveSeconds: number | null
}

/** How the relationship is doing, for the supplier's team (the buyer is told NotFound: it is the team's view). */
export async function pairHealth(deps: { db: PrismaClient }, viewer: Viewer | null, pair: Pair): Promise<PairHealth> {
  if (pairSideOf(viewer, pair) !== 'SUPPLIER') throw new NotFoundError('No such relationship.')
  const [row] = await deps.db.$queryRaw<
    {
      orders: number
      first_order: Date | null
      last_order: Date | null
      last_contact: Date | null
      open: number
      resolved: number
      median_resolve: number | null
    }[]
  >`
    WITH o AS (
      SELECT count(*)::int AS n, min(o."placedAt") AS first, max(o."placedAt") AS last FROM "Order" o
      WHERE o."buyerId" = ${pair.buyerId}::uuid AND o."supplierId" = ${pair.supplierId}::uuid AND o.status <> 'CANCELLED'
    )
    SELECT
      o.n AS orders, o.first AS first_order, o.last AS last_order,
      max(c."lastMessageAt") FILTER (WHERE c."lastSequence" > 0) AS last_contact,
      count(c.id) FILTER (WHERE c.status <> 'RESOLVED')::int AS open,
      count(c.id) FILTER (WHERE c.status = 'RESOLVED' AND c."resolvedAt" IS NOT NULL)::int AS resolved,
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c."resolvedAt" - c."createdAt"))
         FILTER (WHERE c.status = 'RESOLVED' AND c."resolvedAt" IS NOT NULL))::float8 AS median_resolve
    FROM o
    LEFT JOIN "Conversation" c ON c."buyerId" = ${pair.buyerId}::uuid AND c."supplierId" = ${pair.supplierId}::uuid
    GROUP BY o.n, o.first, o.last`
  const orders = row?.orders ?? 0
  return {
    orderCount: orders,
    repeatOrderCount: Math.max(0, orders - 1),
    firstOrderAt: row?.first_order ?? null,
    lastOrderAt: row?.last_order ?? null,
    lastContactAt: row?.last_contact ?? null,
    openConversationCount: row?.open ?? 0,
    resolvedConversationCount: row?.resolved ?? 0,
    medianResolveSeconds: row?.median_resolve == null ? null : Math.round(row.median_resolve),
  }
}
