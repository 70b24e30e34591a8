import { Cluster, Redis as SingleRedis } from 'ioredis'

/** One Redis server, or a Redis Cluster (ioredis's Cluster client: commands go to the shard owning their key). */
export type Redis = SingleRedis | Cluster

/**
 * REDIS_URL for a Redis Cluster: `redis+cluster://host:port,host:port,…` (any of its nodes; the
 * client learns the rest). Keys a script touches together share a hash tag (`{presence}`), so
 * they live on one shard; pub/sub is sharded (SPUBLISH/SSUBSCRIBE).
 */
const CLUSTER_SCHEME = 'redis+cluster://'

/** The seed nodes of a cluster URL; null for a plain redis:// URL. */
export function clusterNodesOf(url: string | undefined): { host: string; port: number }[] | null {
  if (!url?.startsWith(CLUSTER_SCHEME)) return null
  const nodes = url
    .slice(CLUSTER_SCHEME.length)
    .replace(/\/.*$/, '')
    .split(',')
    .map((hostPort) => {
      const m = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(hostPort.trim())
      if (!m) throw new Error(`REDIS_URL: "${hostPort}" is not host:port in ${url}`)
      return { host: m[1]!, port: Number(m[2]) }
    })
  if (nodes.length === 0) throw new Error(`REDIS_URL: no nodes in ${url}`)
  return nodes
}

/** ioredis Cluster with Rapport's settings; `shardedSubscribers` routes each SSUBSCRIBE to its shard. */
export function openCluster(nodes: { host: string; port: number }[], connectionName?: string): Cluster {
  const cluster = new Cluster(nodes, {
    shardedSubscribers: true,
    enableOfflineQueue: true,
    redisOptions: { ...REDIS_OPTIONS, ...(connectionName ? { connectionName } : {}) },
  })
  cluster.on('error', () => {})
  return cluster
}

/**
 * ioredis options for every Rapport connection. ioredis reconnects by itself.
 *
 * No auto-pipelining: ioredis already writes each command without waiting for the previous
 * reply, so commands issued together (a send's rate-limit budgets) still share one round
 * trip. What auto-pipelining adds is a pipeline object, its promises and a deferred flush per
 * batch; in the message-send benchmark (P5) that cost the gateway about 50 µs of CPU per send
 * and saved Redis about 20 µs, with 16 concurrent senders.
 */
export const REDIS_OPTIONS = {
  maxRetriesPerRequest: 3,
  enableAutoPipelining: false,
  // Bounded waits: a command that has no answer within 2 s fails (it waits in ioredis's offline
  // queue while Redis is away), and so does a connection attempt, instead of holding a send or
  // a socket's start for as long as Redis is unreachable. What each caller does then is its
  // degraded mode (limits: per process, see limiter-store.ts; pub/sub: retried, then resynced).
  commandTimeout: 2_000,
  connectTimeout: 2_000,
} as const

/** A Redis connection with Rapport's settings. */
export function openRedis(url: string): Redis {
  const nodes = clusterNodesOf(url)
  if (nodes) return openCluster(nodes)
  const client = new SingleRedis(url, REDIS_OPTIONS)
  client.on('error', () => {}) // surfaced by readiness checks and failing commands, not as crashes
  return client
}

/**
 * Deletes every key under `prefix` (tests and benchmarks clean up their own namespace; rate
 * limits would otherwise linger until they expire). Refuses a prefix that isn't clearly a
 * private one, so it can never wipe a deployment's `rapport:` namespace by mistake.
 */
export async function deleteKeysWithPrefix(url: string, prefix: string): Promise<number> {
  if (!/^rapport-(test|bench)-[\w.-]+:$/.test(prefix)) throw new Error(`refusing to delete keys under "${prefix}"`)
  const client = openRedis(url)
  let deleted = 0
  try {
    // On a cluster, every primary holds some of the keys: each is scanned, and each key deleted
    // by itself (a DEL of several keys must stay within one slot).
    const servers = client instanceof Cluster ? client.nodes('master') : [client]
    for (const server of servers) {
      let cursor = '0'
      do {
        const [next, keys] = await server.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500)
        cursor = next
        for (const key of keys) deleted += await client.del(key)
      } while (cursor !== '0')
    }
  } finally {
    client.disconnect()
  }
  return deleted
}
