import type { AttemptLimiter, Clock } from '@rapport/core'
import type { PrismaClient, SqlQueryable, SqlRunner } from '@rapport/db'
import type { Publish } from './events.ts'

export type MessagingDeps = {
  db: PrismaClient
  /** The send path's SQL, run on the driver without the Prisma client (see @rapport/db's sql.ts). */
  sql: SqlRunner
  clock: Clock
  /** Announces committed changes (pub/sub in the gateway); never called inside a transaction. */
  publish: Publish
  /**
   * Work a new message causes later (the unread-message email), enqueued inside the send's
   * transaction so it exists exactly when the message does. Issued with the send's other
   * statements (pipelined): it costs no extra round trip.
   */
  onMessageSent?: MessageSentHook
}

export type MessageSentHook = (tx: SqlQueryable, m: { conversationId: string; recipientSide: 'BUYER' | 'SUPPLIER' }) => Promise<unknown>

/** Sends per user: a burst allowance and a per-minute budget, shared across processes with Redis. */
export type SendLimiter = {
  consume(userId: string): Promise<void>
  /** Gives back the point a consume spent, for a send that turned out not to count (see sendMessage). */
  refund?(userId: string): Promise<void>
}

export type { AttemptLimiter }
