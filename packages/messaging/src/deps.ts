import type { AttemptLimiter, Clock } from '@rapport/core'
import type { Prisma, PrismaClient, SqlQueryable, SqlRunner } from '@rapport/db'
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
  /**
   * A conversation was handed to someone other than the one assigning it: told inside the
   * assignment's transaction (the gateway writes the notification there); what it returns
   * runs after the commit (announcing it live).
   */
  onAssigned?: (tx: Prisma.TransactionClient, a: AssignedNotice) => Promise<(() => void) | void>
  /**
   * A conversation's status, labels or assignee changed: told inside the change's transaction, so
   * work it causes later (a partner's `conversation.updated` webhook) exists exactly when it does.
   */
  onConversationChanged?: (tx: Prisma.TransactionClient, c: ConversationChange) => Promise<unknown>
}

/** What changed in a conversation, for hooks. */
export type ConversationChange = { conversationId: string; supplierId: string; fields: string[]; at: Date }

/** Who was handed a conversation, in words for them. */
export type AssignedNotice = { conversationId: string; userId: string; text: string; at: Date }

export type MessageSentHook = (tx: SqlQueryable, m: { conversationId: string; supplierId: string; messageId: string; recipientSide: 'BUYER' | 'SUPPLIER' }) => Promise<unknown>

/** Sends per user: a burst allowance and a per-minute budget, shared across processes with Redis. */
export type SendLimiter = {
  consume(userId: string): Promise<void>
  /** Gives back the point a consume spent, for a send that turned out not to count (see sendMessage). */
  refund?(userId: string): Promise<void>
}

export type { AttemptLimiter }
