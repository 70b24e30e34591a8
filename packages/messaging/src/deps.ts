import type { AttemptLimiter, Clock } from '@rapport/core'
import type { PrismaClient } from '@rapport/db'
import type { Publish } from './events.ts'

export type MessagingDeps = {
  db: PrismaClient
  clock: Clock
  /** Announces committed changes (pub/sub in the gateway); never called inside a transaction. */
  publish: Publish
}

/** Sends per user: a burst allowance and a per-minute budget, shared across processes with Redis. */
export type SendLimiter = { consume(userId: string): Promise<void> }

export type { AttemptLimiter }
