// What an order says about its review: the review itself, and until when one can be written.
import { reviewsOfOrders, reviewWindowClosesAt, type ReviewDTO } from '@rapport/reviews'
import { builder } from '../../builder.ts'
import { OrderRef } from '../messaging/relationship.ts'
import { reviewsDeps } from './deps.ts'
import { ReviewRef } from './types.ts'

builder.objectFields(OrderRef, (t) => ({
  review: t.loadable({
    type: ReviewRef,
    nullable: true,
    description: 'The order’s review, if it has one.',
    load: async (orderIds: string[], ctx) => {
      const map = await reviewsOfOrders(reviewsDeps(ctx), orderIds)
      return orderIds.map((id) => map.get(id) ?? null) as (ReviewDTO | null)[]
    },
    resolve: (o) => o.id,
  }),
  reviewClosesAt: t.field({
    type: 'DateTime',
    nullable: true,
    description: 'Until when the order can be reviewed (90 days after delivery); null before delivery.',
    resolve: (o) => (o.status === 'DELIVERED' ? reviewWindowClosesAt({}, o.deliveredAt) : null),
  }),
}))
