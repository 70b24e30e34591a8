// What each person wants to hear about, and where: one switch per kind × channel, the
// defaults (kinds.ts) until they change one.
import { UnauthenticatedError, ValidationError, type Viewer } from '@rapport/core'
import type { NotificationsDeps } from './deps.ts'
import { enabledByDefault, NOTIFICATION_CHANNELS, NOTIFICATION_KINDS, type Channel, type Kind } from './kinds.ts'

export type NotificationPreferenceDTO = { kind: Kind; channel: Channel; enabled: boolean; isDefault: boolean }

export async function notificationPreferences(deps: Pick<NotificationsDeps, 'db'>, viewer: Viewer | null): Promise<NotificationPreferenceDTO[]> {
  if (!viewer) throw new UnauthenticatedError('Sign in to see your notification settings.')
  return preferencesOf(deps, viewer.userId)
}

export async function preferencesOf(deps: Pick<NotificationsDeps, 'db'>, userId: string): Promise<NotificationPreferenceDTO[]> {
  const rows = await deps.db.notificationPreference.findMany({ where: { userId } })
  const set = new Map(rows.map((r) => [`${r.kind}:${r.channel}`, r.enabled]))
  return NOTIFICATION_KINDS.flatMap((kind) =>
    NOTIFICATION_CHANNELS.map((channel) => {
      const chosen = set.get(`${kind}:${channel}`)
      return { kind, channel, enabled: chosen ?? enabledByDefault(kind, channel), isDefault: chosen === undefined }
    }),
  )
}

/** Whether one person wants one kind on one channel (the email jobs ask this). */
export async function wants(deps: Pick<NotificationsDeps, 'db'>, userId: string, kind: Kind, channel: Channel): Promise<boolean> {
  const row = await deps.db.notificationPreference.findUnique({ where: { userId_kind_channel: { userId, kind, channel } } })
  return row?.enabled ?? enabledByDefault(kind, channel)
}

export type PreferenceChange = { kind: string; channel: string; enabled: boolean }

/** Changes some switches (all checked first: a bad one changes nothing); returns them all. */
export async function updateNotificationPreferences(deps: Pick<NotificationsDeps, 'db'>, viewer: Viewer | null, changes: readonly PreferenceChange[]): Promise<NotificationPreferenceDTO[]> {
  if (!viewer) throw new UnauthenticatedError('Sign in to change your notification settings.')
  if (changes.length === 0) throw new ValidationError('Nothing to change.', 'preferences')
  for (const c of changes) {
    if (!(NOTIFICATION_KINDS as readonly string[]).includes(c.kind)) throw new ValidationError(`There is no notification kind ${JSON.stringify(c.kind)}.`, 'kind')
    if (!(NOTIFICATION_CHANNELS as readonly string[]).includes(c.channel)) throw new ValidationError(`There is no channel ${JSON.stringify(c.channel)}.`, 'channel')
  }
  await deps.db.$transaction(
    changes.map((c) =>
      deps.db.notificationPreference.upsert({
        where: { userId_kind_channel: { userId: viewer.userId, kind: c.kind as Kind, channel: c.channel as Channel } },
        create: { userId: viewer.userId, kind: c.kind as Kind, channel: c.channel as Channel, enabled: c.enabled },
        update: { enabled: c.enabled },
      }),
    ),
  )
  return preferencesOf(deps, viewer.userId)
}
