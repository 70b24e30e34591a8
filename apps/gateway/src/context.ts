// One context for HTTP and WebSocket operations. Resolvers get their dependencies from here
// and pass them to domain functions; nothing reaches for a singleton.
import { randomUUID } from 'node:crypto'
import type { AttemptLimiter, Clock, Viewer } from '@rapport/core'
import type { Db } from '@rapport/db'
import { createSessionCache, resolveSession, type SessionCache } from '@rapport/identity'
import type { BlobStore } from '@rapport/messaging'
import type { Presence, PubSub, RateLimiter } from '@rapport/realtime'
import type { Logger } from './logger.ts'
import type { Topics } from './topics.ts'

export type Services = {
  db: Db
  pubsub: PubSub<Topics>
  logger: Logger
  clock: Clock
  /** Failed sign-ins, per account and per IP (shared through Redis when set). */
  signInLimiter: AttemptLimiter
  /** Message sends per user: burst and per-minute budgets. */
  sendLimiter: RateLimiter
  /** Typing notices: at most one per 3 s per user and conversation. */
  typingLimiter: RateLimiter
  presence: Presence
  /** Attachment bytes (local disk when embedded). */
  blobStore: BlobStore
  /**
   * Sessions verified in the last few seconds (default: one cache per database handle, see
   * sessionCacheFor). Sign-out and team changes made through this process evict them at once;
   * other processes notice within SESSION_CACHE_TTL_MS.
   */
  sessions?: SessionCache
}

/** Per operation: the shared services, plus who is asking and over what. */
export type Context = Omit<Services, 'db' | 'logger' | 'sessions'> & {
  db: Db['prisma']
  /** Passed on to identity functions (sign-out, team changes) so they evict what they change. */
  sessions: SessionCache
  logger: Logger
  requestId: string
  transport: 'http' | 'ws'
  /** Null when signed out (or the session is expired or revoked). */
  viewer: Viewer | null
  /** The session token the request carried, if any. */
  token: string | null
  ip: string
  userAgent: string | null
  /** Subscriptions: results are shared between subscribers with the same scope (see server.ts). */
  fanoutScope?: string
  /** WebSocket operations: called when the client stops the subscription or disconnects. */
  onSubscriptionEnd?: (fn: () => void) => void
}

export type RequestInfo = {
  transport: 'http' | 'ws'
  requestId?: string
  token: string | null
  ip: string
  userAgent?: string | null
}

// Keyed by the database handle rather than kept in Services: the gateway assembles its own
// Services object from its options, and every gateway of a process that shares a database must
// also share the cache, so that a sign-out through one of them evicts the session for all.
const sessionCaches = new WeakMap<Db, SessionCache>()
export function sessionCacheFor(db: Db): SessionCache {
  let cache = sessionCaches.get(db)
  if (!cache) sessionCaches.set(db, (cache = createSessionCache()))
  return cache
}

/**
 * The session is resolved on every operation: a session revoked through this process stops
 * working at once, one revoked elsewhere within SESSION_CACHE_TTL_MS (the cache's lifetime).
 */
export async function createContext(services: Services, req: RequestInfo): Promise<Context> {
  const requestId = req.requestId ?? randomUUID()
  const sessions = services.sessions ?? sessionCacheFor(services.db)
  const viewer = await resolveSession({ db: services.db.prisma, clock: services.clock, sessions }, req.token)
  let logger: Logger | undefined
  const { db, logger: baseLogger, sessions: _injected, ...shared } = services
  return {
    ...shared,
    sessions,
    // A child logger is made on first use: most operations never log, and long-lived
    // subscriptions should not each hold one.
    get logger() {
      return (logger ??= baseLogger.child({ requestId, ...(viewer ? { userId: viewer.userId } : {}) }))
    },
    db: db.prisma,
    requestId,
    transport: req.transport,
    viewer,
    token: req.token,
    ip: req.ip,
    userAgent: req.userAgent ?? null,
  }
}

export const SESSION_COOKIE = 'rapport_session'

/** `Authorization: Bearer <token>` for API clients, the session cookie for browsers. */
export function tokenFromHeaders(headers: { authorization?: string | undefined; cookie?: string | undefined }, parseCookie: (s: string) => Record<string, string | undefined>): string | null {
  const auth = headers.authorization
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim() || null
  if (headers.cookie) return parseCookie(headers.cookie)[SESSION_COOKIE] ?? null
  return null
}
