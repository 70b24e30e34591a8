// Every pub/sub topic the gateway publishes or subscribes to: its name (built here and
// nowhere else) and its payload type.
import type { ConversationEvent, InboxEvent } from '@rapport/messaging'

export type PresenceEvent = { userId: string; online: boolean; lastSeenAt: string | null }

export const topic = {
  /** A session was signed out: WebSocket connections using it are closed. */
  sessionRevoked: (sessionId: string) => `session:revoked:${sessionId}` as const,
  /**
   * Sessions or people whose access changed (sign-out, joining or leaving a team): every
   * process drops them from its session cache at once, rather than after the cache's lifetime.
   */
  sessionsChanged: 'sessions:changed' as const,
  /** Everything that happens in one conversation, in commit order per publisher. */
  conversation: (conversationId: string) => `conversation:${conversationId}` as const,
  /** A buyer's inbox changed. */
  buyerInbox: (buyerId: string) => `inbox:buyer:${buyerId}` as const,
  /** A supplier team's inbox changed. */
  supplierInbox: (supplierId: string) => `inbox:supplier:${supplierId}` as const,
  /** A person came online or went offline (invisible people never do). */
  userPresence: (userId: string) => `presence:${userId}` as const,
  /** Anyone on a supplier's team came online or went offline (buyers watch the team as a whole). */
  teamPresence: (supplierId: string) => `presence:team:${supplierId}` as const,
  /** A supplier has new review events: a poke, the events themselves are read from the database. */
  supplierReviews: (supplierId: string) => `reviews:supplier:${supplierId}` as const,
  /** A person's notifications changed (new ones, or read marks): a poke, the feed reads the database. */
  userNotifications: (userId: string) => `notifications:${userId}` as const,
}

type Name<K extends keyof typeof topic> = (typeof topic)[K] extends (...args: never[]) => infer N ? N : (typeof topic)[K]

/** Topic names to payloads, for the typed pub/sub. */
export type Topics = { [T in Name<'sessionRevoked'>]: { at: string } } & {
  [T in Name<'sessionsChanged'>]: { sessionIds?: string[]; userIds?: string[] }
} & { [T in Name<'conversation'>]: ConversationEvent } & {
  [T in Name<'buyerInbox'> | Name<'supplierInbox'>]: InboxEvent
} & { [T in Name<'userPresence'> | Name<'teamPresence'>]: PresenceEvent } & {
  [T in Name<'supplierReviews'>]: { supplierId: string }
} & { [T in Name<'userNotifications'>]: { userId: string } }
