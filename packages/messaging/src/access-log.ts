// Access transparency: who at the platform opened a private conversation, when, and why. Staff
// read a conversation only through a path that writes an AccessLog row first (a report, today:
// @rapport/reviews' readReportedConversation); both parties see every row, and nothing in the API
// edits or hides one.
import { describeAccessReason, isStaff, NotFoundError, type Viewer } from '@rapport/core'
import type { Conversation, PrismaClient } from '@rapport/db'
import { requireViewer, sideOf } from './access.ts'

export type AccessLogEntryDTO = {
  id: string
  at: Date
  /** The staff member's name as it is now. */
  actorName: string
  /** Their platform role now ("STAFF" once they no longer hold one). */
  actorRole: 'MODERATOR' | 'ADMIN' | 'STAFF'
  /** Why, in words for the parties: "a report (#1a2b3c4d)". */
  reason: string
  /** The report it was for, when it was for one. */
  reportId: string | null
}

/** Every staff access to the conversation, oldest first: for its buyer, its supplier's team and staff. */
export async function conversationAccessLog(
  db: PrismaClient,
  viewer: Viewer | null,
  conversation: Pick<Conversation, 'id' | 'buyerId' | 'supplierId'>,
): Promise<AccessLogEntryDTO[]> {
  // The parties, or staff (who may see what their colleagues did); anyone else: not found. The
  // caller has the row already (Conversation.accessLog's parent), so it is not read again.
  const v = requireViewer(viewer)
  if (!isStaff(v) && !sideOf(v, conversation)) throw new NotFoundError('No such conversation.')
  const conversationId = conversation.id
  const rows = await db.accessLog.findMany({
    where: { conversationId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    include: { actor: { select: { displayName: true, platformRole: true } } },
  })
  return rows.map((r) => ({
    id: r.id,
    at: r.createdAt,
    actorName: r.actor.displayName,
    actorRole: r.actor.platformRole === 'USER' ? 'STAFF' : r.actor.platformRole,
    ...describeAccessReason(r.reason),
  }))
}
