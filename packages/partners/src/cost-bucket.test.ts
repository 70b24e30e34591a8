import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, describe, expect, it } from 'vitest'
import { createCostBuckets, memoryBuckets, type CostBuckets } from './cost-bucket.ts'

// Both stores obey the same arithmetic; the Redis one is what gateways share (CI sets REDIS_URL).
const redisUrl = process.env.REDIS_URL
const redis = redisUrl ? new Redis(redisUrl) : undefined
const prefix = `rapport:test:${randomUUID()}:`
afterAll(async () => {
  if (!redis) return
  const keys = await redis.keys(`${prefix}*`)
  if (keys.length) await redis.del(...keys)
  redis.disconnect()
})

const bucket = { size: 100, restoreRate: 50 }

describe('memory bucket (injected clock)', () => {
  it('refuses what overflows, with the wait until it fits, and drains at the restore rate', async () => {
    let t = 1_000_000
    const b = memoryBuckets(() => t)
    expect(await b.take('k', 80, bucket)).toEqual({ allowed: true, available: 20, waitMs: 0 })
    expect(await b.take('k', 40, bucket)).toEqual({ allowed: false, available: 20, waitMs: 400 })
    t += 400
    expect(await b.take('k', 40, bucket)).toEqual({ allowed: true, available: 0, waitMs: 0 })
    t += 2_000
    expect((await b.take('k', 1, bucket)).available).toBe(99)
  })
  it('adjusts a charge down to the actual cost, never below empty or above full', async () => {
    const b = memoryBuckets(() => 0)
    await b.take('k', 90, bucket)
    expect(await b.adjust('k', -60, bucket)).toBe(70)
    expect(await b.adjust('k', -500, bucket)).toBe(100)
    expect(await b.adjust('k', 500, bucket)).toBe(0)
  })
})

describe.runIf(redis)('Redis bucket, shared by two gateways', () => {
  const others: Redis[] = []
  afterAll(() => others.forEach((r) => r.disconnect()))
  // A second connection, as a second gateway has (connected first: a bucket does not wait for Redis).
  async function two(): Promise<[CostBuckets, CostBuckets]> {
    const other = redis!.duplicate()
    others.push(other)
    await Promise.all([redis!.ping(), other.ping()])
    return [createCostBuckets({ redis, prefix }), createCostBuckets({ redis: other, prefix })]
  }
  it('one bucket across both: what one spends, the other cannot', async () => {
    const [a, b] = await two()
    const key = randomUUID()
    expect((await a.take(key, 70, bucket)).allowed).toBe(true)
    const refused = await b.take(key, 70, bucket)
    expect(refused.allowed).toBe(false)
    expect(refused.available).toBeLessThanOrEqual(31)
    expect(refused.waitMs).toBeGreaterThan(700)
    expect(refused.waitMs).toBeLessThanOrEqual(800)
    await new Promise((r) => setTimeout(r, refused.waitMs + 50))
    expect((await b.take(key, 70, bucket)).allowed).toBe(true)
  })
  it('adjusting returns points to the shared bucket', async () => {
    const [a, b] = await two()
    const key = randomUUID()
    await a.take(key, 100, bucket)
    expect((await b.take(key, 50, bucket)).allowed).toBe(false)
    await a.adjust(key, -90, bucket)
    expect((await b.take(key, 50, bucket)).allowed).toBe(true)
  })
})
