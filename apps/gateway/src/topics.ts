// Every pub/sub topic the gateway publishes or subscribes to, with its payload type.
import type { ConversationEvent, InboxEvent } from '@rapport/messaging'

export type PresenceEvent = { userId: string; online: boolean; lastSeenAt: string | null }

export type Topics = {
  /** A session was signed out: WebSocket connections using it are closed. */
  [topic: `session:revoked:${string}`]: { at: string }
} & {
  /**
   * Sessions or people whose access changed (sign-out, joining or leaving a team): every
   * process drops them from its session cache at once, rather than after the cache's lifetime.
   */
  'sessions:changed': { sessionIds?: string[]; userIds?: string[] }
} & {
  /** Everything that happens in one conversation, in commit order per publisher. */
  [topic: `conversation:${string}`]: ConversationEvent
} & {
  /** A buyer's or a supplier team's inbox changed. */
  [topic: `inbox:${'buyer' | 'supplier'}:${string}`]: InboxEvent
} & {
  /** A person came online or went offline (invisible people never do). */
  [topic: `presence:${string}`]: PresenceEvent
}
