import type { Review } from '@rapport/db'

export type ReviewDTO = {
  id: string
  orderId: string
  buyerId: string
  supplierId: string
  /** The order's product when it had one; reviews are per order (see write-review.ts). */
  productId: string | null
  /** The conversation the review names (visible to its parties only). */
  conversationId: string | null
  rating: number
  title: string | null
  body: string
  status: Review['status']
  /** 1 for a review never edited. */
  version: number
  helpfulCount: number
  createdAt: Date
  updatedAt: Date
}

export const toReviewDTO = (r: Review): ReviewDTO => ({
  id: r.id,
  orderId: r.orderId,
  buyerId: r.buyerId,
  supplierId: r.supplierId,
  productId: r.productId,
  conversationId: r.conversationId,
  rating: r.rating,
  title: r.title,
  body: r.body,
  status: r.status,
  version: r.currentVersion,
  helpfulCount: r.helpfulCount,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
})
