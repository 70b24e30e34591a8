// Attempt limiting with rate-limiter-flexible: a maintained library with the same API over
// memory and Redis, so limits hold across every gateway process when REDIS_URL is set.
import type { AttemptLimiter } from '@rapport/core'
import type { Redis } from 'ioredis'
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'

export type AttemptLimiterOptions = {
  /** Failures allowed per key within the window. */
  points: number
  /** Window length in seconds. */
  durationSeconds: number
  /** Once over the limit, the key is blocked this long. */
  blockSeconds?: number
  /** Key namespace (e.g. "signin"), prefixed with the deployment prefix. */
  name: string
  redis?: Redis
  prefix?: string
}

export function createAttemptLimiter(opts: AttemptLimiterOptions): AttemptLimiter {
  const keyPrefix = `${opts.prefix ?? 'rapport:'}limit:${opts.name}`
  const common = { points: opts.points, duration: opts.durationSeconds, blockDuration: opts.blockSeconds ?? 0, keyPrefix }
  const limiter: RateLimiterAbstract = opts.redis
    ? new RateLimiterRedis({ ...common, storeClient: opts.redis })
    : new RateLimiterMemory(common)
  return {
    async retryAfter(key) {
      const res = await limiter.get(key)
      // `points` failures use up the allowance: the next attempt waits.
      if (!res || res.consumedPoints < opts.points) return 0
      return Math.max(1, Math.ceil(res.msBeforeNext / 1000))
    },
    async fail(key) {
      try {
        await limiter.consume(key)
      } catch (e) {
        // Over the limit: consume rejects with the state, which is what we want to record.
        if (!(e instanceof RateLimiterRes)) throw e
      }
    },
    async reset(key) {
      await limiter.delete(key)
    },
  }
}
