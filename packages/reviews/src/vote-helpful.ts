// "Was this helpful?": one vote per signed-in person, never on their own review. The count on
// the review moves in the same transaction as the vote row, so it always equals the rows.
import { ForbiddenError, NotFoundError, UnauthenticatedError, type Viewer } from '@rapport/core'
import type { ReviewsDeps } from './deps.ts'
import { isUuid } from './input.ts'

export type VoteHelpfulInput = { reviewId: string; helpful: boolean }

export async function voteHelpful(deps: ReviewsDeps, viewer: Viewer | null, input: VoteHelpfulInput): Promise<{ reviewId: string; helpfulCount: number; voted: boolean }> {
  if (!viewer) throw new UnauthenticatedError('Sign in to vote.')
  const review = isUuid(input.reviewId)
    ? await deps.db.review.findUnique({ where: { id: input.reviewId }, select: { id: true, status: true, buyer: { select: { userId: true } } } })
    : null
  if (!review || review.status !== 'PUBLISHED') throw new NotFoundError('No such review.')
  if (review.buyer.userId === viewer.userId) throw new ForbiddenError('You cannot vote on your own review.')
  const key = { reviewId_userId: { reviewId: review.id, userId: viewer.userId } }
  const helpfulCount = await deps.db.$transaction(async (tx) => {
    // The vote row decides: a repeated vote (or unvote) changes nothing, however often it is sent.
    const changed = input.helpful
      ? (await tx.reviewHelpfulVote.createMany({ data: [{ reviewId: review.id, userId: viewer.userId, createdAt: deps.clock.now() }], skipDuplicates: true })).count
      : -(await tx.reviewHelpfulVote.deleteMany({ where: key.reviewId_userId })).count
    const r = changed
      ? await tx.review.update({ where: { id: review.id }, data: { helpfulCount: { increment: changed } }, select: { helpfulCount: true } })
      : await tx.review.findUniqueOrThrow({ where: { id: review.id }, select: { helpfulCount: true } })
    return r.helpfulCount
  })
  return { reviewId: review.id, helpfulCount, voted: input.helpful }
}
