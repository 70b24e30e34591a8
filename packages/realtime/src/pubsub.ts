// One pub/sub interface, two transports: in-memory for a single process (the embedded
// default) and Redis for several gateway processes. Redis pub/sub delivers at most once;
// the database stays the source of truth and subscribers resume from it by sequence, so a
// dropped event costs latency, never data.
//
// Subscribers go through one dispatcher per process (dispatcher.ts): one transport listener
// (and one Redis SUBSCRIBE) per topic, a small record per subscriber.
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target'
import { Redis } from 'ioredis'
import { clusterPubSub } from './cluster-pubsub.ts'
import { createTopicDispatcher, type Listening, type TopicDispatcher } from './dispatcher.ts'
import { publishingOn, publishRetries, resyncing, subscribing } from './pubsub-parts.ts'
import { clusterNodesOf, REDIS_OPTIONS } from './redis.ts'

/** Topic name → payload type. Payloads must survive JSON (they cross Redis). */
export type TopicMap = Record<string, unknown>

export type PubSub<T extends TopicMap> = {
  readonly transport: 'memory' | 'redis'
  publish<K extends keyof T & string>(topic: K, payload: T[K]): void
  /**
   * Several publishes at once, in order (one Redis command for all of them): what one change
   * announces, e.g. a message to its conversation and to both sides' inboxes.
   */
  publishMany(messages: readonly PublishMessage<T>[]): void
  /**
   * Calls `fn` with each payload published on `topic` (the same object for every subscriber
   * in this process) until the returned function is called. Registration starts at once;
   * `settled()` says when the transport has it. The cheap way to subscribe: no buffer, no
   * iterator, one record in the topic's dispatcher.
   */
  listen<K extends keyof T & string>(topic: K, fn: (payload: T[K]) => void): () => void
  /** listen() for long-lived subscribers: `fn` is called with `receiver` as `this` (see TopicDispatcher.attach). */
  attach<K extends keyof T & string, R>(topic: K, fn: (this: R, payload: T[K]) => void, receiver: R): Listening
  /** The same as an async iterator (buffers until read); `return()` unsubscribes. */
  subscribe<K extends keyof T & string>(topic: K): AsyncIterableIterator<T[K]>
  /** Topics this process listens to on the transport, and subscribers of one (tests, metrics). */
  readonly dispatcher: Pick<TopicDispatcher, 'topicCount' | 'subscriberCount'>
  /**
   * Calls `fn` whenever events may have been lost: the subscription connection broke and is
   * back (its subscriptions registered again). attach() receivers with a `resync()` method are
   * called too (see TopicDispatcher.resync); this is for process-wide listeners (caches).
   */
  onResync(fn: () => void): () => void
  /** What the transport does after a reconnect, for tests: the same as a real one. */
  resyncNow(): void
  /** Round trip to the transport, for readiness checks. */
  ping(): Promise<void>
  /**
   * Resolves once subscriptions started before the call are registered with the transport
   * (Redis answers a PING on the subscriber connection only after the SUBSCRIBEs queued before it).
   */
  settled(): Promise<void>
  close(): Promise<void>
}

/** One message for publishMany: a topic and its payload. */
export type PublishMessage<T extends TopicMap> = { [K in keyof T & string]: readonly [topic: K, payload: T[K]] }[keyof T & string]

export type PubSubOptions = {
  /** redis://… to share events between processes; unset for in-memory. */
  redisUrl?: string | undefined
  /** Prepended to every channel, so tests and deployments sharing a Redis stay apart. */
  prefix?: string
  /** Told about Redis publish/subscribe failures (they are not thrown: see below), and about
   * a subscriber that threw (the topic's other subscribers still get the event). */
  onError?: (e: Error) => void
}

