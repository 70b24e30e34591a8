// On a real 3-node Redis Cluster (redis-server in cluster mode on loopback ports): sharded
// pub/sub between two processes' pub/subs across every shard, presence's scripts on one slot
// (the {presence} hash tag), and the rate limits' counters. Runs where redis-server is installed.
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createPresence } from './presence.ts'
import { createPubSub } from './pubsub.ts'
import { createRateLimiter } from './rate-limit.ts'
import { clusterNodesOf, deleteKeysWithPrefix, openRedis } from './redis.ts'
import { startRedisCluster, type LocalCluster } from './testing.ts'

const hasRedisServer = (() => {
  try {
    execFileSync('redis-server', ['--version'])
    return true
  } catch {
    return false
  }
})()

type Topics = Record<string, { n: number }>

describe.runIf(hasRedisServer)('a 3-node Redis Cluster', () => {
  let cluster: LocalCluster
  const prefix = `rapport-test-${randomBytes(4).toString('hex')}:`
  beforeAll(async () => {
    cluster = await startRedisCluster()
  }, 60_000)
  afterAll(async () => {
    if (cluster) {
      await deleteKeysWithPrefix(cluster.url, prefix)
      await cluster.stop()
    }
  })

  it('is named by a redis+cluster:// URL', () => {
    expect(clusterNodesOf(cluster.url)).toEqual(cluster.ports.map((port) => ({ host: '127.0.0.1', port })))
    expect(clusterNodesOf('redis://127.0.0.1:6379')).toBeNull()
    expect(() => clusterNodesOf('redis+cluster://nope')).toThrow('not host:port')
  })

  it('delivers across two processes’ pub/subs, on channels spread over every shard (SSUBSCRIBE)', async () => {
    const a = createPubSub<Topics>({ redisUrl: cluster.url, prefix })
    const b = createPubSub<Topics>({ redisUrl: cluster.url, prefix })
    try {
      // Forty topics land in slots all over the cluster's three shards.
      const topics = Array.from({ length: 40 }, (_, i) => `conversation:${i}`)
      const got = new Map<string, number[]>()
      const offs = topics.map((t) => a.listen(t, (p) => got.set(t, [...(got.get(t) ?? []), p.n])))
      await a.settled()
      for (const t of topics) b.publish(t, { n: 1 })
      b.publishMany(topics.map((t) => [t, { n: 2 }] as const))
      await vi.waitFor(() => expect([...got.values()].flat()).toHaveLength(80), { timeout: 10_000 })
      for (const t of topics) expect(got.get(t)).toEqual([1, 2])
      // Each shard holds the subscriptions of its own channels, and every shard holds some.
      const perShard = await Promise.all(cluster.ports.map((port) => shardChannels(port, prefix)))
      for (const channels of perShard) expect(channels.length).toBeGreaterThan(0)
      expect(perShard.flat().sort()).toEqual(topics.map((t) => prefix + t).sort())
      for (const off of offs) off()
    } finally {
      await Promise.all([a.close(), b.close()])
    }
  })

  it('keeps presence across two gateways (its scripts’ keys share one slot)', async () => {
    const redis = openRedis(cluster.url)
    try {
      const one = createPresence({ redis, prefix })
      const two = createPresence({ redis, prefix })
      expect(await one.connect('maya')).toBe(true)
      expect(await two.connect('maya')).toBe(false)
      expect(await one.disconnect('maya')).toBe(false)
      expect(await two.onlineAmong(['maya', 'tiago'])).toEqual(new Set(['maya']))
      expect(await two.disconnect('maya')).toBe(true)
      expect(await one.onlineAmong(['maya'])).toEqual(new Set())
      await Promise.all([one.close(), two.close()])
    } finally {
      redis.disconnect()
    }
  })

  it('counts rate limits in the cluster', async () => {
    const redis = openRedis(cluster.url)
    try {
      const limit = createRateLimiter({ name: 'cluster-test', budgets: [{ points: 2, durationSeconds: 60 }], redis, prefix, message: 'Slow down.' })
      await limit.consume('maya')
      await limit.consume('maya')
      await expect(limit.consume('maya')).rejects.toThrow('Slow down.')
      await limit.consume('tiago')
    } finally {
      redis.disconnect()
    }
  })
})

/** The sharded channels with subscribers on one node (PUBSUB SHARDCHANNELS asks that node only). */
async function shardChannels(port: number, prefix: string): Promise<string[]> {
  const node = new Redis({ host: '127.0.0.1', port })
  try {
    return (await node.call('PUBSUB', 'SHARDCHANNELS', `${prefix}*`)) as string[]
  } finally {
    node.disconnect()
  }
}
