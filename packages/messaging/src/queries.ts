// Reading conversations: inboxes (newest activity first), message pages, replay for resume,
// unread counts and read receipts.
import { membershipOf, ValidationError, type Viewer } from '@rapport/core'
import { Prisma, type PrismaClient } from '@rapport/db'
import { loadConversation, requireViewer, visibleConversationIds, type Side } from './access.ts'
import { messageInclude, toMessageDTO } from './dto.ts'
import type { MessageDTO } from './events.ts'

export type ConversationFilter = {
  status?: 'OPEN' | 'AWAITING_SUPPLIER' | 'AWAITING_BUYER' | 'RESOLVED' | null
  /** The viewer's side owes a reply. */
  needsReply?: boolean | null
  label?: string | null
  assigneeId?: string | null
  unassigned?: boolean | null
  unread?: boolean | null
}

export type Page = { afterId?: string | null; beforeId?: string | null; limit: number; inverted?: boolean }

function filterWhere(filter: ConversationFilter | null | undefined, side: Side): Prisma.ConversationWhereInput {
  const where: Prisma.ConversationWhereInput = {}
  if (filter?.status) where.status = filter.status
  if (filter?.needsReply)
    where.status = side === 'SUPPLIER' ? { in: ['OPEN', 'AWAITING_SUPPLIER'] } : 'AWAITING_BUYER'
  if (filter?.label) where.labels = { has: filter.label.toLowerCase() }
  if (filter?.assigneeId) where.assigneeId = filter.assigneeId
  if (filter?.unassigned) where.assigneeId = null
  return where
}

