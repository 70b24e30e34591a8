// What a person can be notified about, on which channels, and what is on until they say
// otherwise: the one home of the defaults (the settings page and the gateway read them here).
import type { NotificationChannel, NotificationKind } from '@rapport/db'

export const NOTIFICATION_KINDS = [
  'NEW_MESSAGE',
  'CONVERSATION_ASSIGNED',
  'REVIEW_INVITATION',
  'NEW_REVIEW',
  'REVIEW_RESPONSE',
  'NEW_QUESTION',
  'QUESTION_ANSWERED',
  'NEW_FOLLOWER',
  'SUPPLIER_UPDATE',
  'MODERATION_DECISION',
  'WEBHOOK_DISABLED',
] as const satisfies readonly NotificationKind[]

export const NOTIFICATION_CHANNELS = ['IN_APP', 'EMAIL'] as const satisfies readonly NotificationChannel[]

export type Kind = (typeof NOTIFICATION_KINDS)[number]
export type Channel = (typeof NOTIFICATION_CHANNELS)[number]

/**
 * In-app is on for everything: it is the feed itself, and quiet. Email is on only where
 * someone is waiting on you (messages left unread, a conversation handed to you) or where the
 * news is about you and rare (a delivered order's one review invitation, moderators'
 * decisions, a webhook endpoint switched off after failing); the rest would be noise in an inbox.
 */
const EMAIL_BY_DEFAULT: ReadonlySet<Kind> = new Set(['NEW_MESSAGE', 'CONVERSATION_ASSIGNED', 'REVIEW_INVITATION', 'MODERATION_DECISION', 'WEBHOOK_DISABLED'])

export function enabledByDefault(kind: Kind, channel: Channel): boolean {
  return channel === 'IN_APP' || EMAIL_BY_DEFAULT.has(kind)
}

/** Limits with one home: page sizes for the feed. */
export const NOTIFICATION_LIMITS = { pageSizeMax: 100, pageSizeDefault: 20 } as const
