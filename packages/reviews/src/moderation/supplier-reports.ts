// What a supplier's team learns about reports on its content: which reviews about it, which of
// its responses, which questions on its products and which answers there were reported, for
// what kind of reason, and what the moderators decided — one item per reported thing.
//
// What the team does not learn: who reported (no reporter, no count of reporters, no reporter's
// own words — they may name the reporter), the exact time of a report (the day only: a minute
// could be matched with a conversation), the moderators' names, or the moderators' reasons for
// keeping or restoring something (written for the reporter and the author, not published). The
// reason for hiding or removing is the public notice, so the team sees it. The text of a buyer's
// review, question or answer that moderators hid or removed is withheld, as on every other page
// the team reads; the team's own responses and answers are shown, as to their author.
// Reported conversations are not listed: a conversation has two parties, so "reported" would
// name the reporter.
import { ForbiddenError, membershipOf, UnauthenticatedError, type Viewer } from '@rapport/core'
import { Prisma } from '@rapport/db'
import type { ReviewsDeps } from '../deps.ts'
import { isUuid } from '../input.ts'
import { decisionsAbout } from './decide-flag.ts'
import { publishedReason, type DecisionAction, type FlaggableType, type FlagReason } from './limits.ts'
import type { ContentStatus } from './targets.ts'

/** Where a reported thing stands: waiting for moderators, or what they last decided. */
export type ReportedItemState = 'OPEN' | 'KEPT' | 'HIDDEN' | 'REMOVED' | 'RESTORED'

export type ReportedItemDTO = {
  kind: FlaggableType
  /** The review, response, question or answer. */
  id: string
  state: ReportedItemState
  status: ContentStatus
  /** The kinds of reason given, each once, in a fixed order. */
  reasons: FlagReason[]
  /** The day (UTC, "YYYY-MM-DD") of the latest report about it. */
  reportedOn: string
  /** The moderators' latest decision; `reason` only where it is the public notice (hide, remove). */
  decision: { action: DecisionAction; decidedAt: Date; reason: string | null } | null
  /** Written by the team (a response, an official answer). */
  fromTeam: boolean
  /** The text; null where it is withheld from the team (a buyer's, hidden or removed). */
  text: string | null
  title: string | null
  rating: number | null
  /** A review's buyer, a question's asker (null when asked anonymously), an answer's author; null for a response. */
  authorName: string | null
  /** The review a response answers (or the review itself). */
  reviewId: string | null
  /** The question an answer answers (or the question itself), and its text where the team may read it. */
  questionId: string | null
  questionText: string | null
  productId: string | null
  productName: string | null
}

export type SupplierReportsInput = {
  supplierId: string
  /** Only things waiting for moderators. */
  open?: boolean
  /** Cursors are items (the content's id), never reports. */
  afterId?: string | null
  beforeId?: string | null
  limit: number
  inverted?: boolean
}

type ItemRow = { kind: FlaggableType; id: string; reportedAt: Date; open: boolean; reasons: FlagReason[] }

/** Members of the supplier only (moderators have their queue). */
function requireMember(viewer: Viewer | null, supplierId: string): void {
  if (!viewer) throw new UnauthenticatedError('Sign in to see your reports.')
  if (!membershipOf(viewer, supplierId)) throw new ForbiddenError('Only the supplier’s team can see reports about its content.')
}

