import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, describe, expect, it } from 'vitest'
import { createPresence } from './presence.ts'
import { createRateLimiter } from './rate-limit.ts'
import { deleteKeysWithPrefix } from './redis.ts'

const redis = process.env.REDIS_URL ? new Redis(process.env.REDIS_URL) : undefined
const prefixes: string[] = []
afterAll(async () => {
  await redis?.quit()
  if (process.env.REDIS_URL) for (const p of prefixes) await deleteKeysWithPrefix(process.env.REDIS_URL, p)
})
const stores = redis ? (['memory', 'redis'] as const) : (['memory'] as const)
const prefix = () => {
  const p = `rapport-test-${randomBytes(4).toString('hex')}:`
  prefixes.push(p)
  return p
}

describe.each(stores)('presence in %s', (store) => {
  it('is online while any connection is open, and reports the transitions', async () => {
    const p = createPresence({ redis: store === 'redis' ? redis : undefined, prefix: prefix() })
    expect(await p.connect('u1')).toBe(true)
    expect(await p.connect('u1')).toBe(false)
    expect(await p.onlineAmong(['u1', 'u2'])).toEqual(new Set(['u1']))
    expect(await p.disconnect('u1')).toBe(false)
    expect(await p.disconnect('u1')).toBe(true)
    expect(await p.onlineAmong(['u1'])).toEqual(new Set())
  })

  it('keeps a user online who reconnects while their last connection is being closed', async () => {
    const p = createPresence({ redis: store === 'redis' ? redis : undefined, prefix: prefix() })
    await p.connect('u1')
    // A tab closes as another opens (on one connection to Redis: the connect's increment runs
    // between the close's decrement and whatever the close does next).
    const [wentOffline, cameOnline] = await Promise.all([p.disconnect('u1'), p.connect('u1')])
    expect([wentOffline, cameOnline]).toEqual([true, true])
    expect(await p.onlineAmong(['u1'])).toEqual(new Set(['u1']))
    expect(await p.disconnect('u1')).toBe(true)
    expect(await p.onlineAmong(['u1'])).toEqual(new Set())
  })
})

describe.each(stores)('rate limits in %s', (store) => {
  it('allows a burst, then refuses with a retry delay until the window passes', async () => {
    const limiter = createRateLimiter({
      name: 'send',
      budgets: [{ points: 3, durationSeconds: 10 }, { points: 5, durationSeconds: 60 }],
      redis: store === 'redis' ? redis : undefined,
      prefix: prefix(),
      message: 'You are sending messages too quickly.',
    })
    for (let i = 0; i < 3; i++) await limiter.consume('u')
    await expect(limiter.consume('u')).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) })
    await expect(limiter.consume('u')).rejects.toThrow(/too quickly\. Try again in \d+ s\./)
    expect(await limiter.tryConsume('other')).toBe(true)
  })
})
