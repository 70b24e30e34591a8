// Outages: a failure of PostgreSQL or Redis (unreachable, restarting, a statement or pool
// timeout) is not a bug and not the client's fault. Clients get SERVICE_UNAVAILABLE with a
// time to wait (HTTP 503 with Retry-After; on a WebSocket the socket closes with 1013, which
// graphql-ws clients retry), never the driver's text.
//
// The drivers report these in different shapes — node-postgres and ioredis errors, Prisma's
// wrapping of the driver adapter's error — so the check walks an error's causes and looks at
// codes, not at the class of a library the gateway does not otherwise import.

export type Outage = { service: 'database' | 'redis'; retryAfterSeconds: number }

/** How long clients are asked to wait before trying again: services restart in seconds. */
export const OUTAGE_RETRY_AFTER_SECONDS = 2

/** The WebSocket close code for "try again later" (RFC 6455), which graphql-ws clients retry. */
export const TRY_AGAIN_LATER = 1013

// Socket-level failures, on either service.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED'])
// PostgreSQL SQLSTATEs that say "not now" rather than "never": connection exceptions (class 08),
// shutting down / starting up, too many connections, statement and lock timeouts.
const PG_TRANSIENT = /^(08...|57P0[123]|53300|57014|55P03)$/
// Prisma's own codes for the same: cannot reach, timed out, server closed the connection,
// pool timeout, too many connections.
const PRISMA_TRANSIENT = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2037'])
// The driver adapter's kinds (@prisma/driver-adapter-utils).
const ADAPTER_TRANSIENT = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections'])
// node-postgres and ioredis say some of it only in words.
const PG_MESSAGES = /timeout exceeded when trying to connect|Connection terminated|Query read timeout|Client has encountered a connection error|Connection terminated unexpectedly|canceling statement due to (statement|lock) timeout/i
const REDIS_MESSAGES = /Connection is closed|Reached the max retries per request limit|Stream isn't writeable|Command timed out|Redis is unavailable/i

type Loose = { name?: unknown; code?: unknown; kind?: unknown; originalCode?: unknown; message?: unknown; cause?: unknown; originalError?: unknown; meta?: unknown; errors?: unknown }

/** The outage behind `error`, if it is one (null for anything else). */
export function outageOf(error: unknown): Outage | null {
  const seen = new Set<unknown>()
  const queue: unknown[] = [error]
  while (queue.length) {
    const e = queue.shift() as Loose | null | undefined
    if (!e || typeof e !== 'object' || seen.has(e)) continue
    seen.add(e)
    const service = serviceOf(e)
    if (service) return { service, retryAfterSeconds: OUTAGE_RETRY_AFTER_SECONDS }
    const meta = e.meta as { driverAdapterError?: unknown } | undefined
    queue.push(e.cause, e.originalError, meta?.driverAdapterError)
    if (Array.isArray(e.errors)) queue.push(...(e.errors as unknown[])) // AggregateError (both addresses refused)
  }
  return null
}

function serviceOf(e: Loose): Outage['service'] | null {
  const name = typeof e.name === 'string' ? e.name : ''
  const message = typeof e.message === 'string' ? e.message : ''
  if (name === 'MaxRetriesPerRequestError' || name === 'RedisUnavailableError' || REDIS_MESSAGES.test(message)) return 'redis'
  if (name === 'DatabaseUnavailableError') return 'database'
  const code = typeof e.code === 'string' ? e.code : typeof e.originalCode === 'string' ? e.originalCode : ''
  if (PRISMA_TRANSIENT.has(code) || PG_TRANSIENT.test(code)) return 'database'
  if (typeof e.kind === 'string' && ADAPTER_TRANSIENT.has(e.kind)) return 'database'
  if (PG_MESSAGES.test(message)) return 'database'
  // A bare socket error: Redis errors carry their own names and messages above, so this is
  // the database's driver (node-postgres passes socket errors through).
  if (NETWORK_CODES.has(code)) return 'database'
  return null
}

/** What a client is told during an outage: no driver text, a time to wait. */
export function outageMessage(o: Outage): string {
  return `The service is briefly unavailable (${o.service === 'database' ? 'database' : 'messaging backbone'}). Try again in ${o.retryAfterSeconds} s.`
}
