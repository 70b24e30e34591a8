// Notifications as the API shows them: one person's feed, its unread count, and their settings.
import { encodeGlobalID } from '@pothos/plugin-relay'
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS, type NotificationDTO, type NotificationPreferenceDTO } from '@rapport/notifications'
import { builder } from '../../builder.ts'

export const NotificationKindEnum = builder.enumType('NotificationKind', {
  description: 'What a notification is about.',
  values: NOTIFICATION_KINDS,
})
export const NotificationChannelEnum = builder.enumType('NotificationChannel', {
  description: 'Where a notification is delivered: the in-app feed, or email.',
  values: NOTIFICATION_CHANNELS,
})

export const NotificationRef = builder.objectRef<NotificationDTO>('Notification').implement({
  description: 'Something that happened for you: a new follower, a supplier’s update, a review invitation…',
  fields: (t) => ({
    id: t.id({ resolve: (n) => encodeGlobalID('Notification', n.id) }),
    kind: t.field({ type: NotificationKindEnum, resolve: (n) => n.kind }),
    text: t.exposeString('text', { description: 'One line written for you.' }),
    link: t.exposeString('link', { description: 'Where it leads on the web app: a path such as /suppliers/olive-oak/updates.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    readAt: t.expose('readAt', { type: 'DateTime', nullable: true }),
    isRead: t.boolean({ resolve: (n) => n.readAt !== null }),
  }),
})

export const NotificationPreferenceRef = builder.objectRef<NotificationPreferenceDTO>('NotificationPreference').implement({
  description: 'One switch: a kind of notification on one channel.',
  fields: (t) => ({
    kind: t.field({ type: NotificationKindEnum, resolve: (p) => p.kind }),
    channel: t.field({ type: NotificationChannelEnum, resolve: (p) => p.channel }),
    enabled: t.exposeBoolean('enabled'),
    isDefault: t.exposeBoolean('isDefault', { description: 'True until you change it: the default may then still change.' }),
  }),
})