async function unreadIds(db: PrismaClient, userId: string, side: Side, scope: Prisma.Sql): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT c.id FROM "Conversation" c
    LEFT JOIN "ReadPosition" rp ON rp."conversationId" = c.id AND rp."userId" = ${userId}::uuid
    WHERE ${scope} AND EXISTS (
      SELECT 1 FROM "Message" m
       WHERE m."conversationId" = c.id AND m.sequence > COALESCE(rp."lastReadSequence", 0)
         AND m."authorSide"::text <> ${side} AND m."deletedAt" IS NULL)`
  return rows.map((r) => r.id)
}

async function listConversations(db: PrismaClient, viewer: Viewer, side: Side, base: Prisma.ConversationWhereInput, scope: Prisma.Sql, filter: ConversationFilter | null | undefined, page: Page) {
  const where: Prisma.ConversationWhereInput = { ...base, ...filterWhere(filter, side) }
  if (filter?.unread) where.id = { in: await unreadIds(db, viewer.userId, side, scope) }
  const direction = page.inverted ? 'asc' : 'desc'
  const cursorId = page.inverted ? (page.beforeId ?? page.afterId) : (page.afterId ?? page.beforeId)
  return db.conversation.findMany({
    where,
    orderBy: [{ lastMessageAt: direction }, { id: direction }],
    take: page.limit,
    ...(cursorId ? { cursor: { id: cursorId }, skip: 1 } : {}),
  })
}

/** The buyer's own conversations. */
export async function listBuyerConversations(db: PrismaClient, viewer: Viewer | null, filter: ConversationFilter | null | undefined, page: Page) {
  const v = requireViewer(viewer)
  // Labels and assignees are the team's notes: filtering by them would reveal them.
  if (filter?.label || filter?.assigneeId || filter?.unassigned)
    throw new ValidationError('Labels and assignees belong to the supplier team; filter by them in a team inbox.', filter.label ? 'filter.label' : filter.assigneeId ? 'filter.assigneeId' : 'filter.unassigned')
  if (!v.buyerId) return []
  return listConversations(db, v, 'BUYER', { buyerId: v.buyerId }, sqlEq('buyerId', v.buyerId), filter, page)
}

/** A supplier's team inbox; members only (checked by the caller's scopes and again here). */
export async function listSupplierInbox(db: PrismaClient, viewer: Viewer | null, supplierId: string, filter: ConversationFilter | null | undefined, page: Page) {
  const v = requireViewer(viewer)
  if (!membershipOf(v, supplierId)) return []
  return listConversations(db, v, 'SUPPLIER', { supplierId }, sqlEq('supplierId', supplierId), filter, page)
}

function sqlEq(column: 'buyerId' | 'supplierId', id: string): Prisma.Sql {
  // Column names are fixed above; only the id is a parameter.
  return column === 'buyerId' ? Prisma.sql`c."buyerId" = ${id}::uuid` : Prisma.sql`c."supplierId" = ${id}::uuid`
}

/** Unread messages (from the other side, after the viewer's read position) per conversation. */
export async function unreadCounts(db: PrismaClient, viewer: Viewer, conversationIds: readonly string[]): Promise<Map<string, number>> {
  if (!conversationIds.length) return new Map()
  const rows = await db.$queryRaw<{ id: string; side: string; unread: bigint }[]>`
    SELECT c.id,
           CASE WHEN c."buyerId" = ${viewer.buyerId ?? '00000000-0000-0000-0000-000000000000'}::uuid THEN 'BUYER' ELSE 'SUPPLIER' END AS side,
           (SELECT COUNT(*) FROM "Message" m
             WHERE m."conversationId" = c.id AND m.sequence > COALESCE(rp."lastReadSequence", 0)
               AND m."deletedAt" IS NULL
               AND m."authorSide"::text <> CASE WHEN c."buyerId" = ${viewer.buyerId ?? '00000000-0000-0000-0000-000000000000'}::uuid THEN 'BUYER' ELSE 'SUPPLIER' END
           ) AS unread
      FROM "Conversation" c
      LEFT JOIN "ReadPosition" rp ON rp."conversationId" = c.id AND rp."userId" = ${viewer.userId}::uuid
     WHERE c.id = ANY(${[...conversationIds]}::uuid[])`
  return new Map(rows.map((r) => [r.id, Number(r.unread)]))
}

/** Conversations with something unread, across the viewer's buyer profile and supplier teams. */
export async function totalUnreadConversations(db: PrismaClient, viewer: Viewer | null): Promise<number> {
  if (!viewer) return 0
  const supplierIds = viewer.memberships.map((m) => m.supplierId)
  const ids = await db.conversation.findMany({
    where: { OR: [...(viewer.buyerId ? [{ buyerId: viewer.buyerId }] : []), ...(supplierIds.length ? [{ supplierId: { in: supplierIds } }] : [])] },
    select: { id: true },
  })
  if (!ids.length) return 0
  const counts = await unreadCounts(db, viewer, ids.map((r) => r.id))
  return [...counts.values()].filter((n) => n > 0).length
}

/**
 * A page of messages by sequence. `afterSequence`/`beforeSequence` bound it; `inverted`
 * reads newest first (for `last`) and the caller reverses.
 */
export async function listMessages(
  db: PrismaClient,
  viewer: Viewer | null,
  conversationId: string,
  page: { afterSequence?: number; beforeSequence?: number; limit: number; inverted?: boolean },
): Promise<MessageDTO[]> {
  await loadConversation(db, viewer, conversationId)
  const rows = await db.message.findMany({
    where: {
      conversationId,
      sequence: {
        ...(page.afterSequence != null ? { gt: page.afterSequence } : {}),
        ...(page.beforeSequence != null ? { lt: page.beforeSequence } : {}),
      },
    },
    orderBy: { sequence: page.inverted ? 'desc' : 'asc' },
    take: page.limit,
    include: messageInclude,
  })
  return rows.map((m) => toMessageDTO(m))
}

/** Everything after `afterSequence`, in order, in batches: what a resuming subscriber missed. */
export async function* messagesAfter(db: PrismaClient, conversationId: string, afterSequence: number, batch = 200): AsyncGenerator<MessageDTO> {
  let from = afterSequence
  for (;;) {
    const rows = await db.message.findMany({
      where: { conversationId, sequence: { gt: from } },
      orderBy: { sequence: 'asc' },
      take: batch,
      include: messageInclude,
    })
    for (const m of rows) yield toMessageDTO(m)
    if (rows.length < batch) return
    from = rows.at(-1)!.sequence
  }
}

export type ReadReceipt = { userId: string; side: Side; displayName: string; lastReadSequence: number; updatedAt: Date }

/**
 * Read positions the viewer may see: their own side's, and the other side's unless hidden.
 * The buyer sees the supplier's as one position under the supplier's name (the furthest any
 * member read): which agent read what is the team's own business.
 */
export async function readPositions(db: PrismaClient, viewer: Viewer | null, conversationId: string): Promise<ReadReceipt[]> {
  const { conversation, side } = await loadConversation(db, viewer, conversationId)
  const [rows, relationship] = await Promise.all([
    db.readPosition.findMany({ where: { conversationId }, include: { user: { select: { displayName: true } } }, orderBy: { updatedAt: 'desc' } }),
    db.relationship.findUnique({ where: { buyerId_supplierId: { buyerId: conversation.buyerId, supplierId: conversation.supplierId } } }),
  ])
  const visible = rows
    .filter((r) => {
      if (r.side === side) return true
      return r.side === 'BUYER' ? !relationship?.buyerHidesReceipts : !relationship?.supplierHidesReceipts
    })
    .map((r) => ({ userId: r.userId, side: r.side as Side, displayName: r.user.displayName, lastReadSequence: r.lastReadSequence, updatedAt: r.updatedAt }))
  if (side === 'SUPPLIER') return visible
  const team = visible.filter((r) => r.side === 'SUPPLIER')
  if (!team.length) return visible
  const supplier = await db.supplier.findUniqueOrThrow({ where: { id: conversation.supplierId }, select: { name: true } })
  const furthest = team.reduce((a, b) => (b.lastReadSequence > a.lastReadSequence ? b : a))
  const latest = team.reduce((a, b) => (b.updatedAt > a.updatedAt ? b : a))
  return [
    ...visible.filter((r) => r.side !== 'SUPPLIER'),
    { userId: conversation.supplierId, side: 'SUPPLIER', displayName: supplier.name, lastReadSequence: furthest.lastReadSequence, updatedAt: latest.updatedAt },
  ]
}

/** Messages by id, each only if the viewer may see its conversation (null otherwise). */
export async function messageDTOsByIds(db: PrismaClient, viewer: Viewer | null, ids: readonly string[]): Promise<(MessageDTO | null)[]> {
  const rows = await db.message.findMany({ where: { id: { in: [...ids] } }, include: messageInclude })
  const visible = await visibleConversationIds(db, viewer, [...new Set(rows.map((r) => r.conversationId))])
  const byId = new Map(rows.filter((r) => visible.has(r.conversationId)).map((r) => [r.id, toMessageDTO(r)]))
  return ids.map((id) => byId.get(id) ?? null)
}
