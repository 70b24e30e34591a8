// One pub/sub interface, two transports: in-memory for a single process (the embedded
// default) and Redis for several gateway processes. Redis pub/sub delivers at most once;
// the database stays the source of truth and subscribers resume from it by sequence, so a
// dropped event costs latency, never data.
import { createPubSub as createYogaPubSub } from '@graphql-yoga/subscription'
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target'
import { Redis } from 'ioredis'

/** Topic name → payload type. Payloads must survive JSON (they cross Redis). */
export type TopicMap = Record<string, unknown>

export type PubSub<T extends TopicMap> = {
  readonly transport: 'memory' | 'redis'
  publish<K extends keyof T & string>(topic: K, payload: T[K]): void
  subscribe<K extends keyof T & string>(topic: K): AsyncIterableIterator<T[K]>
  /** Round trip to the transport, for readiness checks. */
  ping(): Promise<void>
  /**
   * Resolves once subscriptions started before the call are registered with the transport
   * (Redis answers a PING on the subscriber connection only after the SUBSCRIBEs queued before it).
   */
  settled(): Promise<void>
  close(): Promise<void>
}

export type PubSubOptions = {
  /** redis://… to share events between processes; unset for in-memory. */
  redisUrl?: string | undefined
  /** Prepended to every channel, so tests and deployments sharing a Redis stay apart. */
  prefix?: string
  /** Told about Redis publish/subscribe failures (they are not thrown: see below). */
  onError?: (e: Error) => void
}

export function createPubSub<T extends TopicMap>(opts: PubSubOptions = {}): PubSub<T> {
  const prefix = opts.prefix ?? 'rapport:'
  if (!opts.redisUrl) {
    const inner = createYogaPubSub()
    return {
      transport: 'memory',
      publish: (topic, payload) => inner.publish(prefix + topic, payload),
      subscribe: (topic) => inner.subscribe(prefix + topic) as AsyncIterableIterator<never>,
      ping: async () => {},
      settled: async () => {},
      close: async () => {},
    }
  }
  // A subscribed ioredis connection can do nothing else: publishing needs its own.
  const options = { lazyConnect: false, maxRetriesPerRequest: 3, enableAutoPipelining: true }
  const publishClient = new Redis(opts.redisUrl, options)
  const subscribeClient = new Redis(opts.redisUrl, options)
  for (const client of [publishClient, subscribeClient]) client.on('error', () => {}) // ioredis reconnects by itself
  // The Redis event target publishes, subscribes and unsubscribes without awaiting. A
  // failure there (Redis down, or the connection closed at shutdown) must not become an
  // unhandled rejection: pub/sub is at-most-once by design and subscribers resume from the
  // database, so it is reported, not thrown.
  const report = opts.onError ?? (() => {})
  const guard = (client: Redis, method: 'publish' | 'subscribe' | 'unsubscribe') => {
    const original = (client[method] as (...args: unknown[]) => Promise<unknown>).bind(client)
    ;(client as unknown as Record<string, unknown>)[method] = (...args: unknown[]) =>
      original(...args).catch((e: unknown) => {
        if (!closing) report(e as Error)
      })
  }
  let closing = false
  guard(publishClient, 'publish')
  guard(subscribeClient, 'subscribe')
  guard(subscribeClient, 'unsubscribe')
  const inner = createYogaPubSub({ eventTarget: createRedisEventTarget({ publishClient, subscribeClient }) })
  return {
    transport: 'redis',
    publish: (topic, payload) => inner.publish(prefix + topic, payload),
    subscribe: (topic) => inner.subscribe(prefix + topic) as AsyncIterableIterator<never>,
    async ping() {
      await publishClient.ping()
    },
    async settled() {
      // Let the iterator start and queue its SUBSCRIBE before the PING.
      await new Promise((r) => setImmediate(r))
      await subscribeClient.ping()
    },
    async close() {
      closing = true
      await Promise.all([publishClient.quit(), subscribeClient.quit()])
    },
  }
}
