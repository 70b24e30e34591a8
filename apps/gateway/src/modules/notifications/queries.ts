import { listNotifications, notificationPreferences, unreadNotificationCount } from '@rapport/notifications'
import { builder } from '../../builder.ts'
import { forwardConnection } from '../../schema/pagination.ts'
import { viewerSpecific } from '../../schema/viewer-specific.ts'
import { ViewerRef } from '../identity/types.ts'
import { notificationsDeps } from './deps.ts'
import { NotificationPreferenceRef, NotificationRef } from './types.ts'

builder.objectFields(ViewerRef, (t) => ({
  notifications: t.connection({
    type: NotificationRef,
    description: 'Your notifications, newest first.',
    extensions: viewerSpecific,
    args: { unreadOnly: t.arg.boolean({ description: 'Only the unread ones.' }) },
    resolve: (v, args, ctx) =>
      forwardConnection('Notification', args, (q) => listNotifications(notificationsDeps(ctx), v, { ...q, unreadOnly: args.unreadOnly ?? false }), (n) => n.seq),
  }),
  unreadNotificationCount: t.int({
    description: 'How many of your notifications are unread (the bell’s number).',
    extensions: viewerSpecific,
    resolve: (v, _args, ctx) => unreadNotificationCount(notificationsDeps(ctx), v.userId),
  }),
}))

builder.queryFields((t) => ({
  notificationPreferences: t.field({
    type: [NotificationPreferenceRef],
    description: 'Your notification settings: every kind on every channel, with the defaults you have not changed.',
    authScopes: { signedIn: true },
    extensions: viewerSpecific,
    resolve: (_root, _args, ctx) => notificationPreferences(notificationsDeps(ctx), ctx.viewer),
  }),
}))