// The supplier's reported things, by kind: the Flag rows joined to the content they are about.
const reportedSql = (supplierId: string) => Prisma.sql`
  SELECT f."targetType"::text AS kind, f."targetId" AS id, f."createdAt", f."status"::text AS status, f."reason"::text AS reason
    FROM "Flag" f JOIN "Review" r ON r."id" = f."targetId"
   WHERE f."targetType" = 'REVIEW' AND r."supplierId" = ${supplierId}::uuid
  UNION ALL
  SELECT f."targetType"::text, f."targetId", f."createdAt", f."status"::text, f."reason"::text
    FROM "Flag" f JOIN "ReviewResponse" rr ON rr."id" = f."targetId"
   WHERE f."targetType" = 'REVIEW_RESPONSE' AND rr."supplierId" = ${supplierId}::uuid
  UNION ALL
  SELECT f."targetType"::text, f."targetId", f."createdAt", f."status"::text, f."reason"::text
    FROM "Flag" f JOIN "ProductQuestion" q ON q."id" = f."targetId" JOIN "Product" p ON p."id" = q."productId"
   WHERE f."targetType" = 'PRODUCT_QUESTION' AND p."supplierId" = ${supplierId}::uuid
  UNION ALL
  SELECT f."targetType"::text, f."targetId", f."createdAt", f."status"::text, f."reason"::text
    FROM "Flag" f JOIN "ProductAnswer" a ON a."id" = f."targetId" JOIN "ProductQuestion" q ON q."id" = a."questionId" JOIN "Product" p ON p."id" = q."productId"
   WHERE f."targetType" = 'PRODUCT_ANSWER' AND p."supplierId" = ${supplierId}::uuid`

/**
 * The supplier's reported things, the most recently reported first (a page of them): what the
 * team may know of each, and where it stands.
 */
export async function supplierReports(deps: Pick<ReviewsDeps, 'db'>, viewer: Viewer | null, input: SupplierReportsInput): Promise<ReportedItemDTO[]> {
  requireMember(viewer, input.supplierId)
  if (!isUuid(input.supplierId)) return []
  const cursor = input.inverted ? (input.beforeId ?? input.afterId) : (input.afterId ?? input.beforeId)
  const backwards = !!input.inverted
  // Keyset on (latest report, id); the cursor item's position is read again, so a cursor is just the item.
  const position =
    cursor && isUuid(cursor)
      ? Prisma.sql`AND ("reportedAt", "id") ${backwards ? Prisma.sql`>` : Prisma.sql`<`} (
          (SELECT max("createdAt") FROM "Flag" WHERE "targetType" IN ('REVIEW', 'REVIEW_RESPONSE', 'PRODUCT_QUESTION', 'PRODUCT_ANSWER') AND "targetId" = ${cursor}::uuid), ${cursor}::uuid)`
      : Prisma.empty
  const order = backwards ? Prisma.sql`ASC` : Prisma.sql`DESC`
  const rows = await deps.db.$queryRaw<ItemRow[]>`
    WITH reported AS (${reportedSql(input.supplierId)}),
    items AS (
      SELECT kind, id, max("createdAt") AS "reportedAt", bool_or(status = 'OPEN') AS open, array_agg(DISTINCT reason ORDER BY reason) AS reasons
        FROM reported GROUP BY kind, id
    )
    SELECT kind, id, "reportedAt", open, reasons FROM items
     WHERE TRUE ${input.open ? Prisma.sql`AND open` : Prisma.empty} ${position}
     ORDER BY "reportedAt" ${order}, id ${order}
     LIMIT ${Math.max(0, Math.min(input.limit, 101))}`
  return describe(deps, rows)
}

/** How many of the supplier's reported things wait for moderators. */
export async function openSupplierReportCount(deps: Pick<ReviewsDeps, 'db'>, viewer: Viewer | null, supplierId: string): Promise<number> {
  requireMember(viewer, supplierId)
  if (!isUuid(supplierId)) return 0
  const [row] = await deps.db.$queryRaw<{ n: number }[]>`
    WITH reported AS (${reportedSql(supplierId)})
    SELECT count(DISTINCT (kind, id))::int AS n FROM reported WHERE status = 'OPEN'`
  return row?.n ?? 0
}

const ids = (rows: ItemRow[], kind: FlaggableType) => rows.filter((r) => r.kind === kind).map((r) => r.id)
const STATE_AFTER: Record<DecisionAction, ReportedItemState> = { KEEP: 'KEPT', HIDE: 'HIDDEN', REMOVE: 'REMOVED', RESTORE: 'RESTORED' }

