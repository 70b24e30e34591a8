import type { Clock } from '@rapport/core'
import type { Prisma, PrismaClient } from '@rapport/db'

/** One notification to write (the notifications domain's shape, passed in rather than imported). */
export type Notice = { userId: string; kind: 'NEW_FOLLOWER' | 'SUPPLIER_UPDATE'; text: string; link: string; at: Date; subject?: Record<string, string> }

export type RelationshipsDeps = {
  db: PrismaClient
  clock: Clock
  /** Writes notifications inside the caller's transaction; returns who got one. */
  notify: (tx: Prisma.TransactionClient, notices: readonly Notice[]) => Promise<string[]>
  /** Enqueues the fan-out of a new update to its followers, inside the posting transaction. */
  enqueueFanOut: (tx: Prisma.TransactionClient, updateId: string) => Promise<void>
  /** Told after a commit whose notifications reached these people. */
  announce?: (userIds: readonly string[]) => void
}
