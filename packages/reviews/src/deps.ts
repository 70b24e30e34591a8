import type { Clock } from '@rapport/core'
import type { Prisma, PrismaClient } from '@rapport/db'

export type ReviewsDeps = {
  db: PrismaClient
  clock: Clock
  /** Days after delivery during which the buyer may review (REVIEW_LIMITS.windowDays unless the deployment says otherwise). */
  windowDays?: number
  /** Told after a commit that the supplier has new review events (the gateway pokes its live feeds). */
  announce?: (supplierId: string) => void
  /**
   * Told of each review event inside the transaction that records it (the gateway enqueues the
   * job that notifies the people it concerns, so it exists exactly when the event does).
   */
  onEvent?: (tx: Prisma.TransactionClient, eventId: bigint) => Promise<void>
}
