// Who a review event concerns, and what to tell them: the team hears of a new review or
// question; a buyer, of the team's answer to their review; an asker, of the answer to their
// question; the people who reported something and the author of what was hidden or removed,
// of a moderator's decision. Read inside the job that writes the notifications, so they are
// written once, with the event's own state.
import type { Prisma } from '@rapport/db'
import type { QueueKind } from './moderation/limits.ts'
import { targetFacts } from './moderation/targets.ts'
import type { FlagDecidedPayload, ReviewEventType } from './review-events.ts'

/** One notification to write (the notifications domain's shape, passed on by the gateway). */
export type ReviewNotice = {
  userId: string
  kind: 'NEW_REVIEW' | 'REVIEW_RESPONSE' | 'NEW_QUESTION' | 'QUESTION_ANSWERED' | 'MODERATION_DECISION'
  text: string
  link: string
  at: Date
  subject?: Record<string, string>
}

/** Where notices point: paths of the web app, built where its routes are known. */
export type NoticePaths = {
  supplierFeedback(slug: string): string
  supplierQuestions(slug: string): string
  supplierReviews(slug: string): string
  product(productId: string): string
}

const clip = (s: string, n = 90) => (s.length > n ? `${s.slice(0, n - 1)}…` : s)
const WHAT: Record<QueueKind, string> = {
  REVIEW: 'review',
  REVIEW_RESPONSE: 'answer to a review',
  PRODUCT_QUESTION: 'question',
  PRODUCT_ANSWER: 'answer',
  CONVERSATION: 'conversation',
}
const DONE: Record<string, string> = { HIDE: 'hid', REMOVE: 'removed', RESTORE: 'restored', KEEP: 'kept' }

export async function reviewEventNotices(tx: Prisma.TransactionClient, paths: NoticePaths, eventId: bigint): Promise<ReviewNotice[]> {
  const event = await tx.domainEvent.findUnique({ where: { id: eventId } })
  if (!event?.supplierId) return []
  const supplier = await tx.supplier.findUniqueOrThrow({ where: { id: event.supplierId }, select: { id: true, slug: true, name: true } })
  const at = event.createdAt
  const team = async () =>
    (await tx.supplierMember.findMany({ where: { supplierId: supplier.id, removedAt: null }, select: { userId: true } })).map((m) => m.userId)
  const type = event.type as ReviewEventType

  if (type === 'REVIEW_ADDED' || type === 'REVIEW_RESPONDED') {
    const review = await tx.review.findUnique({
      where: { id: event.aggregateId },
      select: { id: true, rating: true, title: true, body: true, status: true, buyer: { select: { userId: true, displayName: true } }, response: { select: { currentVersion: true } } },
    })
    if (!review || review.status !== 'PUBLISHED') return []
    const subject = { reviewId: review.id, supplierId: supplier.id }
    if (type === 'REVIEW_ADDED') {
      const text = `${review.buyer.displayName} rated ${supplier.name} ${review.rating}/5: “${clip(review.title ?? review.body)}”`
      return (await team()).map((userId) => ({ userId, kind: 'NEW_REVIEW', text, link: paths.supplierFeedback(supplier.slug), at, subject }))
    }
    const text = (review.response?.currentVersion ?? 1) > 1 ? `${supplier.name} updated its answer to your review.` : `${supplier.name} answered your review.`
    return [{ userId: review.buyer.userId, kind: 'REVIEW_RESPONSE', text, link: `${paths.supplierReviews(supplier.slug)}#review-${review.id}`, at, subject }]
  }

  if (type === 'QUESTION_ASKED' || type === 'QUESTION_ANSWERED') {
    const q = await tx.productQuestion.findUnique({
      where: { id: event.aggregateId },
      select: { id: true, body: true, askerId: true, status: true, product: { select: { id: true, name: true } } },
    })
    if (!q || q.status !== 'PUBLISHED') return []
    const subject = { questionId: q.id, productId: q.product.id }
    if (type === 'QUESTION_ASKED') {
      const text = `New question about ${q.product.name}: “${clip(q.body)}”`
      return (await team()).map((userId) => ({ userId, kind: 'NEW_QUESTION', text, link: paths.supplierQuestions(supplier.slug), at, subject }))
    }
    // The answer the event is about: written in the event's transaction, at its time.
    const answer = await tx.productAnswer.findFirst({
      where: { questionId: q.id, createdAt: at, status: 'PUBLISHED' },
      orderBy: { id: 'desc' },
      select: { authorId: true, supplierId: true, author: { select: { displayName: true } } },
    })
    if (!answer || answer.authorId === q.askerId) return []
    const who = answer.supplierId ? supplier.name : answer.author.displayName
    const text = `${who} answered your question about ${q.product.name}.`
    return [{ userId: q.askerId, kind: 'QUESTION_ANSWERED', text, link: `${paths.product(q.product.id)}#question-${q.id}`, at, subject }]
  }

  if (type === 'FLAG_DECIDED') return decisionNotices(tx, paths, supplier, event.payload as FlagDecidedPayload, at)
  return []
}

/** The reporters whose reports the decision closed, and the author of what it hid or removed. */
async function decisionNotices(
  tx: Prisma.TransactionClient,
  paths: NoticePaths,
  supplier: { slug: string },
  d: FlagDecidedPayload,
  at: Date,
): Promise<ReviewNotice[]> {
  const type = d.targetType as QueueKind
  const target = await targetFacts(tx, type, d.targetId)
  const link = type === 'REVIEW' || type === 'REVIEW_RESPONSE' ? paths.supplierReviews(supplier.slug) : paths.supplierQuestions(supplier.slug)
  const closed = await tx.flag.findMany({ where: { targetType: type, targetId: d.targetId, resolvedAt: at }, select: { reporterId: true } })
  const what = WHAT[type]
  const subject = { decisionId: d.decisionId, targetType: type, targetId: d.targetId }
  const notices: ReviewNotice[] = [...new Set(closed.map((f) => f.reporterId))].map((userId) => ({
    userId,
    kind: 'MODERATION_DECISION',
    text: `A moderator looked at the ${what} you reported and ${DONE[d.action] ?? 'decided'} it.`,
    link,
    at,
    subject,
  }))
  if (target?.authorUserId && (d.action === 'HIDE' || d.action === 'REMOVE' || d.action === 'RESTORE'))
    notices.push({ userId: target.authorUserId, kind: 'MODERATION_DECISION', text: `A moderator ${DONE[d.action]} your ${what}.`, link, at, subject })
  return notices
}
