// The services a gateway process shares across requests: the core ones every domain builds
// on, and those the modules add (declared by each module, see ModuleServices).
import type { Clock } from '@rapport/core'
import type { Db } from '@rapport/db'
import type { Jobs } from '@rapport/jobs'
import type { SessionCache } from '@rapport/identity'
import type { PubSub, Redis } from '@rapport/realtime'
import type { Logger } from './logger.ts'
import type { Topics } from './topics.ts'

/** What every domain builds on: one of each per gateway process. */
export type CoreServices = {
  db: Db
  pubsub: PubSub<Topics>
  logger: Logger
  clock: Clock
  /** The job queue (pg-boss in the app's database): every process enqueues; workers run where `runJobs` is on. */
  jobs: Jobs
}

/**
 * The services domains add (limiters, stores, presence). Each module declares its own in its
 * services file by declaration merging, so adding a domain never edits this file or context.ts:
 *
 *     declare module '../../shared-services.ts' { interface ModuleServices { blobStore: BlobStore } }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface ModuleServices {}

export type Services = CoreServices &
  ModuleServices & {
    /**
     * Sessions verified in the last few seconds (default: one cache per database handle, see
     * sessionCacheFor). Sign-out and team changes made through this process evict them at once;
     * other processes notice within SESSION_CACHE_TTL_MS.
     */
    sessions?: SessionCache
  }

/** Deployment settings a module may read when it builds its services. */
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
  /** Email: transport (SMTP_URL, else files in mailDir), sender, public addresses for links, the unread delay. */
  email?: { smtpUrl?: string | undefined; mailDir?: string | undefined; from?: string; webOrigin?: string; apiOrigin?: string; unreadDelayMinutes?: number }
  /** WEBHOOKS_ALLOW_PRIVATE: webhook endpoints on private addresses allowed (tests, local development). */
  webhooksAllowPrivate?: boolean
  /** How often timings are written for the staff statistics (STATS_FLUSH_MS; default 10 s). */
  statsFlushMs?: number
  /** Message budgets per user (tests and load tests raise them). */
  sendBudgets?: { points: number; durationSeconds: number }[]
}

/** What a module's services factory gets: the shared services, the Redis connection (if any) and the settings. */
export type ServiceSetup = {
  core: CoreServices
  redis: Redis | undefined
  prefix: string
  options: ServiceOptions
}
