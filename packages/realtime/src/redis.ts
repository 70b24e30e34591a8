import { Redis } from 'ioredis'

/** A Redis connection with Rapport's settings; ioredis reconnects by itself. */
export function openRedis(url: string): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 3, enableAutoPipelining: true })
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
