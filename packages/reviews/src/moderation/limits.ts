// Moderation's numbers, in one place: the gateway publishes them in Query.limits.
export const MODERATION_LIMITS = {
  /** What a reporter may add to the reason (as a conversation report allows). */
  flagDetails: 2000,
  /** The moderator's reason, which the author is shown. */
  decisionReason: 1000,
  /** The reference staff give when opening a conversation for a request (a ticket, a case). */
  staffAccessReference: 200,
} as const

/** What can be reported with flagContent (conversations are reported with reportConversation). */
export const FLAGGABLE_TYPES = ['REVIEW', 'REVIEW_RESPONSE', 'PRODUCT_QUESTION', 'PRODUCT_ANSWER'] as const
export type FlaggableType = (typeof FLAGGABLE_TYPES)[number]

/** Everything the queue holds: the flaggable content and reported conversations. */
export const QUEUE_KINDS = [...FLAGGABLE_TYPES, 'CONVERSATION'] as const
export type QueueKind = (typeof QUEUE_KINDS)[number]

export const FLAG_REASONS = ['SPAM', 'ABUSE', 'OFF_PLATFORM_CONTACT', 'FAKE_REVIEW', 'PRIVACY', 'OTHER'] as const
export type FlagReason = (typeof FLAG_REASONS)[number]

/**
 * A moderator's decision. KEEP leaves the content as it is and dismisses the reports (stored as
 * the DISMISS action); HIDE leaves a notice in its place; REMOVE takes it off public pages;
 * RESTORE publishes hidden or removed content again.
 */
export const DECISION_ACTIONS = ['KEEP', 'HIDE', 'REMOVE', 'RESTORE'] as const
export type DecisionAction = (typeof DECISION_ACTIONS)[number]

/**
 * Whose eyes a decision's reason is for. For HIDE and REMOVE it is the public notice, so anyone
 * who sees the decision may read it; for KEEP and RESTORE it was written for the reporter and
 * the author, and everyone else (the supplier's team, reading its live feed or Flagged page)
 * gets null.
 */
export function publishedReason(action: DecisionAction, reason: string): string | null {
  return action === 'HIDE' || action === 'REMOVE' ? reason : null
}
