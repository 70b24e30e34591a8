import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAttemptLimiter } from './limiter.ts'
import { deleteKeysWithPrefix } from './redis.ts'

const redis = process.env.REDIS_URL ? new Redis(process.env.REDIS_URL) : undefined
const prefixes: string[] = []
// Counters fall back to this process's memory until Redis is connected (the degraded mode).
beforeAll(async () => {
  await redis?.ping()
})
const newPrefix = () => {
  const prefix = `rapport-test-${randomBytes(4).toString('hex')}:`
  prefixes.push(prefix)
  return prefix
}
afterAll(async () => {
  await redis?.quit()
  if (process.env.REDIS_URL) for (const prefix of prefixes) await deleteKeysWithPrefix(process.env.REDIS_URL, prefix)
})
const stores = redis ? (['memory', 'redis'] as const) : (['memory'] as const)

describe.each(stores)('attempt limiter in %s', (store) => {
  const make = (opts: { consecutive?: number; perSourcePerDay?: number } = {}) =>
    createAttemptLimiter({
      name: 'test',
      consecutive: opts.consecutive ?? 3,
      consecutiveBlockSeconds: 120,
      perSourcePerDay: opts.perSourcePerDay ?? 30,
      redis: store === 'redis' ? redis : undefined,
      prefix: newPrefix(),
    })

  it('blocks an account from one address after its consecutive failures, for the block duration', async () => {
    const limiter = make()
    for (let i = 0; i < 3; i++) {
      expect(await limiter.retryAfter('a@example.com', '10.0.0.1')).toBe(0)
      await limiter.fail('a@example.com', '10.0.0.1')
      // Failures are kept across time (a password check takes a while), not only within one tick.
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    const blocked = await limiter.retryAfter('a@example.com', '10.0.0.1')
    expect(blocked).toBeGreaterThan(60)
    expect(blocked).toBeLessThanOrEqual(120)
  })

  it('does not lock another account from that address, nor that account from another address', async () => {
    const limiter = make()
    for (let i = 0; i < 3; i++) await limiter.fail('a@example.com', '10.0.0.1')
    expect(await limiter.retryAfter('a@example.com', '10.0.0.1')).toBeGreaterThan(0)
    expect(await limiter.retryAfter('b@example.com', '10.0.0.1')).toBe(0)
    expect(await limiter.retryAfter('a@example.com', '10.0.0.2')).toBe(0)
  })

  it('forgets a pair’s consecutive failures after a success', async () => {
    const limiter = make()
    for (let i = 0; i < 2; i++) await limiter.fail('a@example.com', '10.0.0.1')
    await limiter.succeed('a@example.com', '10.0.0.1')
    for (let i = 0; i < 2; i++) await limiter.fail('a@example.com', '10.0.0.1')
    expect(await limiter.retryAfter('a@example.com', '10.0.0.1')).toBe(0)
  })

  // Found by flooding two gateways: sign-in checked retryAfter, then ran the slow password check,
  // then counted the failure, so every attempt in flight passed the check (29 of a budget of 10).
  it('lets at most the budget through when attempts begin all at once, and not one refused attempt counts', async () => {
    const limiter = make({ consecutive: 3, perSourcePerDay: 5 })
    const pair = await Promise.all(Array.from({ length: 40 }, () => limiter.begin('a@example.com', '10.0.0.1')))
    expect(pair.filter((w) => w === 0)).toHaveLength(3)
    expect(Math.min(...pair.filter((w) => w > 0))).toBeGreaterThan(60)
    // The address has used 3 of its 5: the pair's refusals did not count against it.
    const across = await Promise.all(Array.from({ length: 40 }, (_, i) => limiter.begin(`u${i}@example.com`, '10.0.0.1')))
    expect(across.filter((w) => w === 0)).toHaveLength(2)
  })

  it('gives a begun attempt that succeeds back to the address, and forgets the pair’s failures', async () => {
    const limiter = make({ consecutive: 2, perSourcePerDay: 2 })
    for (let i = 0; i < 5; i++) {
      expect(await limiter.begin('a@example.com', '10.0.0.1')).toBe(0)
      await limiter.succeed('a@example.com', '10.0.0.1')
    }
    expect(await limiter.begin('b@example.com', '10.0.0.1')).toBe(0)
    expect(await limiter.begin('c@example.com', '10.0.0.1')).toBe(0)
    expect(await limiter.begin('d@example.com', '10.0.0.1')).toBeGreaterThan(0)
  })

  it('blocks an address for a day once it reaches its daily cap of failures across accounts', async () => {
    const limiter = make({ perSourcePerDay: 5 })
    for (let i = 0; i < 5; i++) await limiter.fail(`victim${i}@example.com`, '10.6.6.6')
    const wait = await limiter.retryAfter('someone-else@example.com', '10.6.6.6')
    expect(wait).toBeGreaterThan(23 * 3600)
    expect(wait).toBeLessThanOrEqual(24 * 3600)
    expect(await limiter.retryAfter('someone-else@example.com', '10.7.7.7')).toBe(0)
  })

  it('keeps addresses with colons (IPv6) and accounts apart', async () => {
    const limiter = make()
    for (let i = 0; i < 3; i++) await limiter.fail('a', 'b:c')
    expect(await limiter.retryAfter('a', 'b:c')).toBeGreaterThan(0)
    expect(await limiter.retryAfter('a:b', 'c')).toBe(0)
  })
})

describe.runIf(process.env.REDIS_URL)('attempt limiter shared through Redis', () => {
  it('counts failures from two processes against one budget', async () => {
    const prefix = newPrefix()
    const other = new Redis(process.env.REDIS_URL!)
    // Until a connection is up, counters are this process's own (the degraded mode).
    await other.ping()
    const a = createAttemptLimiter({ name: 't', consecutive: 3, redis, prefix })
    const b = createAttemptLimiter({ name: 't', consecutive: 3, redis: other, prefix })
    await a.fail('k', '10.0.0.1')
    await b.fail('k', '10.0.0.1')
    await a.fail('k', '10.0.0.1')
    expect(await a.retryAfter('k', '10.0.0.1')).toBeGreaterThan(0)
    expect(await b.retryAfter('k', '10.0.0.1')).toBeGreaterThan(0)
    await other.quit()
  })
})
