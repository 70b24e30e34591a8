// The review rules' refusals as API types: each says what the page needs to offer next.
import { encodeGlobalID } from '@pothos/plugin-relay'
import { AlreadyReviewedError, NotDeliveredError, NotYourOrderError, ReviewWindowClosedError } from '@rapport/reviews'
import { builder } from '../../builder.ts'
import { ErrorInterface } from '../../schema/errors.ts'

builder.objectType(NotYourOrderError, {
  name: 'NotYourOrderError',
  description: 'Only the buyer of an order can review it.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof NotYourOrderError,
})
builder.objectType(NotDeliveredError, {
  name: 'NotDeliveredError',
  description: 'The order has not been delivered yet: reviews open at delivery.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof NotDeliveredError,
})
builder.objectType(ReviewWindowClosedError, {
  name: 'ReviewWindowClosedError',
  description: 'The time to review this order has passed.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ReviewWindowClosedError,
  fields: (t) => ({ closedAt: t.expose('closedAt', { type: 'DateTime', description: 'When reviews for the order closed.' }) }),
})
builder.objectType(AlreadyReviewedError, {
  name: 'AlreadyReviewedError',
  description: 'The order already has a review; edit it instead (updateReview).',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof AlreadyReviewedError,
  fields: (t) => ({ reviewId: t.id({ description: 'The existing review (a Review id).', resolve: (e) => encodeGlobalID('Review', e.reviewId) }) }),
})

export const reviewRefusals = [NotYourOrderError, NotDeliveredError, ReviewWindowClosedError, AlreadyReviewedError]
