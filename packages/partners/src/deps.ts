import type { Clock } from '@rapport/core'
import type { PrismaClient } from '@rapport/db'

/** What the partner functions need, passed in by the gateway. */
export type PartnersDeps = { db: PrismaClient; clock: Clock }
