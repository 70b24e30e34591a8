import type { AttemptLimiter, Clock } from '@rapport/core'
import type { PrismaClient } from '@rapport/db'

export type IdentityDeps = {
  db: PrismaClient
  clock: Clock
  /** Failed sign-in attempts, per account and per IP. */
  limiter: AttemptLimiter
}
