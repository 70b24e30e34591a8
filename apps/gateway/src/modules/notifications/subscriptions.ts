// notificationEvents: one person's live notifications and unread count. Every notification
// has a per-person ordered `seq` (written under the person's row lock), so the feed replays
// after the client's cursor, confirms with SUBSCRIBED, and then reads on whenever pub/sub
// pokes it or comes back after a blip (see CursorFeed). Read marks are state, not rows: a
// poke that finds nothing new sends the current unread count (UNREAD_COUNT).
import { lastNotificationSeq, notificationsAfter, unreadNotificationCount, type NotificationDTO } from '@rapport/notifications'
import { builder } from '../../builder.ts'
import type { Context } from '../../context.ts'
import { CursorFeed, openCursorFeed } from '../../cursor-feed.ts'
import { topic } from '../../topics.ts'
import { notificationsDeps } from './deps.ts'
import { NotificationRef } from './types.ts'

type Payload = { kind: 'SUBSCRIBED' | 'NOTIFICATION' | 'UNREAD_COUNT'; cursor: bigint; unreadCount: number; notification: NotificationDTO | null }

const NotificationEventKind = builder.enumType('NotificationEventKind', {
  values: {
    SUBSCRIBED: { description: 'The feed is live; `cursor` is where it starts and `unreadCount` is current.' },
    NOTIFICATION: { description: 'A new notification.' },
    UNREAD_COUNT: { description: 'The unread count changed (notifications were read, here or elsewhere).' },
  },
})

const NotificationEventRef = builder.objectRef<Payload>('NotificationEvent').implement({
  description: 'Your notifications as they happen. Keep `cursor` and pass it as `after` when you subscribe again.',
  fields: (t) => ({
    kind: t.field({ type: NotificationEventKind, resolve: (e) => e.kind }),
    cursor: t.string({ resolve: (e) => e.cursor.toString() }),
    unreadCount: t.exposeInt('unreadCount', { description: 'Your unread count as of this event.' }),
    notification: t.field({ type: NotificationRef, nullable: true, resolve: (e) => e.notification }),
  }),
})

function notificationFeed(ctx: Context, userId: string): CursorFeed<Payload> {
  const deps = notificationsDeps(ctx.services)
  const unread = () => unreadNotificationCount(deps, userId)
  return new CursorFeed<Payload>({
    name: 'notification event',
    logger: ctx.services.logger,
    pageSize: 100,
    readAfter: async (cursor) => {
      const rows = await notificationsAfter(deps, userId, cursor, 100)
      if (rows.length === 0) return []
      const count = await unread()
      return rows.map((n) => ({ kind: 'NOTIFICATION' as const, cursor: BigInt(n.seq), unreadCount: count, notification: n }))
    },
    cursorOf: (e) => e.cursor,
    subscribed: async (cursor) => ({ kind: 'SUBSCRIBED', cursor, unreadCount: await unread(), notification: null }),
    nothingNew: async (cursor) => ({ kind: 'UNREAD_COUNT', cursor, unreadCount: await unread(), notification: null }),
  })
}

builder.subscriptionFields((t) => ({
  notificationEvents: t.field({
    type: NotificationEventRef,
    description: 'Your new notifications and unread count, live: replays after `after` (a cursor), sends SUBSCRIBED, then streams.',
    authScopes: { signedIn: true },
    args: { after: t.arg.string({ description: 'The last cursor you received; omit to start from now.' }) },
    subscribe: async (_root, args, ctx) => {
      const userId = ctx.viewer!.userId
      const deps = notificationsDeps(ctx)
      return openCursorFeed(ctx, notificationFeed(ctx, userId), topic.userNotifications(userId), args.after, () =>
        Promise.all([lastNotificationSeq(deps), lastNotificationSeq(deps, userId)]),
      )
    },
    resolve: (e) => e,
  }),
}))
