// Reading one person's notifications: the paged feed, the unread count, read marks, and the
// rows after a cursor for the live feed.
import { UnauthenticatedError, ValidationError, type Viewer } from '@rapport/core'
import type { NotificationsDeps } from './deps.ts'
import { NOTIFICATION_LIMITS, type Kind } from './kinds.ts'
import type { NotificationPayload } from './notify.ts'

export type NotificationDTO = {
  id: string
  /** The live feed's cursor (decimal). */
  seq: string
  userId: string
  kind: Kind
  text: string
  link: string
  subject: Record<string, string>
  createdAt: Date
  readAt: Date | null
}

type Row = { id: string; seq: bigint; userId: string; kind: string; payload: unknown; createdAt: Date; readAt: Date | null }

function dto(r: Row): NotificationDTO {
  const p = r.payload as NotificationPayload
  return { id: r.id, seq: r.seq.toString(), userId: r.userId, kind: r.kind as Kind, text: p.text, link: p.link, subject: p.subject ?? {}, createdAt: r.createdAt, readAt: r.readAt }
}

function signedIn(viewer: Viewer | null): Viewer {
  if (!viewer) throw new UnauthenticatedError('Sign in to see your notifications.')
  return viewer
}

function cursor(after: string | null | undefined): bigint | null {
  if (after == null) return null
  if (!/^\d{1,19}$/.test(after)) throw new ValidationError('That is not a cursor from this list.', 'after')
  return BigInt(after)
}

export type ListNotificationsInput = { first?: number | null; after?: string | null; unreadOnly?: boolean | null }

/** Newest first; `after` is the `seq` of the last one on the previous page. */
export async function listNotifications(deps: Pick<NotificationsDeps, 'db'>, viewer: Viewer | null, input: ListNotificationsInput = {}) {
  const v = signedIn(viewer)
  const first = input.first ?? NOTIFICATION_LIMITS.pageSizeDefault
  if (!Number.isInteger(first) || first < 1 || first > NOTIFICATION_LIMITS.pageSizeMax)
    throw new ValidationError(`"first" must be between 1 and ${NOTIFICATION_LIMITS.pageSizeMax}.`, 'first')
  const before = cursor(input.after)
  const rows = await deps.db.notification.findMany({
    where: { userId: v.userId, ...(before !== null ? { seq: { lt: before } } : {}), ...(input.unreadOnly ? { readAt: null } : {}) },
    orderBy: { seq: 'desc' },
    take: first + 1,
  })
  const items = rows.slice(0, first).map(dto)
  return { items, hasNextPage: rows.length > first, endCursor: items.at(-1)?.seq ?? null }
}

export async function unreadNotificationCount(deps: Pick<NotificationsDeps, 'db'>, userId: string): Promise<number> {
  return deps.db.notification.count({ where: { userId, readAt: null } })
}

export type MarkNotificationsReadInput = { ids?: readonly string[] | null; all?: boolean | null }

/** Marks some (`ids`) or all of the viewer's notifications read; returns how many are still unread. */
export async function markNotificationsRead(deps: NotificationsDeps, viewer: Viewer | null, input: MarkNotificationsReadInput): Promise<{ marked: number; unreadCount: number }> {
  const v = signedIn(viewer)
  const ids = input.ids ?? []
  if (!input.all && ids.length === 0) throw new ValidationError('Say which notifications to mark read, or all of them.', 'ids')
  if (ids.length > NOTIFICATION_LIMITS.pageSizeMax) throw new ValidationError(`At most ${NOTIFICATION_LIMITS.pageSizeMax} at a time.`, 'ids')
  const { count } = await deps.db.notification.updateMany({
    // Someone else's ids simply match nothing: marking never reveals or touches others' rows.
    where: { userId: v.userId, readAt: null, ...(input.all ? {} : { id: { in: [...ids] } }) },
    data: { readAt: deps.clock.now() },
  })
  if (count > 0) deps.announce?.([v.userId])
  return { marked: count, unreadCount: await unreadNotificationCount(deps, v.userId) }
}

/** The live feed's read: one person's notifications after `afterSeq`, oldest first. */
export async function notificationsAfter(deps: Pick<NotificationsDeps, 'db'>, userId: string, afterSeq: bigint, limit = 100): Promise<NotificationDTO[]> {
  const rows = await deps.db.notification.findMany({ where: { userId, seq: { gt: afterSeq } }, orderBy: { seq: 'asc' }, take: limit })
  return rows.map(dto)
}

/** The newest `seq`: of one person's (where a feed "from now" starts), or of all (the highest valid cursor). */
export async function lastNotificationSeq(deps: Pick<NotificationsDeps, 'db'>, userId?: string): Promise<bigint> {
  const row = await deps.db.notification.findFirst({ where: userId ? { userId } : {}, orderBy: { seq: 'desc' }, select: { seq: true } })
  return row?.seq ?? 0n
}
