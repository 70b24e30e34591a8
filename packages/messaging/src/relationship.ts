// A buyer and a supplier's shared history, as seen from one of their conversations: orders,
// earlier conversations, and the relationship switches (blocking, hidden read receipts).
// The caller has already checked that the viewer is a participant (loadConversation), so
// nothing here re-checks access; the supplier side sees everything, the buyer sees their own.
import type { PrismaClient } from '@rapport/db'
import type { Side } from './access.ts'

export type RelationshipView = {
  buyerId: string
  supplierId: string
  firstOrderAt: Date | null
  blockedByBuyer: boolean
  blockedBySupplier: boolean
  /** The viewer's side hides its read receipts from the other side. */
  viewerHidesReadReceipts: boolean
}

export async function relationshipView(
  db: PrismaClient,
  pair: { buyerId: string; supplierId: string },
  side: Side,
): Promise<RelationshipView> {
  const { buyerId, supplierId } = pair
  const r = await db.relationship.findUnique({ where: { buyerId_supplierId: { buyerId, supplierId } } })
  return {
    buyerId,
    supplierId,
    firstOrderAt: r?.firstOrderAt ?? null,
    blockedByBuyer: r?.buyerBlockedAt != null,
    blockedBySupplier: r?.supplierBlockedAt != null,
    viewerHidesReadReceipts: side === 'BUYER' ? (r?.buyerHidesReceipts ?? false) : (r?.supplierHidesReceipts ?? false),
  }
}

/** The pair's orders, newest first, with a total count for "and 12 more". */
export async function pairOrders(db: PrismaClient, pair: { buyerId: string; supplierId: string }, limit: number) {
  const where = { buyerId: pair.buyerId, supplierId: pair.supplierId }
  const [orders, total] = await Promise.all([
    db.order.findMany({
      where,
      orderBy: { placedAt: 'desc' },
      take: limit,
      include: { items: { include: { product: { select: { id: true, name: true } } } } },
    }),
    db.order.count({ where }),
  ])
  return { orders, total }
}

/** The pair's other conversations, newest activity first. */
export async function pairConversations(
  db: PrismaClient,
  pair: { buyerId: string; supplierId: string },
  exceptId: string,
  limit: number,
) {
  const where = { buyerId: pair.buyerId, supplierId: pair.supplierId, id: { not: exceptId } }
  const [conversations, total] = await Promise.all([
    db.conversation.findMany({ where, orderBy: { lastMessageAt: 'desc' }, take: limit }),
    db.conversation.count({ where }),
  ])
  return { conversations, total }
}