async function describe(deps: Pick<ReviewsDeps, 'db'>, rows: ItemRow[]): Promise<ReportedItemDTO[]> {
  if (!rows.length) return []
  const [reviews, responses, questions, answers, decisions] = await Promise.all([
    deps.db.review.findMany({
      where: { id: { in: ids(rows, 'REVIEW') } },
      select: { id: true, status: true, title: true, body: true, rating: true, buyer: { select: { displayName: true } }, product: { select: { id: true, name: true } } },
    }),
    deps.db.reviewResponse.findMany({
      where: { id: { in: ids(rows, 'REVIEW_RESPONSE') } },
      select: { id: true, status: true, body: true, reviewId: true, review: { select: { rating: true, status: true, product: { select: { id: true, name: true } } } } },
    }),
    deps.db.productQuestion.findMany({
      where: { id: { in: ids(rows, 'PRODUCT_QUESTION') } },
      select: { id: true, status: true, body: true, anonymous: true, asker: { select: { displayName: true } }, product: { select: { id: true, name: true } } },
    }),
    deps.db.productAnswer.findMany({
      where: { id: { in: ids(rows, 'PRODUCT_ANSWER') } },
      select: {
        id: true,
        status: true,
        body: true,
        supplierId: true,
        author: { select: { displayName: true } },
        question: { select: { id: true, body: true, status: true, product: { select: { id: true, name: true } } } },
      },
    }),
    decisionsAbout(deps, rows.map((r) => ({ type: r.kind, id: r.id }))),
  ])
  const byId = new Map<string, Omit<ReportedItemDTO, 'kind' | 'id' | 'state' | 'reasons' | 'reportedOn' | 'decision'>>()
  const base = { title: null, rating: null, authorName: null, reviewId: null, questionId: null, questionText: null, productId: null, productName: null }
  const shown = (status: ContentStatus, own: boolean, text: string) => (own || status === 'PUBLISHED' ? text : null)
  for (const r of reviews)
    byId.set(r.id, {
      ...base,
      status: r.status,
      fromTeam: false,
      text: shown(r.status, false, r.body),
      title: shown(r.status, false, r.title ?? '') || null,
      rating: r.status === 'PUBLISHED' ? r.rating : null,
      authorName: r.buyer.displayName,
      reviewId: r.id,
      productId: r.product?.id ?? null,
      productName: r.product?.name ?? null,
    })
  for (const r of responses)
    byId.set(r.id, { ...base, status: r.status, fromTeam: true, text: r.body, rating: r.review.status === 'PUBLISHED' ? r.review.rating : null, reviewId: r.reviewId, productId: r.review.product?.id ?? null, productName: r.review.product?.name ?? null })
  for (const q of questions)
    byId.set(q.id, {
      ...base,
      status: q.status,
      fromTeam: false,
      text: shown(q.status, false, q.body),
      authorName: q.anonymous ? null : q.asker.displayName,
      questionId: q.id,
      questionText: shown(q.status, false, q.body),
      productId: q.product.id,
      productName: q.product.name,
    })
  for (const a of answers)
    byId.set(a.id, {
      ...base,
      status: a.status,
      fromTeam: !!a.supplierId,
      text: shown(a.status, !!a.supplierId, a.body),
      authorName: a.author.displayName,
      questionId: a.question.id,
      questionText: shown(a.question.status, false, a.question.body),
      productId: a.question.product.id,
      productName: a.question.product.name,
    })
  return rows.flatMap((row) => {
    const content = byId.get(row.id)
    // Deleted by its author since: nothing left to show.
    if (!content) return []
    const latest = decisions.get(`${row.kind}:${row.id}`)?.at(-1) ?? null
    const state: ReportedItemState = row.open ? 'OPEN' : latest ? STATE_AFTER[latest.action] : content.status === 'PUBLISHED' ? 'KEPT' : content.status
    return [
      {
        kind: row.kind,
        id: row.id,
        state,
        reasons: row.reasons,
        reportedOn: new Date(row.reportedAt).toISOString().slice(0, 10),
        decision: latest && { action: latest.action, decidedAt: latest.createdAt, reason: publishedReason(latest.action, latest.reason) },
        ...content,
      },
    ]
  })
}
