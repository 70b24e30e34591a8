import type { Clock } from '@rapport/core'
import type { PrismaClient } from '@rapport/db'

export type ReviewsDeps = {
  db: PrismaClient
  clock: Clock
  /** Days after delivery during which the buyer may review (REVIEW_LIMITS.windowDays unless the deployment says otherwise). */
  windowDays?: number
  /** Told after a commit that the supplier has new review events (the gateway pokes its live feeds). */
  announce?: (supplierId: string) => void
}
