import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPresence } from './presence.ts'
import { createRateLimiter } from './rate-limit.ts'
import { deleteKeysWithPrefix, openRedis } from './redis.ts'

const redis = process.env.REDIS_URL ? new Redis(process.env.REDIS_URL) : undefined
const prefixes: string[] = []
// Counters fall back to this process's memory until Redis is connected (the degraded mode).
beforeAll(async () => {
  await redis?.ping()
})
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

describe.runIf(!!redis)('presence across gateways (Redis)', () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

  it('counts a user on two gateways as online until both have let go', async () => {
    const shared = prefix()
    const [a, b] = [createPresence({ redis, prefix: shared }), createPresence({ redis, prefix: shared })]
    expect(await a.connect('u1')).toBe(true)
    expect(await b.connect('u1')).toBe(false)
    expect(await a.disconnect('u1')).toBe(false)
    expect(await b.onlineAmong(['u1'])).toEqual(new Set(['u1']))
    expect(await b.disconnect('u1')).toBe(true)
    expect(await a.onlineAmong(['u1'])).toEqual(new Set())
  })

  it('takes a crashed gateway’s users offline once its lease ends, and says who went', async () => {
    const shared = prefix()
    const crashed = createPresence({ redis, prefix: shared, leaseMs: 300 })
    const alive = createPresence({ redis, prefix: shared, leaseMs: 300 })
    await crashed.connect('left-behind')
    await crashed.connect('on-both')
    await alive.connect('on-both')
    expect(await alive.reap()).toEqual([]) // lease still running
    expect(await alive.onlineAmong(['left-behind', 'on-both'])).toEqual(new Set(['left-behind', 'on-both']))
    // The crashed gateway never beats again; the live one does.
    await sleep(200)
    await alive.heartbeat()
    await sleep(200)
    await alive.heartbeat()
    expect(await alive.onlineAmong(['left-behind', 'on-both'])).toEqual(new Set(['on-both']))
    expect(await alive.reap()).toEqual(['left-behind'])
    expect(await alive.reap()).toEqual([])
  })

  it('writes its counts back when it was reaped while alive (heartbeats lost in an outage)', async () => {
    const shared = prefix()
    const slow = createPresence({ redis, prefix: shared, leaseMs: 200 })
    const other = createPresence({ redis, prefix: shared, leaseMs: 200 })
    await slow.connect('u1')
    await sleep(300)
    expect(await other.reap()).toEqual(['u1'])
    await slow.heartbeat()
    expect(await other.onlineAmong(['u1'])).toEqual(new Set(['u1']))
  })

  it('gives its counts up on a clean shutdown', async () => {
    const shared = prefix()
    const [a, b] = [createPresence({ redis, prefix: shared }), createPresence({ redis, prefix: shared })]
    await a.connect('u1')
    await a.close()
    expect(await b.onlineAmong(['u1'])).toEqual(new Set())
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

describe('rate limits while Redis is unreachable', () => {
  it('keep limiting in this process, at once, instead of failing or waiting for Redis', async () => {
    const down = openRedis('redis://127.0.0.1:1') // nothing listens there
    try {
      const limiter = createRateLimiter({ name: 'send', budgets: [{ points: 2, durationSeconds: 10 }], redis: down, prefix: prefix(), message: 'Too quick.' })
      await limiter.consume('u')
      await limiter.consume('u')
      await expect(limiter.consume('u')).rejects.toMatchObject({ code: 'RATE_LIMITED' })
    } finally {
      down.disconnect()
    }
  })
})
