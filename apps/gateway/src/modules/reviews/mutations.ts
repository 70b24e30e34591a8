// Writing, editing, deleting and voting on reviews: decode ids, call one domain function.
import { encodeGlobalID } from '@pothos/plugin-relay'
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '@rapport/core'
import { deleteReview, updateReview, voteHelpful, writeReview, type HelpfulVoteDTO, type VoteHelpfulInput as VoteInput } from '@rapport/reviews'
import { builder } from '../../builder.ts'
import { decodeGlobalId } from '../../schema/ids.ts'
import { reviewsDeps } from './deps.ts'
import { reviewRefusals } from './errors.ts'
import { answers, ProductAnswerRef } from './questions.ts'
import { ReviewRef, reviews } from './types.ts'

const WriteReviewInput = builder.inputType('WriteReviewInput', {
  fields: (t) => ({
    orderId: t.id({ required: true, description: 'A delivered order of yours (an Order id).' }),
    rating: t.int({ required: true, description: '1 to 5 stars.' }),
    title: t.string(),
    body: t.string({ required: true }),
    conversationId: t.id({ description: 'Your conversation with the supplier in which the problem was handled: once you mark it resolved, the review shows so.' }),
  }),
})
const UpdateReviewInput = builder.inputType('UpdateReviewInput', {
  fields: (t) => ({
    reviewId: t.id({ required: true }),
    rating: t.int({ required: true }),
    title: t.string(),
    body: t.string({ required: true }),
    conversationId: t.id({ description: 'Omit to keep the named conversation; null to clear it.' }),
  }),
})
const DeleteReviewInput = builder.inputType('DeleteReviewInput', { fields: (t) => ({ reviewId: t.id({ required: true }) }) })
const VoteHelpfulInput = builder.inputType('VoteHelpfulInput', {
  description: 'Name one: a review or an answer to a product question.',
  fields: (t) => ({
    reviewId: t.id(),
    answerId: t.id({ description: 'A ProductAnswer id.' }),
    helpful: t.boolean({ description: 'False takes the vote back. Default true.' }),
  }),
})

const HelpfulVoteRef = builder.objectRef<HelpfulVoteDTO>('HelpfulVote').implement({
  fields: (t) => ({
    review: t.field({ type: ReviewRef, nullable: true, resolve: (v, _args, ctx) => (v.reviewId ? reviews.find(ctx, v.reviewId) : null) }),
    answer: t.field({ type: ProductAnswerRef, nullable: true, resolve: (v, _args, ctx) => (v.answerId ? answers.find(ctx, v.answerId) : null) }),
    helpfulCount: t.exposeInt('helpfulCount'),
    voted: t.exposeBoolean('voted', { description: 'Whether the viewer’s vote now counts.' }),
  }),
})
const DeletedReviewRef = builder.objectRef<{ reviewId: string }>('DeletedReview').implement({
  fields: (t) => ({ reviewId: t.id({ description: 'The deleted Review’s id.', resolve: (d) => encodeGlobalID('Review', d.reviewId) }) }),
})

const reviewId = (id: string | number) => decodeGlobalId(String(id), 'Review', 'reviewId')
const orderId = (id: string | number) => decodeGlobalId(String(id), 'Order', 'orderId')
/** Undefined (not sent) and null (clear it) pass through. */
const conversationId = (id: string | number | null | undefined) => (id == null ? id : decodeGlobalId(String(id), 'Conversation', 'conversationId'))
function voteTarget(input: { reviewId?: string | number | null; answerId?: string | number | null; helpful?: boolean | null }): VoteInput {
  const helpful = input.helpful ?? true
  if ((input.reviewId == null) === (input.answerId == null)) throw new ValidationError('Name either a review or an answer.', 'reviewId')
  return input.reviewId != null ? { reviewId: reviewId(input.reviewId), helpful } : { answerId: decodeGlobalId(String(input.answerId), 'ProductAnswer', 'answerId'), helpful }
}
const editErrors = [UnauthenticatedError, NotFoundError, ForbiddenError, ValidationError]

builder.mutationFields((t) => ({
  writeReview: t.field({
    type: ReviewRef,
    description: 'Reviews a delivered order of yours, within 90 days of delivery. One review per order; edit it with updateReview.',
    authScopes: { signedIn: true },
    errors: { types: [UnauthenticatedError, ValidationError, ...reviewRefusals], directResult: true },
    args: { input: t.arg({ type: WriteReviewInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      writeReview(reviewsDeps(ctx), ctx.viewer, { ...input, orderId: orderId(input.orderId), conversationId: conversationId(input.conversationId) }),
  }),
  updateReview: t.field({
    type: ReviewRef,
    description: 'Edits your review; the earlier text stays visible as a version.',
    authScopes: { signedIn: true },
    errors: { types: editErrors, directResult: true },
    args: { input: t.arg({ type: UpdateReviewInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      updateReview(reviewsDeps(ctx), ctx.viewer, { ...input, reviewId: reviewId(input.reviewId), conversationId: conversationId(input.conversationId) }),
  }),
  deleteReview: t.field({
    type: DeletedReviewRef,
    description: 'Deletes your review, with its versions and the supplier’s response.',
    authScopes: { signedIn: true },
    errors: { types: [UnauthenticatedError, NotFoundError, ForbiddenError], directResult: true },
    args: { input: t.arg({ type: DeleteReviewInput, required: true }) },
    resolve: (_root, { input }, ctx) => deleteReview(reviewsDeps(ctx), ctx.viewer, { reviewId: reviewId(input.reviewId) }),
  }),
  voteHelpful: t.field({
    type: HelpfulVoteRef,
    description: 'Marks someone else’s review, or answer to a product question, as helpful (one vote per person), or takes the vote back.',
    authScopes: { signedIn: true },
    errors: { types: [UnauthenticatedError, NotFoundError, ForbiddenError, ValidationError], directResult: true },
    args: { input: t.arg({ type: VoteHelpfulInput, required: true }) },
    resolve: (_root, { input }, ctx) => voteHelpful(reviewsDeps(ctx), ctx.viewer, voteTarget(input)),
  }),
}))
