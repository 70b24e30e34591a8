// Access transparency: who at the platform opened a private conversation, when, and why. Staff
// read a conversation only through a path that writes an AccessLog row first (a report, today:
// @rapport/reviews' readReportedConversation); both parties see every row, and nothing in the API
// edits or hides one.
import { describeAccessReason, isStaff, type Viewer } from '@rapport/core'
import type { PrismaClient } from '@rapport/db'
import { loadConversation } from './access.ts'

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
export async function conversationAccessLog(db: PrismaClient, viewer: Viewer | null, conversationId: string): Promise<AccessLogEntryDTO[]> {
  // The parties, or staff (who may see what their colleagues did); anyone else: not found.
  if (!isStaff(viewer)) await loadConversation(db, viewer, conversationId)
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
