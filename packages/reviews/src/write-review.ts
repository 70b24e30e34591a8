// A verified-purchase review: the order's buyer, after delivery, within the window.
//
// One review per order, not per product line: the schema keeps one (`Review.orderId` is
// unique), what a buyer judges is the whole purchase — the goods, the packing, the supplier's
// help — and an order of six jars would otherwise ask for six reviews of one experience. The
// review names the product when the order had one; product pages count every review of an
// order that contained the product (rating-summary.ts).
import { UnauthenticatedError, type Viewer } from '@rapport/core'
import { Prisma } from '@rapport/db'
import type { ReviewsDeps } from './deps.ts'
import { toReviewDTO, type ReviewDTO } from './dto.ts'
import { AlreadyReviewedError, NotDeliveredError, NotYourOrderError, ReviewWindowClosedError } from './errors.ts'
import { isUuid, parseContent } from './input.ts'
import { REVIEW_LIMITS } from './limits.ts'
import { recordReviewEvent } from './review-events.ts'
import { linkedConversation } from './review-conversation.ts'

export type WriteReviewInput = {
  orderId: string
  rating: number
  title?: string | null
  body: string
  /** The conversation in which the problem was handled (review-conversation.ts). */
  conversationId?: string | null
}

const DAY_MS = 24 * 60 * 60 * 1000

/** How long after delivery an order may be reviewed, in milliseconds (the deployment's setting or the default). */
export function reviewWindowMs(deps: Pick<ReviewsDeps, 'windowDays'>): number {
  return (deps.windowDays ?? REVIEW_LIMITS.windowDays) * DAY_MS
}

/** When the order's review window closes (null while it is not delivered). */
export function reviewWindowClosesAt(deps: Pick<ReviewsDeps, 'windowDays'>, deliveredAt: Date | null): Date | null {
  return deliveredAt && new Date(deliveredAt.getTime() + reviewWindowMs(deps))
}

export async function writeReview(deps: ReviewsDeps, viewer: Viewer | null, input: WriteReviewInput): Promise<ReviewDTO> {
  if (!viewer) throw new UnauthenticatedError('Sign in to review your order.')
  const order = isUuid(input.orderId)
    ? await deps.db.order.findUnique({
        where: { id: input.orderId },
        select: { id: true, buyerId: true, supplierId: true, status: true, deliveredAt: true, items: { select: { productId: true } }, review: { select: { id: true } } },
      })
    : null
  // Someone else's order and no order at all answer alike: an order id tells nothing.
  if (!order || !viewer.buyerId || order.buyerId !== viewer.buyerId) throw new NotYourOrderError()
  if (order.review) throw new AlreadyReviewedError(order.review.id)
  if (order.status !== 'DELIVERED' || !order.deliveredAt) throw new NotDeliveredError()
  const closesAt = reviewWindowClosesAt(deps, order.deliveredAt)!
  if (deps.clock.now() >= closesAt) throw new ReviewWindowClosedError(closesAt)
  const content = parseContent(input)
  const conversationId = await linkedConversation(deps, input.conversationId, order)

  const products = new Set(order.items.map((i) => i.productId))
  try {
    const now = deps.clock.now()
    const review = await deps.db.$transaction(async (tx) => {
      const r = await tx.review.create({
        data: {
          orderId: order.id,
          buyerId: order.buyerId,
          supplierId: order.supplierId,
          productId: products.size === 1 ? [...products][0]! : null,
          ...content,
          conversationId: conversationId ?? null,
          createdAt: now,
          versions: { create: { version: 1, ...content, createdAt: now } },
        },
      })
      await recordReviewEvent(deps, tx, { supplierId: r.supplierId, type: 'REVIEW_ADDED', reviewId: r.id, at: now })
      return r
    })
    deps.announce?.(review.supplierId)
    return toReviewDTO(review)
  } catch (e) {
    // Two tabs submitting at once: the unique order id lets one through, the other gets its id.
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') {
      const winner = await deps.db.review.findUnique({ where: { orderId: order.id }, select: { id: true } })
      if (winner) throw new AlreadyReviewedError(winner.id)
    }
    throw e
  }
}
