// Who is online: a connection count per user, in memory or in Redis shared by every gateway.
// A user is online while any of their connections is open, on any live process.
//
// With Redis, each gateway keeps its own counts (a hash per gateway) under a lease it renews
// (heartbeat). A gateway that crashes cannot decrement what it counted, so its counts stop
// mattering when its lease ends, and the next gateway to reap removes them and learns which
// users went offline with it. One shared count per user, as before, stayed up for ever after
// a crash: people showed as online for good.
import { randomUUID } from 'node:crypto'
import type { Redis } from './redis.ts'

export type Presence = {
  /** Counts a new connection; true when the user just came online. */
  connect(userId: string): Promise<boolean>
  /** Counts a closed connection; true when the user just went offline. */
  disconnect(userId: string): Promise<boolean>
  onlineAmong(userIds: readonly string[]): Promise<Set<string>>
  /** Renews this process's lease; call every `leaseMs / 3` or so. */
  heartbeat(): Promise<void>
  /** Removes the counts of processes whose lease ended; answers the users now offline everywhere. */
  reap(): Promise<string[]>
  /** Gives this process's counts up (a clean shutdown); its users' sockets closed with it. */
  close(): Promise<void>
  readonly leaseMs: number
}

/** How long a gateway's counts stay valid without a heartbeat. */
export const PRESENCE_LEASE_MS = 30_000

export function createPresence(opts: { redis?: Redis; prefix?: string; leaseMs?: number } = {}): Presence {
  const leaseMs = opts.leaseMs ?? PRESENCE_LEASE_MS
  if (!opts.redis) return memoryPresence(leaseMs)
  return redisPresence(opts.redis, opts.prefix ?? 'rapport:', leaseMs)
}

function memoryPresence(leaseMs: number): Presence {
  // One process: when it dies, its counts die with it.
  const counts = new Map<string, number>()
  return {
    leaseMs,
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
    heartbeat: async () => {},
    reap: async () => [],
    close: async () => counts.clear(),
  }
}

// Lua, so each step is atomic across gateways: a connect on one gateway landing between a
// decrement and a removal on another cannot be lost. Keys: KEYS[1] the lease set (gateway id →
// lease end, ms), KEYS[2] this gateway's counts. Gateways' count hashes are named from the
// prefix (ARGV[1]) and their id, read inside the scripts: every presence key carries the hash tag
// {presence}, so on a Redis Cluster they all live in one slot, where a script may reach them.
const NOW = `local t = redis.call('TIME') local now = t[1] * 1000 + math.floor(t[2] / 1000)`
const ELSEWHERE = `local function elsewhere(user, except)
  for _, gw in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], now, '+inf')) do
    if gw ~= except and redis.call('HEXISTS', ARGV[1] .. '{presence}:gw:' .. gw, user) == 1 then return true end
  end
  return false
end`
const SCRIPTS = {
  // ARGV: prefix, gateway id, user, lease ms. Returns 1 when the user just came online.
  rapportPresenceJoin: `${NOW} ${ELSEWHERE}
local n = redis.call('HINCRBY', KEYS[2], ARGV[3], 1)
redis.call('PEXPIRE', KEYS[2], ARGV[4] * 3)
redis.call('ZADD', KEYS[1], now + ARGV[4], ARGV[2])
if n == 1 and not elsewhere(ARGV[3], ARGV[2]) then return 1 end
return 0`,
  // ARGV: prefix, gateway id, user. Returns 1 when the user just went offline.
  rapportPresenceLeave: `${NOW} ${ELSEWHERE}
local n = redis.call('HINCRBY', KEYS[2], ARGV[3], -1)
if n > 0 then return 0 end
redis.call('HDEL', KEYS[2], ARGV[3])
if elsewhere(ARGV[3], ARGV[2]) then return 0 end
return 1`,
  // ARGV: prefix, users… Returns the users online on a live gateway.
  rapportPresenceOnline: `${NOW} ${ELSEWHERE}
local online = {}
for i = 2, #ARGV do if elsewhere(ARGV[i], '') then online[#online + 1] = ARGV[i] end end
return online`,
  // ARGV: prefix. Drops gateways whose lease ended; returns their users now offline everywhere.
  rapportPresenceReap: `${NOW} ${ELSEWHERE}
local gone = {}
for _, gw in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. now)) do
  local key = ARGV[1] .. '{presence}:gw:' .. gw
  for _, user in ipairs(redis.call('HKEYS', key)) do gone[#gone + 1] = user end
  redis.call('DEL', key)
  redis.call('ZREM', KEYS[1], gw)
end
local offline = {}
for _, user in ipairs(gone) do if not elsewhere(user, '') then offline[#offline + 1] = user end end
return offline`,
} as const

type Scripted = { [K in keyof typeof SCRIPTS]: (numKeys: number, ...args: (string | number)[]) => Promise<unknown> }

function redisPresence(client: Redis, prefix: string, leaseMs: number): Presence {
  const redis = client as Redis & Scripted
  for (const [name, lua] of Object.entries(SCRIPTS)) if (!(name in redis)) redis.defineCommand(name, { lua })
  const gatewayId = randomUUID()
  const leases = `${prefix}{presence}:gateways`
  const mine = `${prefix}{presence}:gw:${gatewayId}`
  // This process's own counts, to write back if a long Redis outage let another gateway reap
  // them while this one was alive (its heartbeats could not get through).
  const local = new Map<string, number>()
  return {
    leaseMs,
    async connect(userId) {
      local.set(userId, (local.get(userId) ?? 0) + 1)
      return (await redis.rapportPresenceJoin(2, leases, mine, prefix, gatewayId, userId, leaseMs)) === 1
    },
    async disconnect(userId) {
      const n = (local.get(userId) ?? 0) - 1
      if (n <= 0) local.delete(userId)
      else local.set(userId, n)
      return (await redis.rapportPresenceLeave(2, leases, mine, prefix, gatewayId, userId)) === 1
    },
    async onlineAmong(userIds) {
      if (!userIds.length) return new Set()
      return new Set((await redis.rapportPresenceOnline(1, leases, prefix, ...userIds)) as string[])
    },
    async heartbeat() {
      const [[, time]] = (await redis.multi().time().exec()) as [[null, [string, string]]]
      const now = Number(time[0]) * 1000 + Math.floor(Number(time[1]) / 1000)
      const [[, added]] = (await redis.multi().zadd(leases, now + leaseMs, gatewayId).pexpire(mine, leaseMs * 3).exec()) as [[null, number]]
      // Not in the lease set: reaped while alive (or never connected anyone). Write the counts back.
      if (added === 1 && local.size > 0) await redis.multi().hset(mine, Object.fromEntries(local)).pexpire(mine, leaseMs * 3).exec()
    },
    async reap() {
      return [...new Set((await redis.rapportPresenceReap(1, leases, prefix)) as string[])]
    },
    async close() {
      local.clear()
      await redis.multi().del(mine).zrem(leases, gatewayId).exec()
    },
  }
}
