// What happened to a supplier's reviews, in order: the feed behind the team's live dashboard
// (and, later, webhooks). Events are rows of the DomainEvent outbox, written in the same
// transaction as their cause. Their ids come from one sequence, so a reader could see id 11
// commit before 10; taking the supplier's row lock first makes one supplier's events commit in
// id order, and "every event after my cursor" is then never missing one.
import type { Prisma } from '@rapport/db'
import type { ReviewsDeps } from './deps.ts'

export const REVIEW_EVENT_TYPES = ['REVIEW_ADDED', 'REVIEW_UPDATED', 'REVIEW_DELETED', 'REVIEW_RESPONDED', 'QUESTION_ASKED', 'QUESTION_ANSWERED', 'FLAG_DECIDED'] as const
export type ReviewEventType = (typeof REVIEW_EVENT_TYPES)[number]

/** What an event is about: its DomainEvent aggregate. */
const AGGREGATE = { review: 'Review', question: 'ProductQuestion' } as const

/** What a FLAG_DECIDED event carries: the decision, and what it was about. */
export type FlagDecidedPayload = { decisionId: string; targetType: string; targetId: string; action: string }

export type ReviewEventDTO = {
  /** The cursor: a DomainEvent id, as a decimal string. */
  id: string
  type: ReviewEventType
  supplierId: string
  /** Set for events about a review. */
  reviewId: string | null
  /** Set for events about a product question (and its answers). */
  questionId: string | null
  at: Date
  /** For FLAG_DECIDED. */
  decision: FlagDecidedPayload | null
}

/** A review, a product question, or (FLAG_DECIDED) any of the supplier's things with the decision. */
type EventSubject = { reviewId: string } | { questionId: string } | { aggregateType: string; aggregateId: string; payload: FlagDecidedPayload }

/** Records an event inside the caller's transaction (after its other writes). */
export async function recordReviewEvent(
  deps: Pick<ReviewsDeps, 'onEvent'>,
  tx: Prisma.TransactionClient,
  e: { supplierId: string; type: ReviewEventType; at: Date } & EventSubject,
): Promise<void> {
  // NO KEY UPDATE: it queues this supplier's event writers behind each other but, unlike FOR
  // UPDATE, not rows that merely reference the supplier (whose foreign keys take KEY SHARE) —
  // which also spares a writer that inserted such a row before asking from a deadlock.
  await tx.$executeRaw`SELECT 1 FROM "Supplier" WHERE "id" = ${e.supplierId}::uuid FOR NO KEY UPDATE`
  const aggregate =
    'reviewId' in e
      ? { aggregateType: AGGREGATE.review, aggregateId: e.reviewId, payload: {} }
      : 'questionId' in e
        ? { aggregateType: AGGREGATE.question, aggregateId: e.questionId, payload: {} }
        : { aggregateType: e.aggregateType, aggregateId: e.aggregateId, payload: e.payload }
  const row = await tx.domainEvent.create({ data: { type: e.type, ...aggregate, supplierId: e.supplierId, createdAt: e.at }, select: { id: true } })
  await deps.onEvent?.(tx, row.id)
}

/** The supplier's review events after `afterId`, oldest first, at most `limit`. */
export async function reviewEventsAfter(deps: Pick<ReviewsDeps, 'db'>, supplierId: string, afterId: bigint, limit = 100): Promise<ReviewEventDTO[]> {
  const rows = await deps.db.domainEvent.findMany({
    where: { supplierId, id: { gt: afterId }, type: { in: [...REVIEW_EVENT_TYPES] } },
    orderBy: { id: 'asc' },
    take: limit,
  })
  return rows.map((r) => ({
    id: r.id.toString(),
    type: r.type as ReviewEventType,
    supplierId,
    reviewId: r.aggregateType === AGGREGATE.review ? r.aggregateId : null,
    questionId: r.aggregateType === AGGREGATE.question ? r.aggregateId : null,
    at: r.createdAt,
    decision: r.type === 'FLAG_DECIDED' ? (r.payload as FlagDecidedPayload) : null,
  }))
}

/**
 * The newest event id (0 when there is none). Of all events: a cursor past it was never handed
 * out. Of one supplier's review events: where a feed that starts "from now" starts — not the
 * newest of all, which another supplier's event can hold while one of this supplier's, with a
 * smaller id, has yet to commit (only one supplier's events commit in id order).
 */
export async function lastEventId(deps: Pick<ReviewsDeps, 'db'>, supplierId?: string): Promise<bigint> {
  const where = supplierId === undefined ? {} : { supplierId, type: { in: [...REVIEW_EVENT_TYPES] } }
  const row = await deps.db.domainEvent.findFirst({ where, orderBy: { id: 'desc' }, select: { id: true } })
  return row?.id ?? 0n
}
