// Attempt limiting with rate-limiter-flexible: a maintained library with the same API over
// memory and Redis, so limits hold across every gateway process when REDIS_URL is set. The
// scheme is the library's "login endpoint protection" (its wiki): two limiters, one counting
// consecutive failures per subject and source (account + IP), one counting failures per source
// per day. A pair that fails too often is blocked alone, so nobody can lock someone else out
// of their account from another address; an address that guesses across accounts hits the
// daily cap.
import type { AttemptLimiter } from '@rapport/core'
import type { Redis } from './redis.ts'
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'
import { limiterStore } from './limiter-store.ts'

const DAY = 24 * 60 * 60

export type AttemptLimiterOptions = {
  /** Consecutive failures allowed at one subject from one source; the next attempt waits. */
  consecutive: number
  /** How long a pair over `consecutive` is blocked, in seconds (default 900: 15 minutes). */
  consecutiveBlockSeconds?: number
  /** Failures allowed from one source across all subjects per day (default 10 × `consecutive`). */
  perSourcePerDay?: number
  /** How long a source over its daily cap is blocked, in seconds (default a day). */
  perSourceBlockSeconds?: number
  /** Key namespace (e.g. "signin"), prefixed with the deployment prefix. */
  name: string
  redis?: Redis
  prefix?: string
}

/** One counter: `points` failures within `duration` use up the allowance, then a block. */
class Counter {
  private readonly limiter: RateLimiterAbstract
  constructor(
    private readonly points: number,
    duration: number,
    private readonly blockSeconds: number,
    keyPrefix: string,
    redis: Redis | undefined,
  ) {
    const options = { points, duration, blockDuration: blockSeconds, keyPrefix }
    this.limiter = limiterStore(options, redis)
  }

  async retryAfter(key: string): Promise<number> {
    const res = await this.limiter.get(key)
    if (!res || res.consumedPoints < this.points) return 0
    return Math.max(1, Math.ceil(res.msBeforeNext / 1000))
  }

  async fail(key: string): Promise<void> {
    try {
      const res = await this.limiter.consume(key)
      // The failure that uses up the allowance starts the block (rate-limiter-flexible would
      // only block on the one after, and until then report the rest of the counting window).
      if (res.consumedPoints >= this.points) await this.limiter.block(key, this.blockSeconds)
    } catch (e) {
      // Already over the limit: consume rejects with the state, and the block is in place.
      if (!(e instanceof RateLimiterRes)) throw e
    }
  }

  /** Counts one point if the allowance has room (atomically, in Redis): 0, or the seconds to wait. */
  async take(key: string): Promise<number> {
    try {
      await this.limiter.consume(key)
      return 0
    } catch (e) {
      // Over the limit: the first refusal starts the block (blockDuration), later ones report it.
      if (!(e instanceof RateLimiterRes)) throw e
      return Math.max(1, Math.ceil(e.msBeforeNext / 1000))
    }
  }

  /** Gives back a point `take` counted. */
  async giveBack(key: string): Promise<void> {
    await this.limiter.reward(key, 1)
  }

  async reset(key: string): Promise<void> {
    await this.limiter.delete(key)
  }
}

export function createAttemptLimiter(opts: AttemptLimiterOptions): AttemptLimiter {
  const keyPrefix = `${opts.prefix ?? 'rapport:'}limit:${opts.name}`
  // Consecutive failures are remembered for a week since the first: a success or the block's end
  // clears them, not a pause between guesses. (The wiki keeps them 90 days; the in-memory store
  // expires keys with setTimeout, which cannot wait longer than 24.8 days.)
  const byPair = new Counter(opts.consecutive, 7 * DAY, opts.consecutiveBlockSeconds ?? 900, `${keyPrefix}:pair`, opts.redis)
  const bySource = new Counter(opts.perSourcePerDay ?? opts.consecutive * 10, DAY, opts.perSourceBlockSeconds ?? DAY, `${keyPrefix}:source`, opts.redis)
  // JSON keeps the two parts apart whatever they contain (IPv6 addresses have colons).
  const pair = (subject: string, source: string) => JSON.stringify([subject, source])
  return {
    async retryAfter(subject, source) {
      const [a, b] = await Promise.all([byPair.retryAfter(pair(subject, source)), bySource.retryAfter(source)])
      return Math.max(a, b)
    },
    async begin(subject, source) {
      // The pair first: an attempt it refuses must not use up the address's daily allowance.
      const key = pair(subject, source)
      const pairWait = await byPair.take(key)
      if (pairWait > 0) return Math.max(pairWait, await bySource.retryAfter(source))
      const sourceWait = await bySource.take(source)
      if (sourceWait > 0) await byPair.giveBack(key)
      return sourceWait
    },
    async fail(subject, source) {
      await Promise.all([byPair.fail(pair(subject, source)), bySource.fail(source)])
    },
    async succeed(subject, source) {
      await Promise.all([byPair.reset(pair(subject, source)), bySource.giveBack(source)])
    },
  }
}
