// The author edits or deletes their review. Every edit is a new version; earlier versions stay
// readable with their dates ("updated on …"), so what a supplier answered is never rewritten.
import { ForbiddenError, NotFoundError, UnauthenticatedError, type Viewer } from '@rapport/core'
import type { ReviewsDeps } from './deps.ts'
import { toReviewDTO, type ReviewDTO } from './dto.ts'
import { isUuid, parseContent } from './input.ts'
import { recordReviewEvent } from './review-events.ts'
import { linkedConversation } from './review-conversation.ts'

export type UpdateReviewInput = { reviewId: string; rating: number; title?: string | null; body: string; conversationId?: string | null }

async function ownReview(deps: ReviewsDeps, viewer: Viewer | null, reviewId: string) {
  if (!viewer) throw new UnauthenticatedError('Sign in to change your review.')
  const review = isUuid(reviewId) ? await deps.db.review.findUnique({ where: { id: reviewId }, select: { id: true, buyerId: true, supplierId: true, status: true } }) : null
  if (!review) throw new NotFoundError('No such review.')
  if (review.buyerId !== viewer.buyerId) throw new ForbiddenError('Only its author can change a review.')
  return review
}

export async function updateReview(deps: ReviewsDeps, viewer: Viewer | null, input: UpdateReviewInput): Promise<ReviewDTO> {
  const review = await ownReview(deps, viewer, input.reviewId)
  if (review.status === 'REMOVED') throw new ForbiddenError('This review was removed by moderators and cannot be edited.')
  const content = parseContent(input)
  const conversationId = await linkedConversation(deps, input.conversationId, review)
  const now = deps.clock.now()
  const updated = await deps.db.$transaction(async (tx) => {
    // The increment takes the row lock: concurrent edits get consecutive versions, none lost.
    const next = await tx.review.update({ where: { id: review.id }, data: { ...content, ...(conversationId === undefined ? {} : { conversationId }), currentVersion: { increment: 1 }, updatedAt: now } })
    await tx.reviewVersion.create({ data: { reviewId: review.id, version: next.currentVersion, ...content, createdAt: now } })
    await recordReviewEvent(deps, tx, { supplierId: review.supplierId, type: 'REVIEW_UPDATED', reviewId: review.id, at: now })
    return next
  })
  deps.announce?.(review.supplierId)
  return toReviewDTO(updated)
}

/** Deletes the review with its versions, votes and the supplier's response. */
export async function deleteReview(deps: ReviewsDeps, viewer: Viewer | null, input: { reviewId: string }): Promise<{ reviewId: string }> {
  const review = await ownReview(deps, viewer, input.reviewId)
  await deps.db.$transaction(async (tx) => {
    const { count } = await tx.review.deleteMany({ where: { id: review.id } })
    if (count) await recordReviewEvent(deps, tx, { supplierId: review.supplierId, type: 'REVIEW_DELETED', reviewId: review.id, at: deps.clock.now() })
  })
  deps.announce?.(review.supplierId)
  return { reviewId: review.id }
}

export type ReviewVersionDTO = { version: number; rating: number; title: string | null; body: string; createdAt: Date }

/** Every version of a review, newest first. */
export async function reviewVersions(deps: Pick<ReviewsDeps, 'db'>, reviewId: string): Promise<ReviewVersionDTO[]> {
  if (!isUuid(reviewId)) return []
  return deps.db.reviewVersion.findMany({
    where: { reviewId },
    orderBy: { version: 'desc' },
    select: { version: true, rating: true, title: true, body: true, createdAt: true },
  })
}
