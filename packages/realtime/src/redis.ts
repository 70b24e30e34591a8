import { Redis } from 'ioredis'

/** A Redis connection with Rapport's settings; ioredis reconnects by itself. */
export function openRedis(url: string): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 3, enableAutoPipelining: true })
  client.on('error', () => {}) // surfaced by readiness checks and failing commands, not as crashes
  return client
}
