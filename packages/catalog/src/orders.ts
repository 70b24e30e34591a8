// Orders as fulfilment reports them. Rapport does not ship goods: the supplier's team (by hand,
// or its own system through the API) records that an order arrived. A delivery opens the
// order's review window, and what else it sets off (the buyer's review invitation) is passed
// in by the caller and runs in the same transaction, so neither happens without the other.
import { ConflictError, NotFoundError, UnauthenticatedError, membershipOf, type Clock, type Viewer } from '@rapport/core'
import type { Prisma, PrismaClient } from '@rapport/db'

export type DeliveredOrder = { id: string; buyerId: string; supplierId: string; deliveredAt: Date }

export type OrdersDeps = {
  db: PrismaClient
  clock: Clock
  /** Runs inside the delivery's transaction, once per order, when it becomes delivered. */
  onDelivered?: (tx: Prisma.TransactionClient, order: DeliveredOrder) => Promise<unknown>
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/**
 * Marks an order delivered, as a member of its supplier's team. Reporting a delivered order
 * again changes nothing (fulfilment systems repeat themselves); a cancelled one is refused.
 */
export async function markOrderDelivered(deps: OrdersDeps, viewer: Viewer | null, orderId: string): Promise<{ id: string }> {
  if (!viewer) throw new UnauthenticatedError('Sign in to update an order.')
  const order = UUID.test(orderId) ? await deps.db.order.findUnique({ where: { id: orderId }, select: { supplierId: true } }) : null
  // Another supplier's order and no order at all answer alike.
  if (!order || !membershipOf(viewer, order.supplierId)) throw new NotFoundError('No such order among your supplier’s orders.')
  const now = deps.clock.now()
  return deps.db.$transaction(async (tx) => {
    // The status check and the change are one statement: two reports at once deliver once.
    const { count } = await tx.order.updateMany({
      where: { id: orderId, status: { in: ['PLACED', 'SHIPPED'] } },
      data: { status: 'DELIVERED', deliveredAt: now },
    })
    if (count === 0) {
      const current = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { status: true } })
      if (current.status === 'CANCELLED') throw new ConflictError('This order was cancelled; it can’t be marked delivered.')
      return { id: orderId }
    }
    const delivered = await tx.order.findUniqueOrThrow({ where: { id: orderId }, select: { id: true, buyerId: true, supplierId: true, deliveredAt: true } })
    await deps.onDelivered?.(tx, { ...delivered, deliveredAt: delivered.deliveredAt! })
    return { id: orderId }
  })
}
