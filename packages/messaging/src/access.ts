// Who may see and act in a conversation: its buyer, and the members of its supplier.
// Anyone else gets NotFound — not Forbidden — so ids reveal nothing.
import { membershipOf, NotFoundError, UnauthenticatedError, type Viewer } from '@rapport/core'
import type { Conversation, PrismaClient } from '@rapport/db'

export type Side = 'BUYER' | 'SUPPLIER'
export type Access = { conversation: Conversation; side: Side; memberId: string | null }

export function sideOf(viewer: Viewer, conversation: Pick<Conversation, 'buyerId' | 'supplierId'>): Access['side'] | null {
  if (viewer.buyerId && viewer.buyerId === conversation.buyerId) return 'BUYER'
  if (membershipOf(viewer, conversation.supplierId)) return 'SUPPLIER'
  return null
}

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw new UnauthenticatedError('Sign in to see your conversations.')
  return viewer
}

export async function loadConversation(db: PrismaClient, viewer: Viewer | null, conversationId: string): Promise<Access> {
  const v = requireViewer(viewer)
  const conversation = await db.conversation.findUnique({ where: { id: conversationId } })
  const side = conversation ? sideOf(v, conversation) : null
  if (!conversation || !side) throw new NotFoundError('No such conversation.')
  return { conversation, side, memberId: side === 'SUPPLIER' ? membershipOf(v, conversation.supplierId)!.memberId : null }
}

/** The conversation ids among `ids` the viewer may see (for node lookups and loaders). */
export async function visibleConversationIds(db: PrismaClient, viewer: Viewer | null, ids: readonly string[]): Promise<Set<string>> {
  if (!viewer || ids.length === 0) return new Set()
  const supplierIds = viewer.memberships.map((m) => m.supplierId)
  const rows = await db.conversation.findMany({
    where: {
      id: { in: [...ids] },
      OR: [...(viewer.buyerId ? [{ buyerId: viewer.buyerId }] : []), { supplierId: { in: supplierIds } }],
    },
    select: { id: true },
  })
  return new Set(rows.map((r) => r.id))
}

/** The people on the other side of a conversation from the viewer: the supplier's current team, or the buyer. */
export async function counterpartUserIds(db: PrismaClient, viewer: Viewer | null, c: Pick<Conversation, 'buyerId' | 'supplierId'>): Promise<string[]> {
  if (viewer?.buyerId && viewer.buyerId === c.buyerId) {
    const members = await db.supplierMember.findMany({ where: { supplierId: c.supplierId, removedAt: null }, select: { userId: true } })
    return members.map((m) => m.userId)
  }
  const buyer = await db.buyer.findUniqueOrThrow({ where: { id: c.buyerId }, select: { userId: true } })
  return [buyer.userId]
}
