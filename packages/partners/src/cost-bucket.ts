// The cost bucket per key (models: Shopify's leaky bucket, GitHub's rate-limit object): each
// request pours its cost in, the bucket drains at `restoreRate` points per second, and a
// request that would overflow it is refused with the time until it fits.
//
// Shared by every gateway in Redis. rate-limiter-flexible (used for the other limits) counts in
// fixed windows and cannot report a continuous restore rate, so the bucket is one atomic Lua
// script: one key per bucket, one round trip per request, the time taken from Redis's clock so
// gateways with skewed clocks agree. Without Redis (one process, PGlite), or while Redis is
// unreachable, the same arithmetic runs in this process's memory: limits then hold per process
// (the degraded mode the other limits document), and requests are never refused for it.
import type { Cluster, Redis as SingleRedis } from 'ioredis'

/** One Redis server or a Redis Cluster (the bucket is one key, so one slot). */
type Redis = SingleRedis | Cluster

export type Bucket = { size: number; restoreRate: number }

export type BucketState = {
  allowed: boolean
  /** Points available after this request (before it, when refused). */
  available: number
  /** When refused: milliseconds until the request's cost fits. */
  waitMs: number
}

export type CostBuckets = {
  /** Pours `cost` into the key's bucket when it fits. */
  take(keyId: string, cost: number, bucket: Bucket): Promise<BucketState>
  /** Corrects a request's charge by `delta` points (negative: the actual cost was lower), never below empty. */
  adjust(keyId: string, delta: number, bucket: Bucket): Promise<number>
}

// level = points in the bucket (spent, not yet drained); ts = when level was last computed (ms).
// ARGV[4] = 'take' (pour `amount` in if it fits) or 'adjust' (add `amount`, which may be negative).
const BUCKET = `
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
local size, rate, amount, mode = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
local v = redis.call('HMGET', KEYS[1], 'level', 'ts')
local level = tonumber(v[1]) or 0
local ts = tonumber(v[2]) or now
level = math.max(0, level - (now - ts) * rate / 1000)
local allowed = 1
local wait = 0
if mode == 'adjust' then
  level = math.min(size, math.max(0, level + amount))
elseif level + amount <= size then
  level = level + amount
else
  allowed = 0
  wait = math.ceil((level + amount - size) * 1000 / rate)
end
redis.call('HSET', KEYS[1], 'level', tostring(level), 'ts', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(size * 1000 / rate) + 1000)
return { allowed, tostring(size - level), wait }
`

type BucketRedis = Redis & {
  rapportCostBucket(key: string, size: number, rate: number, amount: number, mode: 'take' | 'adjust'): Promise<[number, string, number]>
}

export function createCostBuckets(opts: { redis?: Redis | undefined; prefix?: string; now?: () => number }): CostBuckets {
  const memory = memoryBuckets(opts.now ?? Date.now)
  const redis = opts.redis as BucketRedis | undefined
  if (!redis) return memory
  redis.defineCommand('rapportCostBucket', { numberOfKeys: 1, lua: BUCKET })
  const keyOf = (keyId: string) => `${opts.prefix ?? 'rapport:'}cost:${keyId}`
  // Not waiting for a connection that is down: the request goes on under the memory bucket.
  const up = () => redis.status === 'ready'
  return {
    async take(keyId, cost, b) {
      if (!up()) return memory.take(keyId, cost, b)
      try {
        const [allowed, available, wait] = await redis.rapportCostBucket(keyOf(keyId), b.size, b.restoreRate, cost, 'take')
        return { allowed: allowed === 1, available: Math.floor(Number(available)), waitMs: wait }
      } catch {
        return memory.take(keyId, cost, b)
      }
    },
    async adjust(keyId, delta, b) {
      if (!up()) return memory.adjust(keyId, delta, b)
      try {
        return Math.floor(Number((await redis.rapportCostBucket(keyOf(keyId), b.size, b.restoreRate, delta, 'adjust'))[1]))
      } catch {
        return memory.adjust(keyId, delta, b)
      }
    },
  }
}

/** The same bucket in one process's memory. */
export function memoryBuckets(now: () => number): CostBuckets {
  const levels = new Map<string, { level: number; ts: number }>()
  const drained = (keyId: string, b: Bucket) => {
    const t = now()
    const s = levels.get(keyId) ?? { level: 0, ts: t }
    s.level = Math.max(0, s.level - ((t - s.ts) * b.restoreRate) / 1000)
    s.ts = t
    if (s.level === 0) levels.delete(keyId)
    return s
  }
  return {
    async take(keyId, cost, b) {
      const s = drained(keyId, b)
      if (s.level + cost > b.size) return { allowed: false, available: Math.floor(b.size - s.level), waitMs: Math.ceil(((s.level + cost - b.size) * 1000) / b.restoreRate) }
      s.level += cost
      levels.set(keyId, s)
      return { allowed: true, available: Math.floor(b.size - s.level), waitMs: 0 }
    },
    async adjust(keyId, delta, b) {
      const s = drained(keyId, b)
      s.level = Math.min(b.size, Math.max(0, s.level + delta))
      if (s.level > 0) levels.set(keyId, s)
      return Math.floor(b.size - s.level)
    },
  }
}
