// Writing notifications: inside the transaction of whatever caused them (a follow) or of the
// job that fans them out (a supplier update to its followers), so they exist exactly when
// their cause does.
import type { Prisma } from '@rapport/db'
import { enabledByDefault, type Kind } from './kinds.ts'

export type NotificationItem = {
  userId: string
  kind: Kind
  /** One line, written for the person notified ("Olive & Oak posted an update"). */
  text: string
  /** Where the web app takes them: a path on the site ("/suppliers/olive-oak/updates"). */
  link: string
  at: Date
  /** Ids of what it is about, for clients that link elsewhere. */
  subject?: Record<string, string>
}

export type NotificationPayload = { text: string; link: string; subject: Record<string, string> }

/**
 * Kinds whose email is its own: a batch of unread messages (unread-email.ts) and the review
 * invitation (review-invitation-email.ts). Every other kind's email is the notification itself.
 */
const OWN_EMAIL: ReadonlySet<Kind> = new Set(['NEW_MESSAGE', 'REVIEW_INVITATION'])

/**
 * Writes the in-app notifications their recipients have not turned off; returns who got one.
 * Each recipient's row is locked first (in id order, so two writers never deadlock): one
 * person's notifications then commit in `seq` order, which their live feed relies on.
 */
export async function notify(tx: Prisma.TransactionClient, items: readonly NotificationItem[]): Promise<string[]> {
  return (await notifyChannels(tx, items)).inApp
}

/**
 * `notify`, and also which items their recipients want by email (each channel is its own
 * switch: email does not need the in-app one on). The caller sends those later, from a job
 * enqueued in this same transaction (`sendNotificationEmail`).
 */
export async function notifyChannels(tx: Prisma.TransactionClient, items: readonly NotificationItem[]): Promise<{ inApp: string[]; email: NotificationItem[] }> {
  if (items.length === 0) return { inApp: [], email: [] }
  const userIds = [...new Set(items.map((i) => i.userId))]
  const choices = await tx.notificationPreference.findMany({
    where: { userId: { in: userIds }, kind: { in: [...new Set(items.map((i) => i.kind))] } },
    select: { userId: true, kind: true, channel: true, enabled: true },
  })
  const chosen = new Map(choices.map((c) => [`${c.userId}:${c.kind}:${c.channel}`, c.enabled]))
  const on = (i: NotificationItem, channel: 'IN_APP' | 'EMAIL') => chosen.get(`${i.userId}:${i.kind}:${channel}`) ?? enabledByDefault(i.kind, channel)
  const email = items.filter((i) => !OWN_EMAIL.has(i.kind) && on(i, 'EMAIL'))
  const wanted = items.filter((i) => on(i, 'IN_APP')).sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0))
  if (wanted.length === 0) return { inApp: [], email }
  const locked = [...new Set(wanted.map((i) => i.userId))]
  await tx.$executeRaw`SELECT 1 FROM "User" WHERE "id" = ANY(${locked}::uuid[]) ORDER BY "id" FOR NO KEY UPDATE`
  await tx.notification.createMany({
    data: wanted.map((i) => ({
      userId: i.userId,
      kind: i.kind,
      payload: { text: i.text, link: i.link, subject: i.subject ?? {} } satisfies NotificationPayload,
      createdAt: i.at,
    })),
  })
  return { inApp: locked, email }
}
