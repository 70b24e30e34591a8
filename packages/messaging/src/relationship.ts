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

const pairWhere = (pair: { buyerId: string; supplierId: string }) => ({ buyerId: pair.buyerId, supplierId: pair.supplierId })

/** The pair's orders, newest first. */
export function pairOrders(db: PrismaClient, pair: { buyerId: string; supplierId: string }, limit: number) {
  return db.order.findMany({
    where: pairWhere(pair),
    orderBy: { placedAt: 'desc' },
    take: limit,
    include: { items: { include: { product: { select: { id: true, name: true } } } } },
  })
}

/** How many orders the pair has, for "and 12 more". */
export function pairOrderCount(db: PrismaClient, pair: { buyerId: string; supplierId: string }) {
  return db.order.count({ where: pairWhere(pair) })
}

/** The pair's other conversations, newest activity first. */
export function pairConversations(db: PrismaClient, pair: { buyerId: string; supplierId: string }, exceptId: string, limit: number) {
  return db.conversation.findMany({ where: { ...pairWhere(pair), id: { not: exceptId } }, orderBy: { lastMessageAt: 'desc' }, take: limit })
}

/** How many other conversations the pair has. */
export function pairConversationCount(db: PrismaClient, pair: { buyerId: string; supplierId: string }, exceptId: string) {
  return db.conversation.count({ where: { ...pairWhere(pair), id: { not: exceptId } } })
}

/** A buyer's own orders, newest first, a page at a time (cursor: an order id). */
export function buyerOrders(
  db: PrismaClient,
  buyerId: string,
  page: { afterId?: string | null; beforeId?: string | null; limit: number; inverted?: boolean },
) {
  const direction = page.inverted ? 'asc' : 'desc'
  const cursorId = page.inverted ? (page.beforeId ?? page.afterId) : (page.afterId ?? page.beforeId)
  return db.order.findMany({
    where: { buyerId },
    orderBy: [{ placedAt: direction }, { id: direction }],
    take: page.limit,
    ...(cursorId ? { cursor: { id: cursorId }, skip: 1 } : {}),
    include: { items: { include: { product: { select: { id: true, name: true } } } } },
  })
}
