import { NotFoundError, UnauthenticatedError, ValidationError } from '@rapport/core'
import { markNotificationsRead, unsubscribeByToken, updateNotificationPreferences, type NotificationPreferenceDTO } from '@rapport/notifications'
import { builder } from '../../builder.ts'
import { decodeGlobalId } from '../../schema/ids.ts'
import { notificationsDeps } from './deps.ts'
import { NotificationChannelEnum, NotificationKindEnum, NotificationPreferenceRef } from './types.ts'

const UnsubscribeEmailInput = builder.inputType('UnsubscribeEmailInput', {
  fields: (t) => ({ token: t.string({ required: true, description: 'The token from an email’s unsubscribe link.' }) }),
})
const UnsubscribeEmailPayload = builder.objectRef<{ kind: string; email: string }>('UnsubscribeEmailPayload').implement({
  fields: (t) => ({
    kind: t.field({ type: NotificationKindEnum, resolve: (p) => p.kind as never }),
    email: t.exposeString('email', { description: 'The address that will no longer get this kind of email.' }),
  }),
})

const MarkNotificationsReadInput = builder.inputType('MarkNotificationsReadInput', {
  fields: (t) => ({
    ids: t.idList({ description: 'Notification ids to mark read.' }),
    all: t.boolean({ description: 'Mark every notification read.' }),
  }),
})
const MarkNotificationsReadPayload = builder.objectRef<{ marked: number; unreadCount: number }>('MarkNotificationsReadPayload').implement({
  fields: (t) => ({
    marked: t.exposeInt('marked', { description: 'How many were unread and are now read.' }),
    unreadCount: t.exposeInt('unreadCount'),
  }),
})

const PreferenceChangeInput = builder.inputType('NotificationPreferenceInput', {
  fields: (t) => ({
    kind: t.field({ type: NotificationKindEnum, required: true }),
    channel: t.field({ type: NotificationChannelEnum, required: true }),
    enabled: t.boolean({ required: true }),
  }),
})
const UpdateNotificationPreferencesInput = builder.inputType('UpdateNotificationPreferencesInput', {
  fields: (t) => ({ preferences: t.field({ type: [PreferenceChangeInput], required: true }) }),
})
const NotificationPreferencesPayload = builder.objectRef<{ preferences: NotificationPreferenceDTO[] }>('NotificationPreferencesPayload').implement({
  fields: (t) => ({ preferences: t.field({ type: [NotificationPreferenceRef], resolve: (p) => p.preferences }) }),
})

builder.mutationFields((t) => ({
  unsubscribeEmail: t.field({
    type: UnsubscribeEmailPayload,
    description: 'Turns off the kind of email a link came from (no sign-in: the token is the proof). The same token again changes nothing.',
    authScopes: { public: true },
    errors: { types: [NotFoundError, ValidationError], directResult: true },
    args: { input: t.arg({ type: UnsubscribeEmailInput, required: true }) },
    resolve: (_root, { input }, ctx) => unsubscribeByToken({ db: ctx.db }, input.token),
  }),
  markNotificationsRead: t.field({
    type: MarkNotificationsReadPayload,
    description: 'Marks some of your notifications read (`ids`), or all of them (`all: true`). Others’ ids change nothing.',
    authScopes: { signedIn: true },
    errors: { types: [UnauthenticatedError, ValidationError], directResult: true },
    args: { input: t.arg({ type: MarkNotificationsReadInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      markNotificationsRead(notificationsDeps(ctx), ctx.viewer, {
        ids: (input.ids ?? []).map((id) => decodeGlobalId(String(id), 'Notification', 'ids')),
        all: input.all ?? false,
      }),
  }),
  updateNotificationPreferences: t.field({
    type: NotificationPreferencesPayload,
    description: 'Turns kinds of notification on or off per channel; returns all your settings.',
    authScopes: { signedIn: true },
    errors: { types: [UnauthenticatedError, ValidationError], directResult: true },
    args: { input: t.arg({ type: UpdateNotificationPreferencesInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({ preferences: await updateNotificationPreferences(notificationsDeps(ctx), ctx.viewer, input.preferences) }),
  }),
}))
