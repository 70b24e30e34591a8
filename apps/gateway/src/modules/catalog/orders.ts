// Recording an order's delivery: the supplier's team (or its system, through the API) says it
// arrived. The delivery opens the review window, and the buyer's review invitation (and its
// in-app notification) is made in the same transaction — the one place where the catalog's orders meet reviews.
import { ConflictError, NotFoundError, UnauthenticatedError, ValidationError } from '@rapport/core'
import { markOrderDelivered, type OrdersDeps } from '@rapport/catalog'
import { prismaExecutor } from '@rapport/jobs'
import { notify } from '@rapport/notifications'
import { inviteToReview } from '@rapport/reviews'
import { builder } from '../../builder.ts'
import type { Context } from '../../context.ts'
import { decodeGlobalId } from '../../schema/ids.ts'
import { OrderRef, orders } from '../messaging/relationship.ts'
import { announceNotifications } from '../notifications/deps.ts'
import { reviewInvitationEmail } from '../notifications/jobs.ts'
import { webPaths } from '../../web-paths.ts'

/** Inside the delivery's transaction: the invitation and, when it is new, the buyer's notification and its email (a job). */
function ordersDeps(ctx: Pick<Context, 'db' | 'clock' | 'jobs'>, notified: string[]): OrdersDeps {
  return {
    db: ctx.db,
    clock: ctx.clock,
    onDelivered: async (tx, order) => {
      if (!(await inviteToReview(tx, order, order.deliveredAt))) return
      await ctx.jobs.send(reviewInvitationEmail, { orderId: order.id }, { tx: prismaExecutor(tx) })
      const detail = await tx.order.findUniqueOrThrow({ where: { id: order.id }, select: { number: true, buyer: { select: { userId: true } }, supplier: { select: { name: true } } } })
      notified.push(
        ...(await notify(tx, [
          {
            userId: detail.buyer.userId,
            kind: 'REVIEW_INVITATION',
            text: `Your order ${detail.number} from ${detail.supplier.name} arrived. How did it go?`,
            link: webPaths.orderReview(order.id),
            at: order.deliveredAt,
            subject: { orderId: order.id },
          },
        ])),
      )
    },
  }
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
      const notified: string[] = []
      const { id } = await markOrderDelivered(ordersDeps(ctx, notified), ctx.viewer, decodeGlobalId(String(input.orderId), 'Order', 'orderId'))
      announceNotifications(ctx.pubsub, notified)
      return orders.get(ctx, id)
    },
  }),
}))
