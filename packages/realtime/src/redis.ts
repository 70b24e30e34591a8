import { Redis } from 'ioredis'

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
  const client = new Redis(url, REDIS_OPTIONS)
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
    let cursor = '0'
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500)
      cursor = next
      if (keys.length > 0) deleted += await client.del(...keys)
    } while (cursor !== '0')
  } finally {
    client.disconnect()
  }
  return deleted
}