export function createPubSub<T extends TopicMap>(opts: PubSubOptions = {}): PubSub<T> {
  const prefix = opts.prefix ?? 'rapport:'
  const report = opts.onError ?? (() => {})
  if (!opts.redisUrl) {
    const target = new EventTarget()
    const dispatcher = createTopicDispatcher(target, report)
    // Delivered synchronously, as before (EventTarget); subscribers only queue the payload.
    const publish = publishingOn(target, prefix)
    return {
      transport: 'memory',
      publish,
      publishMany: (messages) => {
        for (const [topic, payload] of messages) publish(topic, payload)
      },
      ...subscribing<T>(dispatcher, prefix),
      ...resyncing(dispatcher, report),
      ping: async () => {},
      settled: async () => {},
      close: async () => {},
    }
  }
  // A Redis Cluster: sharded pub/sub (SPUBLISH/SSUBSCRIBE), each channel on the shard that owns it.
  const nodes = clusterNodesOf(opts.redisUrl)
  if (nodes) return clusterPubSub<T>(nodes, prefix, report)
  // A subscribed ioredis connection can do nothing else: publishing needs its own.
  const options = { ...REDIS_OPTIONS, lazyConnect: false }
  // Named, so CLIENT LIST shows whose connections these are (and a test can break just its own).
  const publishClient = new Redis(opts.redisUrl, { ...options, connectionName: `${prefix}publish` })
  const subscribeClient = new Redis(opts.redisUrl, { ...options, connectionName: `${prefix}subscribe` })
  for (const client of [publishClient, subscribeClient]) client.on('error', () => {}) // ioredis reconnects by itself
  // The Redis event target publishes, subscribes and unsubscribes without awaiting. A
  // failure there (Redis down, or the connection closed at shutdown) must not become an
  // unhandled rejection: pub/sub is at-most-once by design and subscribers resume from the
  // database, so it is reported, not thrown.
  const guard = (client: Redis, method: 'publish' | 'subscribe' | 'unsubscribe') => {
    const original = (client[method] as (...args: unknown[]) => Promise<unknown>).bind(client)
    ;(client as unknown as Record<string, unknown>)[method] = (...args: unknown[]) =>
      original(...args).catch((e: unknown) => {
        if (!closing) report(e as Error)
      })
  }
  let closing = false
  // A publish that failed (Redis unreachable past ioredis's own retries) is tried again for a
  // while: subscribers on healthy connections would otherwise never hear of an acknowledged
  // message. Late is fine — a feed drops what it already has and fills gaps from the database.
  const retrying = publishRetries(() => closing, report)
  const originalPublish = publishClient.publish.bind(publishClient) as (channel: string, body: string) => Promise<unknown>
  ;(publishClient as unknown as { publish: unknown }).publish = (channel: string, body: string) =>
    retrying.run(() => originalPublish(channel, body))
  guard(subscribeClient, 'subscribe')
  guard(subscribeClient, 'subscribe')
  guard(subscribeClient, 'unsubscribe')
  // The event target subscribes to a channel on its first listener and parses each message
  // once; the dispatcher keeps that at one listener per topic.
  const target = createRedisEventTarget({ publishClient, subscribeClient })
  const dispatcher = createTopicDispatcher(target as unknown as EventTarget, report)
  // Redis pub/sub keeps nothing for a subscriber that is away: whatever was published while the
  // subscription connection was down is gone. ioredis reconnects and subscribes again; once
  // Redis has those subscriptions (a PING answered after them), every subscriber catches up
  // from the database. 'ready' fires before ioredis re-subscribes, hence the next turn.
  const resync = resyncing(dispatcher, report)
  let connectedBefore = false
  subscribeClient.on('ready', () => {
    if (!connectedBefore) return void (connectedBefore = true)
    setImmediate(() => {
      subscribeClient.ping().then(
        () => resync.resyncNow(),
        () => {}, // broke again: the next 'ready' resyncs
      )
    })
  })
  const publish = publishingOn(target as unknown as EventTarget, prefix)
  // Several PUBLISHes as one script call: one command to encode, send and answer instead of
  // one each (a message send announces on three channels). The bodies are what the event
  // target would send (JSON, '' for undefined), so its subscribers read them alike. With no
  // fixed key count, the script's first argument says how many channels follow.
  publishClient.defineCommand('rapportPublishMany', {
    lua: "for i = 1, #KEYS do redis.call('PUBLISH', KEYS[i], ARGV[i]) end return #KEYS",
  })
  const publishMany = (publishClient as unknown as { rapportPublishMany(...args: (string | number)[]): Promise<unknown> }).rapportPublishMany.bind(publishClient)
  return {
    transport: 'redis',
    publish,
    publishMany: (messages) => {
      if (messages.length <= 1) {
        for (const [topic, payload] of messages) publish(topic, payload)
        return
      }
      const bodies = new Map<unknown, string>() // the same payload on several topics: serialised once
      const channels: string[] = []
      const args: string[] = []
      for (const [topic, payload] of messages) {
        let body = bodies.get(payload)
        if (body === undefined) bodies.set(payload, (body = payload === undefined ? '' : JSON.stringify(payload)))
        channels.push(prefix + topic)
        args.push(body)
      }
      void retrying.run(() => publishMany(channels.length, ...channels, ...args))
    },
    ...subscribing<T>(dispatcher, prefix),
    ...resync,
    async ping() {
      await publishClient.ping()
    },
    async settled() {
      // listen() queues its SUBSCRIBE at once (an iterator from subscribe() too), and Redis
      // answers the PING only after the commands queued before it on that connection.
      await subscribeClient.ping()
    },
    async close() {
      closing = true
      await Promise.all([publishClient.quit(), subscribeClient.quit()])
    },
  }
}

