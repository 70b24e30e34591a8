// Everything a gateway process shares across requests, built once: the core services (db,
// pub/sub, clock, logger), then each module's own (limits, presence, stores) — in memory for
// one process, through Redis when REDIS_URL is set.
import { systemClock } from '@rapport/core'
import { createJobs } from '@rapport/jobs'
import { createPubSub, openRedis } from '@rapport/realtime'
import { modules } from './modules/index.ts'
import type { CoreServices, ServiceOptions, Services } from './shared-services.ts'
import type { Topics } from './topics.ts'

export type { ServiceOptions } from './shared-services.ts'

export type ServicesHandle = Services & {
  /**
   * Resolves once Redis answers (or could not be reached within its connect timeout). Served
   * before that, limits would count in memory (their degraded mode) and then start afresh in Redis.
   */
  connected(): Promise<void>
  close(): Promise<void>
}

export function createServices(opts: ServiceOptions): ServicesHandle {
  const prefix = opts.prefix ?? 'rapport:'
  const redis = opts.redisUrl ? openRedis(opts.redisUrl) : undefined
  const pubsub = createPubSub<Topics>({
    redisUrl: opts.redisUrl,
    prefix,
    onError: (err) => opts.logger.warn({ err }, 'redis pub/sub command failed'),
  })
  const clock = opts.clock ?? systemClock
  const jobs = createJobs(opts.db, { clock, onError: (err) => opts.logger.warn({ err }, 'job failed (it is retried with backoff)') })
  const core: CoreServices = { db: opts.db, logger: opts.logger, clock, pubsub, jobs }
  const fromModules = modules.map((m) => m.services?.({ core, redis, prefix, options: opts }) ?? {})
  return Object.assign({}, core, ...fromModules, {
    async connected() {
      // A failure is the degraded mode's business (readiness reports it), not a reason not to start.
      await Promise.all([redis?.ping(), pubsub.ping()].map((p) => p?.catch(() => {})))
    },
    async close() {
      await pubsub.close()
      await redis?.quit()
    },
  }) as ServicesHandle
}
