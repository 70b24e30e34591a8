// Review invitations: every buyer is invited to review every delivered order, once. No gating
// (whatever the order's history, or how the buyer might rate it — asking only the happy ones
// would bend the ratings) and no incentive. The invitation is made in the transaction that
// records the delivery, so a delivery is never recorded without its invitation, and it is keyed
// by the order, so a second delivery report invites no one twice. It stays in the buyer's app
// until they review, say "not now", or the review window closes; email joins with notifications.
import { UnauthenticatedError, type Viewer } from '@rapport/core'
import type { Prisma } from '@rapport/db'
import type { ReviewsDeps } from './deps.ts'
import { NotYourOrderError } from './errors.ts'
import { isUuid } from './input.ts'
import { reviewWindowClosesAt, reviewWindowMs } from './write-review.ts'

/** Invites the order's buyer; called inside the delivery's transaction. True if this call invited. */
export async function inviteToReview(tx: Prisma.TransactionClient, order: { id: string; buyerId: string }, at: Date): Promise<boolean> {
  const { count } = await tx.reviewInvitation.createMany({
    data: [{ orderId: order.id, buyerId: order.buyerId, invitedAt: at }],
    skipDuplicates: true,
  })
  return count === 1
}

export type ReviewInvitationDTO = {
  /** The order's id: an order has at most one invitation. */
  id: string
  orderId: string
  invitedAt: Date
  /** When the order's review window closes. */
  closesAt: Date
}

type Page = { afterId?: string; beforeId?: string; limit: number; inverted?: boolean }

/** Where an invitation is still open: not dismissed, not reviewed, and the window still open. */
function openWhere(deps: Pick<ReviewsDeps, 'clock' | 'windowDays'>, buyerId: string): Prisma.ReviewInvitationWhereInput {
  const deliveredAfter = new Date(deps.clock.now().getTime() - reviewWindowMs(deps))
  return { buyerId, dismissedAt: null, order: { status: 'DELIVERED', review: { is: null }, deliveredAt: { gt: deliveredAfter } } }
}

/** The buyer's open invitations, newest first, a page at a time (cursor: the order id). */
export async function openReviewInvitations(deps: ReviewsDeps, buyerId: string, page: Page): Promise<ReviewInvitationDTO[]> {
  const direction = page.inverted ? 'asc' : 'desc'
  const cursorId = page.inverted ? (page.beforeId ?? page.afterId) : (page.afterId ?? page.beforeId)
  const rows = await deps.db.reviewInvitation.findMany({
    where: openWhere(deps, buyerId),
    orderBy: [{ invitedAt: direction }, { orderId: direction }],
    take: page.limit,
    ...(cursorId ? { cursor: { orderId: cursorId }, skip: 1 } : {}),
    select: { orderId: true, invitedAt: true, order: { select: { deliveredAt: true } } },
  })
  return rows.map((r) => ({ id: r.orderId, orderId: r.orderId, invitedAt: r.invitedAt, closesAt: reviewWindowClosesAt(deps, r.order.deliveredAt)! }))
}

export function openReviewInvitationCount(deps: ReviewsDeps, buyerId: string): Promise<number> {
  return deps.db.reviewInvitation.count({ where: openWhere(deps, buyerId) })
}

/** "Not now": the invitation stops showing; the order can still be reviewed until its window closes. */
export async function dismissReviewInvitation(deps: ReviewsDeps, viewer: Viewer | null, orderId: string): Promise<{ orderId: string }> {
  if (!viewer) throw new UnauthenticatedError('Sign in to manage your review invitations.')
  const invitation = isUuid(orderId) ? await deps.db.reviewInvitation.findUnique({ where: { orderId }, select: { buyerId: true } }) : null
  // Someone else's invitation and none at all answer alike: an order id tells nothing.
  if (!invitation || invitation.buyerId !== viewer.buyerId) throw new NotYourOrderError()
  // Dismissing twice keeps the first moment.
  await deps.db.reviewInvitation.updateMany({ where: { orderId, dismissedAt: null }, data: { dismissedAt: deps.clock.now() } })
  return { orderId }
}
