import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, describe, expect, it } from 'vitest'
import { createAttemptLimiter } from './limiter.ts'
import { deleteKeysWithPrefix } from './redis.ts'

const redis = process.env.REDIS_URL ? new Redis(process.env.REDIS_URL) : undefined
const prefixes: string[] = []
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
  const make = () =>
    createAttemptLimiter({
      name: 'test',
      points: 3,
      durationSeconds: 60,
      blockSeconds: 120,
      redis: store === 'redis' ? redis : undefined,
      prefix: newPrefix(),
    })

  it('allows attempts up to the limit, then blocks with a retry delay', async () => {
    const limiter = make()
    for (let i = 0; i < 3; i++) {
      expect(await limiter.retryAfter('acct')).toBe(0)
      await limiter.fail('acct')
    }
    // Three failures use up the allowance for the rest of the window …
    const untilWindowEnds = await limiter.retryAfter('acct')
    expect(untilWindowEnds).toBeGreaterThan(0)
    expect(untilWindowEnds).toBeLessThanOrEqual(60)
    // … and one more failure blocks the key for the block duration.
    await limiter.fail('acct')
    const blocked = await limiter.retryAfter('acct')
    expect(blocked).toBeGreaterThan(60)
    expect(blocked).toBeLessThanOrEqual(120)
  })

  it('keeps keys apart and forgets a key after a reset', async () => {
    const limiter = make()
    for (let i = 0; i < 3; i++) await limiter.fail('a')
    expect(await limiter.retryAfter('a')).toBeGreaterThan(0)
    expect(await limiter.retryAfter('b')).toBe(0)
    await limiter.reset('a')
    expect(await limiter.retryAfter('a')).toBe(0)
  })
})

describe.runIf(process.env.REDIS_URL)('attempt limiter shared through Redis', () => {
  it('counts failures from two processes against one budget', async () => {
    const prefix = newPrefix()
    const other = new Redis(process.env.REDIS_URL!)
    const a = createAttemptLimiter({ name: 't', points: 3, durationSeconds: 60, redis, prefix })
    const b = createAttemptLimiter({ name: 't', points: 3, durationSeconds: 60, redis: other, prefix })
    await a.fail('k')
    await b.fail('k')
    await a.fail('k')
    await b.fail('k')
    expect(await a.retryAfter('k')).toBeGreaterThan(0)
    expect(await b.retryAfter('k')).toBeGreaterThan(0)
    await other.quit()
  })
})
