// Request budgets (rate-limiter-flexible): several rules per key must all allow the request,
// e.g. a burst allowance and a per-minute budget for sending messages.
import { RateLimitedError } from '@rapport/core'
import type { Redis } from './redis.ts'
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'
import { limiterStore } from './limiter-store.ts'

export type Budget = { points: number; durationSeconds: number }

export type RateLimiter = {
  /** Spends one point under every budget; throws RateLimitedError when any is spent. */
  consume(key: string): Promise<void>
  /** Like consume, but answers false instead of throwing (for silent throttles like typing). */
  tryConsume(key: string): Promise<boolean>
  /** Gives back one point under every budget (a consume that turned out not to count). */
  refund(key: string): Promise<void>
}

export function createRateLimiter(opts: { name: string; budgets: Budget[]; redis?: Redis; prefix?: string; message: string }): RateLimiter {
  const limiters: RateLimiterAbstract[] = opts.budgets.map((b, i) => {
    const common = { points: b.points, duration: b.durationSeconds, keyPrefix: `${opts.prefix ?? 'rapport:'}rate:${opts.name}:${i}` }
    return limiterStore(common, opts.redis)
  })
  // Every budget spends its point, exhausted or not, as before; they go together, so with
  // Redis it is one round trip for all of them, not one each (ioredis writes each command
  // without waiting for the replies before it).
  async function attempt(key: string): Promise<number> {
    let wait = 0
    for (const r of await Promise.allSettled(limiters.map((l) => l.consume(key)))) {
      if (r.status === 'fulfilled') continue
      if (!(r.reason instanceof RateLimiterRes)) throw r.reason
      wait = Math.max(wait, Math.ceil(r.reason.msBeforeNext / 1000))
    }
    return wait
  }
  return {
    async consume(key) {
      const wait = await attempt(key)
      if (wait > 0) throw new RateLimitedError(`${opts.message} Try again in ${wait} s.`, wait)
    },
    async tryConsume(key) {
      return (await attempt(key)) === 0
    },
    async refund(key) {
      await Promise.all(limiters.map((l) => l.reward(key, 1)))
    },
  }
}
