import type { Clock } from '@rapport/core'
import type { PrismaClient } from '@rapport/db'

export type NotificationsDeps = {
  db: PrismaClient
  clock: Clock
  /** Told after a commit that these people's notifications changed (the gateway pokes their live feeds). */
  announce?: (userIds: readonly string[]) => void
}
