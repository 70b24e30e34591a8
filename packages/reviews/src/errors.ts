// Why a buyer may not review an order: each a typed error with what the page needs to say next.
import { DomainError } from '@rapport/core'

/** The order is someone else's (or the viewer has no buyer profile). */
export class NotYourOrderError extends DomainError {
  readonly code = 'NOT_YOUR_ORDER'
  override name = 'NotYourOrderError'
  constructor() {
    super('Only the buyer of this order can review it.')
  }
}

/** The order has not been delivered: the review window has not opened. */
export class NotDeliveredError extends DomainError {
  readonly code = 'NOT_DELIVERED'
  override name = 'NotDeliveredError'
  constructor() {
    super('You can review this order once it has been delivered.')
  }
}

/** The review window closed at `closedAt`. */
export class ReviewWindowClosedError extends DomainError {
  readonly code = 'REVIEW_WINDOW_CLOSED'
  override name = 'ReviewWindowClosedError'
  constructor(readonly closedAt: Date) {
    super(`Reviews for this order closed on ${closedAt.toISOString().slice(0, 10)}.`)
  }
}

/** The order already has a review (`reviewId`): edit that one instead. */
export class AlreadyReviewedError extends DomainError {
  readonly code = 'ALREADY_REVIEWED'
  override name = 'AlreadyReviewedError'
  constructor(readonly reviewId: string) {
    super('You have already reviewed this order; you can edit your review.')
  }
}
