// Everything a gateway process shares across requests, built once: pub/sub, limits and
// presence — in memory for one process, through Redis when REDIS_URL is set.
import { systemClock, type Clock } from '@rapport/core'
import { repoRoot, type Db } from '@rapport/db'
import { localDiskStore } from '@rapport/messaging'
import path from 'node:path'
import { createAttemptLimiter, createPresence, createPubSub, createRateLimiter, openRedis } from '@rapport/realtime'
import type { Services } from './context.ts'
import type { Logger } from './logger.ts'
import type { Topics } from './topics.ts'

export type ServiceOptions = {
  db: Db
  logger: Logger
  redisUrl?: string | undefined
  /** Namespaces Redis channels and keys (tests share one Redis). */
  prefix?: string
  clock?: Clock
  /** Consecutive failed sign-ins allowed per account and IP (the daily per-IP cap is ten times this). */
  signInAttempts?: number
  /** Where attachment bytes are kept (default .data/attachments). */
  attachmentsDir?: string
  /** Message budgets per user (tests and load tests raise them). */
  sendBudgets?: { points: number; durationSeconds: number }[]
}

export function createServices(opts: ServiceOptions): Services & { close(): Promise<void> } {
  const prefix = opts.prefix ?? 'rapport:'
  const redis = opts.redisUrl ? openRedis(opts.redisUrl) : undefined
  const pubsub = createPubSub<Topics>({
    redisUrl: opts.redisUrl,
    prefix,
    onError: (err) => opts.logger.warn({ err }, 'redis pub/sub command failed'),
  })
  return {
    db: opts.db,
    logger: opts.logger,
    clock: opts.clock ?? systemClock,
    pubsub,
    // 10 consecutive failures per account+IP block that pair 15 minutes; 100 a day per IP block the IP a day.
    signInLimiter: createAttemptLimiter({ name: 'signin', consecutive: opts.signInAttempts ?? 10, redis, prefix }),
    sendLimiter: createRateLimiter({
      name: 'send',
      // A burst of 10 within 10 s, and 60 a minute: plenty for a person, not for a script.
      budgets: opts.sendBudgets ?? [
        { points: 10, durationSeconds: 10 },
        { points: 60, durationSeconds: 60 },
      ],
      redis,
      prefix,
      message: 'You are sending messages too quickly.',
    }),
    typingLimiter: createRateLimiter({ name: 'typing', budgets: [{ points: 1, durationSeconds: 3 }], redis, prefix, message: 'Typing notices are throttled.' }),
    presence: createPresence({ redis, prefix }),
    blobStore: localDiskStore(opts.attachmentsDir ?? path.join(repoRoot, '.data', 'attachments')),
    async close() {
      await pubsub.close()
      await redis?.quit()
    },
  }
}
