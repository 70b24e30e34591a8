// ★ A review can name the conversation in which the buyer's problem was handled. When the buyer
// then marks that conversation resolved ("this answered my question"), the review shows "the
// supplier resolved this" and its author is invited to update it; the earlier version stays
// visible. Resolution is read from the conversation itself, so nothing here has to run when the
// buyer confirms: the review can never disagree with the conversation.
import { ValidationError } from '@rapport/core'
import type { ReviewsDeps } from './deps.ts'
import { isUuid } from './input.ts'

/**
 * The conversation id to store: undefined leaves it as it is, null clears it; anything else
 * must be a conversation between this buyer and this supplier.
 */
export async function linkedConversation(deps: Pick<ReviewsDeps, 'db'>, raw: string | null | undefined, owner: { buyerId: string; supplierId: string }): Promise<string | null | undefined> {
  if (raw === undefined || raw === null || raw === '') return raw === undefined ? undefined : null
  const c = isUuid(raw) ? await deps.db.conversation.findUnique({ where: { id: raw }, select: { buyerId: true, supplierId: true } }) : null
  if (!c || c.buyerId !== owner.buyerId || c.supplierId !== owner.supplierId) {
    throw new ValidationError('Choose one of your conversations with this supplier.', 'conversationId')
  }
  return raw
}

export type ReviewResolution = { reviewId: string; resolvedAt: Date }

/** When each review's named conversation was confirmed resolved by the buyer (reviews without one are absent). */
export async function reviewResolutions(deps: Pick<ReviewsDeps, 'db'>, reviewIds: readonly string[]): Promise<Map<string, Date>> {
  const valid = reviewIds.filter(isUuid)
  const rows = valid.length
    ? await deps.db.review.findMany({
        where: { id: { in: valid }, conversation: { status: 'RESOLVED', buyerConfirmedAt: { not: null } } },
        select: { id: true, conversation: { select: { buyerConfirmedAt: true } } },
      })
    : []
  return new Map(rows.map((r) => [r.id, r.conversation!.buyerConfirmedAt!]))
}
