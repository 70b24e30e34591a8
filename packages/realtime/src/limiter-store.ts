// Where limit counters live: Redis, shared by every gateway, or memory for one process.
//
// Degraded mode: while Redis is unreachable, counters fall back at once to this process's
// memory (rate-limiter-flexible's insurance limiter; `rejectIfRedisNotReady` skips the wait for
// a connection that is not up). Limits then hold per gateway process instead of across all of
// them — a send or a sign-in is never refused or held up because Redis is down — and they are
// shared again as soon as Redis is back.
import type { Redis } from './redis.ts'
import { RateLimiterMemory, RateLimiterRedis, type IRateLimiterOptions, type RateLimiterAbstract } from 'rate-limiter-flexible'

export function limiterStore(options: IRateLimiterOptions, redis: Redis | undefined): RateLimiterAbstract {
  if (!redis) return new RateLimiterMemory(options)
  return new RateLimiterRedis({ ...options, storeClient: redis, rejectIfRedisNotReady: true, insuranceLimiter: new RateLimiterMemory(options) })
}
