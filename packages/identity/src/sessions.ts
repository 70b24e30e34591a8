// Sessions are random opaque tokens. Only their SHA-256 is stored, so the sessions table is
// useless to whoever reads it; expiry and revocation are checked on every use.
//
// A process may keep verified sessions for a few seconds (SessionCache), because looking one up
// costs four queries on every request. What that allows, and what it does not:
//  * in the process that signs out, removes a member or adds one, the change applies to the very
//    next request: those functions evict the user's cached sessions before returning;
//  * other processes are told through pub/sub (the gateway's `sessions:changed` topic) and evict
//    at once; if that notice is lost, a revoked session, a removed membership or a disabled user
//    stays accepted for at most SESSION_CACHE_TTL_MS (5 s) after the change commits;
//  * expiry is checked on every use, cached or not.
import { createHash, randomBytes } from 'node:crypto'
import type { Clock, Viewer } from '@rapport/core'
import type { PrismaClient } from '@rapport/db'
import { LRUCache } from 'lru-cache'

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000
/** lastUsedAt is refreshed at most this often, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 5 * 60 * 1000

/** How long another process may go on accepting a session after it was revoked (see above). */
export const SESSION_CACHE_TTL_MS = 5_000

export type IssuedSession = { token: string; expiresAt: Date; sessionId: string }

type CachedSession = { viewer: Viewer; expiresAt: Date }

/** Verified sessions by token hash, for a few seconds; one per process (gateway services). */
export type SessionCache = {
  get(tokenHash: string): CachedSession | undefined
  /** `generation` is read before the database was: a lookup that raced an eviction is not kept. */
  set(tokenHash: string, entry: CachedSession, generation: number): void
  generation(): number
  /** Forgets every cached session of these users (sign-out, membership changes). */
  evictUsers(userIds: Iterable<string>): void
  evictSession(sessionId: string): void
  /** Forgets every cached session: after pub/sub lost messages, any of them may be stale. */
  evictAll(): void
}

export function createSessionCache(opts: { ttlMs?: number; max?: number } = {}): SessionCache {
  const cache = new LRUCache<string, CachedSession>({ max: opts.max ?? 10_000, ttl: opts.ttlMs ?? SESSION_CACHE_TTL_MS })
  // Bumped by every eviction. Without it, a lookup that read the session just before a sign-out
  // committed could put the revoked session back into the cache after the eviction.
  let generation = 0
  const evictWhere = (match: (e: CachedSession) => boolean) => {
    generation++
    // Sign-outs and team changes are rare; a scan of at most `max` entries is cheaper than
    // keeping secondary indexes in step with the LRU's own evictions.
    const doomed: string[] = []
    for (const [key, e] of cache.entries()) if (match(e)) doomed.push(key)
    for (const key of doomed) cache.delete(key)
  }
  return {
    get: (tokenHash) => cache.get(tokenHash),
    set(tokenHash, entry, gen) {
      if (gen === generation) cache.set(tokenHash, entry)
    },
    generation: () => generation,
    evictUsers(userIds) {
      const ids = new Set(userIds)
      evictWhere((e) => ids.has(e.viewer.userId))
    },
    evictSession(sessionId) {
      evictWhere((e) => e.viewer.sessionId === sessionId)
    },
    evictAll() {
      generation++
      cache.clear()
    },
  }
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

export async function createSession(
  deps: { db: Pick<PrismaClient, 'session'>; clock: Clock },
  userId: string,
  meta: { userAgent?: string | null; ip?: string | null } = {},
): Promise<IssuedSession> {
  const token = randomBytes(32).toString('base64url')
  const expiresAt = new Date(deps.clock.now().getTime() + SESSION_TTL_MS)
  const session = await deps.db.session.create({
    data: {
      userId,
      tokenHash: hashToken(token),
      expiresAt,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
      ip: meta.ip ?? null,
    },
  })
  return { token, expiresAt, sessionId: session.id }
}

/** The viewer behind a token, or null when the token is unknown, expired, revoked or its user disabled. */
export async function resolveSession(
  deps: { db: PrismaClient; clock: Clock; sessions?: SessionCache | undefined },
  token: string | null | undefined,
): Promise<Viewer | null> {
  if (!token || token.length > 200) return null
  const tokenHash = hashToken(token)
  const cached = deps.sessions?.get(tokenHash)
  if (cached) return cached.expiresAt > deps.clock.now() ? cached.viewer : null
  const generation = deps.sessions?.generation() ?? 0
  const session = await deps.db.session.findUnique({
    where: { tokenHash },
    include: {
      user: {
        include: {
          buyer: { select: { id: true } },
          memberships: { where: { removedAt: null }, select: { id: true, supplierId: true, role: true } },
        },
      },
    },
  })
  const now = deps.clock.now()
  if (!session || session.revokedAt || session.expiresAt <= now || session.user.disabledAt) return null
  if (now.getTime() - session.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await deps.db.session.update({ where: { id: session.id }, data: { lastUsedAt: now } })
  }
  const { user } = session
  const viewer: Viewer = {
    userId: user.id,
    sessionId: session.id,
    email: user.email,
    displayName: user.displayName,
    platformRole: user.platformRole,
    buyerId: user.buyer?.id ?? null,
    memberships: user.memberships.map((m) => ({ supplierId: m.supplierId, memberId: m.id, role: m.role })),
  }
  // Only valid sessions are kept: an unknown or revoked token is looked up again each time.
  deps.sessions?.set(tokenHash, { viewer, expiresAt: session.expiresAt }, generation)
  return viewer
}

/**
 * Which of these sessions can no longer be used (revoked, expired, unknown, or their user disabled):
 * what a process asks after it may have missed the news of a sign-out.
 */
export async function endedSessionIds(deps: { db: Pick<PrismaClient, 'session'>; clock: Clock }, sessionIds: string[]): Promise<string[]> {
  if (sessionIds.length === 0) return []
  const live = await deps.db.session.findMany({
    where: { id: { in: sessionIds }, revokedAt: null, expiresAt: { gt: deps.clock.now() }, user: { disabledAt: null } },
    select: { id: true },
  })
  const alive = new Set(live.map((s) => s.id))
  return sessionIds.filter((id) => !alive.has(id))
}

/** Ends one session (sign out). Returns false when it was already ended. */
export async function revokeSession(deps: { db: PrismaClient; clock: Clock; sessions?: SessionCache | undefined }, sessionId: string): Promise<boolean> {
  const { count } = await deps.db.session.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: deps.clock.now() },
  })
  // After the commit, so no lookup can read the session as still valid and cache it again.
  deps.sessions?.evictSession(sessionId)
  return count === 1
}
