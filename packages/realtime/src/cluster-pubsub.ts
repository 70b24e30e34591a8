// Pub/sub on a Redis Cluster: sharded (SPUBLISH/SSUBSCRIBE, Redis 7), so a channel's messages
// go only to the shard that owns its slot instead of every node of the cluster — what lets
// pub/sub grow with the cluster. ioredis's Cluster with `shardedSubscribers` keeps one subscriber
// connection per primary and sends each SSUBSCRIBE to the right one; the event target is the
// same library's as for one Redis, given sharded commands in place of plain ones.
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target'
import { createTopicDispatcher } from './dispatcher.ts'
import type { PubSub, TopicMap } from './pubsub.ts'
import { publishingOn, publishRetries, resyncing, subscribing } from './pubsub-parts.ts'
import { openCluster } from './redis.ts'

export function clusterPubSub<T extends TopicMap>(nodes: { host: string; port: number }[], prefix: string, report: (e: Error) => void): PubSub<T> {
  let closing = false
  const cluster = openCluster(nodes, `${prefix}pubsub`)
  const retrying = publishRetries(() => closing, report)
  // Subscriptions are acknowledged one by one; settled() waits for those asked so far.
  const pending = new Set<Promise<unknown>>()
  const track = (p: Promise<unknown>) => {
    const guarded = p.catch((e: unknown) => void (closing || report(e as Error)))
    pending.add(guarded)
    void guarded.finally(() => pending.delete(guarded))
  }
  const target = createRedisEventTarget({
    publishClient: { publish: (channel: string, body: string) => retrying.run(() => cluster.spublish(channel, body)) } as never,
    subscribeClient: {
      on: (_event: 'message', fn: (channel: string, message: string) => void) => cluster.on('smessage', fn),
      subscribe: (channel: string) => track(cluster.ssubscribe(channel)),
      unsubscribe: (channel: string) => track(cluster.sunsubscribe(channel)),
    } as never,
  })
  const dispatcher = createTopicDispatcher(target as unknown as EventTarget, report)
  // A shard's subscriber connection came back (or moved with its slots): what was published
  // meanwhile is gone, so every subscriber catches up from the database, as with one Redis.
  const resync = resyncing(dispatcher, report)
  let subscribedOnce = false
  cluster.on('subscribersReady', () => {
    if (!subscribedOnce) return void (subscribedOnce = true)
    resync.resyncNow()
  })
  const publish = publishingOn(target as unknown as EventTarget, prefix)
  return {
    transport: 'redis',
    publish,
    // Channels of one change live on different shards: one SPUBLISH each (a script cannot span slots).
    publishMany: (messages) => {
      for (const [topic, payload] of messages) publish(topic, payload)
    },
    ...subscribing<T>(dispatcher, prefix),
    ...resync,
    async ping() {
      await cluster.ping()
    },
    async settled() {
      await Promise.all([...pending])
    },
    async close() {
      closing = true
      await cluster.quit()
    },
  }
}
