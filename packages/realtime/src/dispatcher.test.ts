import { randomBytes } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import { createTopicDispatcher } from './dispatcher.ts'
import { createPubSub } from './pubsub.ts'

/** An EventTarget that counts its listeners per topic, as a transport would hold them. */
function countingTarget() {
  const target = new EventTarget()
  const listeners = new Map<string, number>()
  return {
    listeners,
    publish: (topic: string, detail: unknown) => target.dispatchEvent(new CustomEvent(topic, { detail })),
    addEventListener(topic: string, fn: (e: Event) => void) {
      listeners.set(topic, (listeners.get(topic) ?? 0) + 1)
      target.addEventListener(topic, fn)
    },
    removeEventListener(topic: string, fn: (e: Event) => void) {
      listeners.set(topic, (listeners.get(topic) ?? 0) - 1)
      target.removeEventListener(topic, fn)
    },
  }
}

describe('topic dispatcher', () => {
  it('holds one transport listener per topic, however many subscribers', () => {
    const target = countingTarget()
    const d = createTopicDispatcher(target, () => {})
    const offs = Array.from({ length: 100 }, () => d.listen('a', () => {}))
    d.listen('b', () => {})
    expect(target.listeners.get('a')).toBe(1)
    expect(target.listeners.get('b')).toBe(1)
    expect(d.topicCount).toBe(2)
    expect(d.subscriberCount('a')).toBe(100)
    for (const off of offs) off()
    expect(target.listeners.get('a')).toBe(0)
    expect(d.subscriberCount('a')).toBe(0)
    expect(d.topicCount).toBe(1)
  })

  it('attach calls a shared method with its receiver as this, until close()', () => {
    const target = countingTarget()
    const d = createTopicDispatcher(target, () => {})
    class Feed {
      seen: unknown[] = []
      constructor(readonly name: string) {}
      receive(this: Feed, payload: unknown) {
        this.seen.push(`${this.name}:${String(payload)}`)
      }
    }
    const one = new Feed('one')
    const two = new Feed('two')
    const a = d.attach('t', Feed.prototype.receive, one)
    const b = d.attach('t', Feed.prototype.receive, two)
    target.publish('t', 1)
    a.close()
    a.close() // idempotent
    target.publish('t', 2)
    expect(one.seen).toEqual(['one:1'])
    expect(two.seen).toEqual(['two:1', 'two:2'])
    expect(d.subscriberCount('t')).toBe(1)
    b.close()
    expect(d.topicCount).toBe(0)
    expect(target.listeners.get('t')).toBe(0)
  })

  it('releases the topic listener when the last subscriber leaves, and takes it again for a new one', () => {
    const target = countingTarget()
    const d = createTopicDispatcher(target, () => {})
    const got: unknown[] = []
    const off = d.listen('t', (p) => got.push(p))
    off()
    off() // twice is harmless
    expect(target.listeners.get('t')).toBe(0)
    target.publish('t', 'lost')
    const off2 = d.listen('t', (p) => got.push(p))
    target.publish('t', 'kept')
    expect(got).toEqual(['kept'])
    expect(target.listeners.get('t')).toBe(1)
    off2()
  })

  it('gives every subscriber the same payload object, in subscription order', () => {
    const target = countingTarget()
    const d = createTopicDispatcher(target, () => {})
    const seen: [number, unknown][] = []
    d.listen('t', (p) => seen.push([1, p]))
    d.listen('t', (p) => seen.push([2, p]))
    const fn = (p: unknown) => seen.push([3, p])
    d.listen('t', fn)
    d.listen('t', fn) // the same function twice is two subscriptions
    const payload = { n: 1 }
    target.publish('t', payload)
    expect(seen.map(([i]) => i)).toEqual([1, 2, 3, 3])
    expect(seen.every(([, p]) => p === payload)).toBe(true)
  })

  it('isolates a failing subscriber: the others still get the event, the error is reported', () => {
    const target = countingTarget()
    const onError = vi.fn()
    const d = createTopicDispatcher(target, onError)
    const got: unknown[] = []
    d.listen('t', () => {
      throw new Error('boom')
    })
    d.listen('t', (p) => got.push(p))
    target.publish('t', 1)
    target.publish('t', 2)
    expect(got).toEqual([1, 2])
    expect(onError).toHaveBeenCalledTimes(2)
    expect(onError.mock.calls[0]![0]).toBeInstanceOf(Error)
  })

  it('lets a subscriber unsubscribe while the event is being dispatched', () => {
    const target = countingTarget()
    const d = createTopicDispatcher(target, () => {})
    const got: string[] = []
    const off = d.listen('t', () => {
      got.push('once')
      off()
    })
    d.listen('t', () => got.push('always'))
    target.publish('t', null)
    target.publish('t', null)
    expect(got).toEqual(['once', 'always', 'always'])
  })
})

const transports = process.env.REDIS_URL ? (['memory', 'redis'] as const) : (['memory'] as const)

describe.each(transports)('%s pub/sub listen()', (transport) => {
  it('delivers through one dispatcher listener per topic and releases it', async () => {
    const ps = createPubSub<Record<string, { n: number }>>({
      redisUrl: transport === 'redis' ? process.env.REDIS_URL : undefined,
      prefix: `rapport-test-${randomBytes(4).toString('hex')}:`,
    })
    try {
      const got: [string, number][] = []
      const offs = ['x', 'y', 'z'].map((who) => ps.listen('room', (p) => got.push([who, p.n])))
      await ps.settled()
      expect(ps.dispatcher.topicCount).toBe(1)
      expect(ps.dispatcher.subscriberCount('rapport-test-unused')).toBe(0)
      ps.publish('room', { n: 1 })
      for (let i = 0; i < 100 && got.length < 3; i++) await new Promise((r) => setTimeout(r, 20))
      expect(got).toEqual([['x', 1], ['y', 1], ['z', 1]])
      for (const off of offs) off()
      expect(ps.dispatcher.topicCount).toBe(0)
    } finally {
      await ps.close()
    }
  })

  it('unsubscribes an iterator returned before it was read', async () => {
    const ps = createPubSub<Record<string, { n: number }>>({
      redisUrl: transport === 'redis' ? process.env.REDIS_URL : undefined,
      prefix: `rapport-test-${randomBytes(4).toString('hex')}:`,
    })
    try {
      const it = ps.subscribe('room')
      expect(ps.dispatcher.topicCount).toBe(1)
      await it.return?.()
      expect(ps.dispatcher.topicCount).toBe(0)
    } finally {
      await ps.close()
    }
  })
})
