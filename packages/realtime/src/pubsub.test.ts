import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { describe, expect, it } from 'vitest'
import { createPubSub, type PubSub } from './pubsub.ts'

type Topics = { [k: `greeting:${string}`]: { text: string; at: string } }

const transports = process.env.REDIS_URL ? (['memory', 'redis'] as const) : (['memory'] as const)

async function next<T>(it: AsyncIterator<T>, ms = 5000): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no event within ${ms} ms`)), ms)
  })
  try {
    const r = await Promise.race([it.next(), timeout])
    if (r.done) throw new Error('iterator ended')
    return r.value
  } finally {
    clearTimeout(timer)
  }
}

// A subscription is registered asynchronously (a Redis SUBSCRIBE round trip): publish until
// the first event arrives, then measure exactly from there.
async function whenSubscribed<T>(ps: PubSub<Topics>, topic: `greeting:${string}`, it: AsyncIterator<T>) {
  const first = it.next()
  for (let i = 0; i < 50; i++) {
    ps.publish(topic, { text: 'ready?', at: new Date(0).toISOString() })
    const r = await Promise.race([first, new Promise((r) => setTimeout(r, 100, null))])
    if (r) return
  }
  throw new Error('subscription never became active')
}

/** Subscriptions to greeting:a and greeting:b; `live()` resolves once both receive (after some "ready?" events). */
function subscribeToAandB(ps: PubSub<Topics>) {
  const a = ps.subscribe('greeting:a')
  const b = ps.subscribe('greeting:b')
  const live = async () => {
    await whenSubscribed(ps, 'greeting:a', a)
    await whenSubscribed(ps, 'greeting:b', b)
  }
  return { a, b, live }
}

describe.each(transports)('%s pub/sub', (transport) => {
  const make = () =>
    createPubSub<Topics>({
      redisUrl: transport === 'redis' ? process.env.REDIS_URL : undefined,
      prefix: `rapport-test-${randomBytes(4).toString('hex')}:`,
    })

  it('delivers a published payload to a subscriber of the topic, in order', async () => {
    const ps = make()
    const it = ps.subscribe('greeting:a')
    try {
      await whenSubscribed(ps, 'greeting:a', it)
      ps.publish('greeting:a', { text: 'one', at: '2026-01-01T00:00:00.000Z' })
      ps.publish('greeting:a', { text: 'two', at: '2026-01-01T00:00:01.000Z' })
      const got: string[] = []
      for (;;) {
        const e = await next(it)
        if (e.text !== 'ready?') got.push(e.text)
        if (got.length === 2) break
      }
      expect(got).toEqual(['one', 'two'])
    } finally {
      await it.return?.()
      await ps.close()
    }
  })

  it('does not deliver another topic’s events', async () => {
    const ps = make()
    const { a, b, live } = subscribeToAandB(ps)
    try {
      await live()
      ps.publish('greeting:b', { text: 'for b', at: '' })
      ps.publish('greeting:a', { text: 'for a', at: '' })
      let e = await next(a)
      while (e.text === 'ready?') e = await next(a)
      expect(e.text).toBe('for a')
    } finally {
      await a.return?.()
      await b.return?.()
      await ps.close()
    }
  })

  it('publishes several messages at once, each to its own topic, in order', async () => {
    const ps = make()
    const { a, b, live } = subscribeToAandB(ps)
    try {
      await live()
      const shared = { text: 'to both', at: '2026-11-25T10:00:00.000Z' }
      ps.publishMany([
        ['greeting:a', { text: 'a1', at: '' }],
        ['greeting:b', shared],
        ['greeting:a', shared],
        ['greeting:a', { text: 'a3', at: '' }],
      ])
      const drain = async (it: AsyncIterator<{ text: string; at: string }>, n: number) => {
        const out: { text: string; at: string }[] = []
        while (out.length < n) {
          const e = await next(it)
          if (e.text !== 'ready?') out.push(e)
        }
        return out
      }
      expect(await drain(a, 3)).toEqual([{ text: 'a1', at: '' }, shared, { text: 'a3', at: '' }])
      expect(await drain(b, 1)).toEqual([shared])
      // Nothing else arrives: b saw only its own message.
      ps.publish('greeting:b', { text: 'last', at: '' })
      expect((await drain(b, 1))[0]!.text).toBe('last')
    } finally {
      await a.return?.()
      await b.return?.()
      await ps.close()
    }
  })

  it('answers a readiness ping', async () => {
    const ps = make()
    await expect(ps.ping()).resolves.toBeUndefined()
    await ps.close()
  })
})

describe.runIf(process.env.REDIS_URL)('redis pub/sub across processes', () => {
  it('delivers an event published by one instance to a subscriber of another', async () => {
    const prefix = `rapport-test-${randomBytes(4).toString('hex')}:`
    const sender = createPubSub<Topics>({ redisUrl: process.env.REDIS_URL, prefix })
    const receiver = createPubSub<Topics>({ redisUrl: process.env.REDIS_URL, prefix })
    const it = receiver.subscribe('greeting:x')
    try {
      await whenSubscribed(sender, 'greeting:x', it)
      sender.publish('greeting:x', { text: 'across', at: '' })
      let e = await next(it)
      while (e.text === 'ready?') e = await next(it)
      expect(e).toEqual({ text: 'across', at: '' })
    } finally {
      await it.return?.()
      await Promise.all([sender.close(), receiver.close()])
    }
  })
})

describe.runIf(process.env.REDIS_URL)('redis pub/sub after its subscription connection broke', () => {
  it('tells every resyncable subscriber and onResync hook once the subscriptions are back', async () => {
    const prefix = `rapport-test-${randomBytes(4).toString('hex')}:`
    const sender = createPubSub<Topics>({ redisUrl: process.env.REDIS_URL, prefix })
    const receiver = createPubSub<Topics>({ redisUrl: process.env.REDIS_URL, prefix })
    const admin = new Redis(process.env.REDIS_URL!)
    const got: string[] = []
    let resyncs = 0
    let hooks = 0
    // One receiver on two topics: resynced once, not once per topic.
    const feed = { resync: () => resyncs++, on: (p: { text: string }) => got.push(p.text) }
    const a = receiver.attach('greeting:a', feed.on, feed)
    const b = receiver.attach('greeting:b', feed.on, feed)
    const off = receiver.onResync(() => hooks++)
    try {
      await receiver.settled()
      sender.publish('greeting:a', { text: 'before', at: '' })
      await waitUntil(() => got.includes('before'))
      // Break only this receiver's subscription connection (other tests share the Redis).
      const list = await admin.call('CLIENT', 'LIST', 'TYPE', 'pubsub')
      const id = /id=(\d+) .*name=(\S+)/g
      const mine = [...String(list).matchAll(id)].filter((m) => m[2] === `${prefix}subscribe`).map((m) => m[1]!)
      expect(mine).toHaveLength(1)
      await admin.call('CLIENT', 'KILL', 'ID', mine[0]!)
      await waitUntil(() => resyncs === 1 && hooks === 1)
      // And it is subscribed again: what is published now arrives.
      sender.publish('greeting:b', { text: 'after', at: '' })
      await waitUntil(() => got.includes('after'))
      expect(resyncs).toBe(1)
    } finally {
      a.close()
      b.close()
      off()
      admin.disconnect()
      await Promise.all([sender.close(), receiver.close()])
    }
  })
})

async function waitUntil(ok: () => boolean, ms = 5000) {
  const deadline = Date.now() + ms
  while (!ok()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 20))
  }
}
