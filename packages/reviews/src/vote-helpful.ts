// "Was this helpful?" on a review or on an answer to a product question: one vote per signed-in
// person, never on their own words. The count moves in the same transaction as the vote row, so
// it always equals the rows.
import { ForbiddenError, NotFoundError, UnauthenticatedError, type Viewer } from '@rapport/core'
import type { Prisma } from '@rapport/db'
import type { ReviewsDeps } from './deps.ts'
import { isUuid } from './input.ts'

export type VoteHelpfulInput = ({ reviewId: string } | { answerId: string }) & { helpful: boolean }
export type HelpfulVoteDTO = { reviewId: string | null; answerId: string | null; helpfulCount: number; voted: boolean }

type Target = {
  /** The author's user id, or null when there is no such published item. */
  author(db: ReviewsDeps['db'], id: string): Promise<string | null>
  /** +1, −1 or 0 rows. */
  vote(tx: Prisma.TransactionClient, id: string, userId: string, helpful: boolean, at: Date): Promise<number>
  count(tx: Prisma.TransactionClient, id: string, change: number): Promise<number>
}

const review: Target = {
  async author(db, id) {
    const r = await db.review.findUnique({ where: { id }, select: { status: true, buyer: { select: { userId: true } } } })
    return r?.status === 'PUBLISHED' ? r.buyer.userId : null
  },
  vote: async (tx, reviewId, userId, helpful, at) =>
    helpful
      ? (await tx.reviewHelpfulVote.createMany({ data: [{ reviewId, userId, createdAt: at }], skipDuplicates: true })).count
      : -(await tx.reviewHelpfulVote.deleteMany({ where: { reviewId, userId } })).count,
  count: async (tx, id, change) =>
    (change
      ? await tx.review.update({ where: { id }, data: { helpfulCount: { increment: change } }, select: { helpfulCount: true } })
      : await tx.review.findUniqueOrThrow({ where: { id }, select: { helpfulCount: true } })
    ).helpfulCount,
}

const answer: Target = {
  async author(db, id) {
    const a = await db.productAnswer.findUnique({ where: { id }, select: { status: true, authorId: true } })
    return a?.status === 'PUBLISHED' ? a.authorId : null
  },
  vote: async (tx, answerId, userId, helpful, at) =>
    helpful
      ? (await tx.productAnswerHelpfulVote.createMany({ data: [{ answerId, userId, createdAt: at }], skipDuplicates: true })).count
      : -(await tx.productAnswerHelpfulVote.deleteMany({ where: { answerId, userId } })).count,
  count: async (tx, id, change) =>
    (change
      ? await tx.productAnswer.update({ where: { id }, data: { helpfulCount: { increment: change } }, select: { helpfulCount: true } })
      : await tx.productAnswer.findUniqueOrThrow({ where: { id }, select: { helpfulCount: true } })
    ).helpfulCount,
}

export async function voteHelpful(deps: ReviewsDeps, viewer: Viewer | null, input: VoteHelpfulInput): Promise<HelpfulVoteDTO> {
  if (!viewer) throw new UnauthenticatedError('Sign in to vote.')
  const [target, id, what] = 'reviewId' in input ? [review, input.reviewId, 'review'] : [answer, input.answerId, 'answer']
  const author = isUuid(id) ? await target.author(deps.db, id) : null
  if (!author) throw new NotFoundError(`No such ${what}.`)
  if (author === viewer.userId) throw new ForbiddenError(`You cannot vote on your own ${what}.`)
  const helpfulCount = await deps.db.$transaction(async (tx) => {
    // The vote row decides: a repeated vote (or unvote) changes nothing, however often it is sent.
    const change = await target.vote(tx, id, viewer.userId, input.helpful, deps.clock.now())
    return target.count(tx, id, change)
  })
  return { reviewId: what === 'review' ? id : null, answerId: what === 'answer' ? id : null, helpfulCount, voted: input.helpful }
}
