// Recording an order's delivery: the supplier's team (or its system, through the API) says it
// arrived. The delivery opens the review window, and the buyer's review invitation is made in
// the same transaction — the one place where the catalog's orders meet reviews.
import { ConflictError, NotFoundError, UnauthenticatedError, ValidationError } from '@rapport/core'
import { markOrderDelivered, type OrdersDeps } from '@rapport/catalog'
import { inviteToReview } from '@rapport/reviews'
import { builder } from '../../builder.ts'
import type { Context } from '../../context.ts'
import { decodeGlobalId } from '../../schema/ids.ts'
import { OrderRef, orders } from '../messaging/relationship.ts'

function ordersDeps(ctx: Pick<Context, 'db' | 'clock'>): OrdersDeps {
  return { db: ctx.db, clock: ctx.clock, onDelivered: (tx, order) => inviteToReview(tx, order, order.deliveredAt) }
}

const MarkOrderDeliveredInput = builder.inputType('MarkOrderDeliveredInput', {
  fields: (t) => ({ orderId: t.id({ required: true, description: 'An order of your supplier (an Order id).' }) }),
})

builder.mutationFields((t) => ({
  markOrderDelivered: t.field({
    type: OrderRef,
    description:
      'Records that an order of your supplier arrived (supplier team members). Its review window opens and the buyer is invited to review it, once. Repeating it changes nothing; a cancelled order is refused.',
    authScopes: { signedIn: true },
    errors: { types: [UnauthenticatedError, ValidationError, NotFoundError, ConflictError], directResult: true },
    args: { input: t.arg({ type: MarkOrderDeliveredInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const { id } = await markOrderDelivered(ordersDeps(ctx), ctx.viewer, decodeGlobalId(String(input.orderId), 'Order', 'orderId'))
      return orders.get(ctx, id)
    },
  }),
}))
