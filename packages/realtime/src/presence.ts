// Who is online: a connection count per user, in memory or in a Redis hash shared by every
// gateway. A user is online while any of their connections is open, on any process.
import type { Redis } from 'ioredis'

export type Presence = {
  /** Counts a new connection; true when the user just came online. */
  connect(userId: string): Promise<boolean>
  /** Counts a closed connection; true when the user just went offline. */
  disconnect(userId: string): Promise<boolean>
  onlineAmong(userIds: readonly string[]): Promise<Set<string>>
}

export function createPresence(opts: { redis?: Redis; prefix?: string } = {}): Presence {
  if (!opts.redis) {
    const counts = new Map<string, number>()
    return {
      async connect(userId) {
        const n = (counts.get(userId) ?? 0) + 1
        counts.set(userId, n)
        return n === 1
      },
      async disconnect(userId) {
        const n = (counts.get(userId) ?? 0) - 1
        if (n <= 0) counts.delete(userId)
        else counts.set(userId, n)
        return n <= 0
      },
      async onlineAmong(userIds) {
        return new Set(userIds.filter((id) => (counts.get(id) ?? 0) > 0))
      },
    }
  }
  const redis = opts.redis as Redis & { rapportPresenceLeave(key: string, userId: string): Promise<number> }
  const key = `${opts.prefix ?? 'rapport:'}presence`
  // Decrement and remove in one step: as two commands, a connect landing between them (another
  // tab, another gateway) was wiped by the HDEL, and a connected user showed as offline.
  redis.defineCommand('rapportPresenceLeave', {
    numberOfKeys: 1,
    lua: `local n = redis.call('HINCRBY', KEYS[1], ARGV[1], -1)
if n <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
return n`,
  })
  return {
    async connect(userId) {
      return (await redis.hincrby(key, userId, 1)) === 1
    },
    async disconnect(userId) {
      return (await redis.rapportPresenceLeave(key, userId)) <= 0
    },
    async onlineAmong(userIds) {
      if (!userIds.length) return new Set()
      const values = await redis.hmget(key, ...userIds)
      return new Set(userIds.filter((_, i) => Number(values[i] ?? 0) > 0))
    },
  }
}
