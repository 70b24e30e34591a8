import type { NotificationsDeps } from '@rapport/notifications'
import type { Context } from '../../context.ts'
import { topic } from '../../topics.ts'

/** What notifications domain functions need from a request context (or the shared services). */
export function notificationsDeps(ctx: Pick<Context, 'db' | 'clock' | 'pubsub'>): NotificationsDeps {
  return { db: ctx.db, clock: ctx.clock, announce: (userIds) => announceNotifications(ctx.pubsub, userIds) }
}

/** Pokes these people's live feeds (they read what changed from the database). */
export function announceNotifications(pubsub: Context['pubsub'], userIds: readonly string[]): void {
  for (const userId of userIds) pubsub.publish(topic.userNotifications(userId), { userId })
}
