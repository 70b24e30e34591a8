// One context for HTTP and WebSocket operations. Resolvers get their dependencies from here
// and pass them to domain functions; nothing reaches for a singleton.
import { randomUUID } from 'node:crypto'
import type { Viewer } from '@rapport/core'
import type { Db } from '@rapport/db'
import { createSessionCache, resolveSession, type SessionCache } from '@rapport/identity'
import { isApiKeyToken, resolveApiKey } from '@rapport/partners'
import type { Logger } from './logger.ts'
import type { Services } from './shared-services.ts'

export type { Services } from './shared-services.ts'

/** Per operation: the shared services, plus who is asking and over what. */
export type Context = Omit<Services, 'db' | 'logger' | 'sessions'> & {
  db: Db['prisma']
  /** Hand-written SQL without the Prisma client, for hot paths (the message send). */
  sql: Db['sql']
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
  /**
   * The services alone, shared by every context of this gateway: what a long-lived
   * subscription should hold instead of its context (see createContext).
   */
  services: SharedServices
}

/** The per-gateway part of every context. */
export type SharedServices = Omit<Context, 'requestId' | 'transport' | 'viewer' | 'token' | 'ip' | 'userAgent' | 'fanoutScope' | 'services'>

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

// Contexts are small: the services live once per gateway in a shared object that every
// context inherits from (its prototype), and a context holds only what is its own. Thousands of
// open subscriptions each keep one, so a copy of a dozen services in each was most of its size.
type OwnFields = Pick<Context, 'requestId' | 'transport' | 'viewer' | 'token' | 'ip' | 'userAgent'> & { fanoutScope?: string }
type Internals = { baseLogger: Logger; childLogger?: Logger }

const contextPrototype = {
  // A child logger is made on first use: most operations never log. Own properties only: the
  // shared services object answers with the base logger (and must never keep a child, which
  // every context would then inherit).
  get logger(): Logger {
    const self = this as unknown as OwnFields & Internals
    if (!Object.hasOwn(self, 'requestId')) return self.baseLogger
    if (!Object.hasOwn(self, 'childLogger'))
      self.childLogger = self.baseLogger.child({ requestId: self.requestId, ...(self.viewer ? { userId: self.viewer.userId } : {}) })
    return self.childLogger!
  },
}

const sharedServices = new WeakMap<Services, SharedServices>()
function sharedFor(services: Services): SharedServices {
  let shared = sharedServices.get(services)
  if (!shared) {
    const { db, logger, sessions, ...rest } = services
    const base = Object.assign(Object.create(contextPrototype) as SharedServices & Internals & { services: SharedServices }, rest, {
      db: db.prisma,
      sql: db.sql,
      sessions: sessions ?? sessionCacheFor(db),
      baseLogger: logger,
    })
    base.services = base
    sharedServices.set(services, (shared = base))
  }
  return shared
}

/**
 * The session is resolved on every operation: a session revoked through this process stops
 * working at once, one revoked elsewhere within SESSION_CACHE_TTL_MS (the cache's lifetime).
 */
export async function createContext(services: Services, req: RequestInfo): Promise<Context> {
  const shared = sharedFor(services)
  // A partner's key or a person's session; both kept in the same cache, so the same evictions
  // (sign-out, revocation, team changes) reach both on every gateway.
  const viewer = isApiKeyToken(req.token)
    ? await resolveApiKey({ db: shared.db, clock: shared.clock, cache: shared.sessions }, req.token, req.ip)
    : await resolveSession({ db: shared.db, clock: shared.clock, sessions: shared.sessions }, req.token)
  const ctx = Object.create(shared) as Context & OwnFields
  // Assigned in one order, so every context has the same shape.
  ctx.requestId = req.requestId ?? randomUUID()
  ctx.transport = req.transport
  ctx.viewer = viewer
  ctx.token = req.token
  ctx.ip = req.ip
  ctx.userAgent = req.userAgent ?? null
  return ctx
}

/**
 * A context for one execution that reads through to `ctx`. Caches keyed by the context object
 * (Pothos's per-request auth and loader caches) then live as long as that execution, not as
 * long as the subscription that started it: each event is read fresh, as a new request would.
 */
export function executionContext(ctx: Context): Context {
  // A sibling (same prototype, own fields copied), not a child of ctx: an object used as a
  // prototype gets a hidden class of its own in V8, which every subscription would then keep.
  return Object.assign(Object.create(Object.getPrototypeOf(ctx) as object) as Context, ctx)
}

export const SESSION_COOKIE = 'rapport_session'

/** `Authorization: Bearer <token>` for API clients, the session cookie for browsers. */
export function tokenFromHeaders(headers: { authorization?: string | undefined; cookie?: string | undefined }, parseCookie: (s: string) => Record<string, string | undefined>): string | null {
  const auth = headers.authorization
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim() || null
  if (headers.cookie) return parseCookie(headers.cookie)[SESSION_COOKIE] ?? null
  return null
}
