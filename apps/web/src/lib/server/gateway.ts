import type { RequestEvent } from '@sveltejs/kit'
import { getRequestEvent } from '$app/server'
import { gatewayUrl, webProxySecret } from './env'

export const GATEWAY_TIMEOUT_MS = 10_000

export type GatewayErrorKind =
  /** The gateway could not be reached, timed out or answered with something that isn't GraphQL. */
  | 'network'
  /** The gateway answered, but with GraphQL `errors`. */
  | 'graphql'

export interface GraphQLErrorEntry {
  message: string
  path?: ReadonlyArray<string | number>
  extensions?: { code?: string; [key: string]: unknown }
}

export class GatewayError extends Error {
  override name = 'GatewayError'
  readonly kind: GatewayErrorKind
  /** `extensions.code` of the first GraphQL error (e.g. `NOT_FOUND`, `UNAUTHENTICATED`), if any. */
  readonly code: string | undefined
  /** HTTP status of the gateway's answer, when there was one. */
  readonly status: number | undefined
  readonly errors: readonly GraphQLErrorEntry[]
  /** The gateway's own Server-Timing total, when it answered. */
  readonly gatewayMs: number | null

  constructor(
    message: string,
    options: {
      kind: GatewayErrorKind
      code?: string
      status?: number
      errors?: readonly GraphQLErrorEntry[]
      cause?: unknown
      gatewayMs?: number | null
    },
  ) {
    super(message, { cause: options.cause })
    this.kind = options.kind
    this.code = options.code
    this.status = options.status
    this.errors = options.errors ?? []
    this.gatewayMs = options.gatewayMs ?? null
  }

  /** One log line: kind, code or status, message and the underlying cause (e.g. ECONNREFUSED). */
  toLogString(): string {
    const parts = [
      `GatewayError(${this.kind}${this.code ? ` ${this.code}` : ''}${this.status ? ` HTTP ${this.status}` : ''})`,
    ]
    parts.push(this.message)
    const cause = this.cause as (Error & { cause?: { code?: string; message?: string } }) | undefined
    if (cause) parts.push(`cause: ${cause.cause?.code ?? cause.cause?.message ?? cause.message ?? String(cause)}`)
    return parts.join(' — ')
  }
}

interface GraphQLResponse<T> {
  data?: T | null
  errors?: GraphQLErrorEntry[]
}

export interface GqlOptions {
  /** Defaults to the current request's `event.fetch`, or the global fetch outside a request. */
  fetch?: typeof globalThis.fetch
  /** Overrides the configured GATEWAY_URL (tests). */
  url?: string | URL
  timeoutMs?: number
  /**
   * The session token to send as `Authorization: Bearer`. Defaults to the current request's
   * `locals.token` (the verified session), so load functions and actions act as the viewer
   * without passing it around; `null` sends the operation signed out.
   */
  token?: string | null
}

/** The request being handled, when gql() runs inside one (hooks, load, actions). */
function currentEvent(): RequestEvent | null {
  try {
    return getRequestEvent()
  } catch {
    return null
  }
}

/** "Q", from `query Q(…) {` — for logs and staff statistics. */
export function operationName(query: string): string {
  return /\b(?:query|mutation|subscription)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(query)?.[1] ?? 'anonymous'
}

/** The `total` duration from a Server-Timing header ("parse;dur=0.3, total;dur=12.5" → 12.5). */
export function serverTimingTotal(header: string | null): number | null {
  if (!header) return null
  for (const metric of header.split(',')) {
    const [name, ...params] = metric.trim().split(';')
    if (name?.trim() !== 'total') continue
    for (const param of params) {
      const [key, value] = param.trim().split('=')
      if (key === 'dur' && value !== undefined && Number.isFinite(Number(value))) return Number(value)
    }
  }
  return null
}

function clientAddress(event: RequestEvent): string | null {
  try {
    return event.getClientAddress()
  } catch {
    return null
  }
}

function isTimeout(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'TimeoutError'
}

/**
 * Server-only: POSTs a GraphQL operation to the gateway and returns `data`, or throws `GatewayError`.
 * Inside a request it acts as the signed-in viewer and records the call for staff statistics.
 */
export async function gql<T, V extends Record<string, unknown> = Record<string, unknown>>(
  query: string,
  variables: V,
  options: GqlOptions = {},
): Promise<T> {
  const event = currentEvent()
  const started = performance.now()
  const call = { operation: operationName(query), ms: 0, gatewayMs: null as number | null, ok: false }
  try {
    const { data, response } = await send<T>(query, variables, options, event)
    call.ok = true
    call.gatewayMs = serverTimingTotal(response.headers.get('server-timing'))
    return data
  } catch (error) {
    if (error instanceof GatewayError) call.gatewayMs = error.gatewayMs
    throw error
  } finally {
    call.ms = Math.round((performance.now() - started) * 10) / 10
    event?.locals.gatewayCalls?.push(call)
  }
}

async function send<T>(
  query: string,
  variables: Record<string, unknown>,
  options: GqlOptions,
  event: RequestEvent | null,
): Promise<{ data: T; response: Response }> {
  const url = options.url ?? gatewayUrl()
  const fetch = options.fetch ?? event?.fetch ?? globalThis.fetch
  const token = options.token !== undefined ? options.token : (event?.locals.token ?? null)
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
  }
  if (token) headers.authorization = `Bearer ${token}`
  if (event?.locals.requestId) headers['x-request-id'] = event.locals.requestId
  // The gateway limits sign-in attempts per client address. With the shared WEB_PROXY_SECRET it
  // takes the visitor's address from us; without it every visitor looks like this web server.
  const address = event ? clientAddress(event) : null
  const secret = webProxySecret()
  if (address && secret) {
    headers['x-rapport-client-ip'] = address
    headers['x-rapport-proxy-secret'] = secret
  }

  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
      // event.fetch would otherwise pass the browser's cookies on to a gateway on the same host;
      // the session travels explicitly, as the Authorization header above.
      credentials: 'omit',
      signal: AbortSignal.timeout(options.timeoutMs ?? GATEWAY_TIMEOUT_MS),
    })
  } catch (cause) {
    throw new GatewayError(
      isTimeout(cause) ? `Gateway timed out at ${String(url)}` : `Gateway unreachable at ${String(url)}`,
      {
        kind: 'network',
        cause,
      },
    )
  }

  let body: GraphQLResponse<T>
  try {
    body = (await response.json()) as GraphQLResponse<T>
  } catch (cause) {
    if (isTimeout(cause)) throw new GatewayError(`Gateway timed out at ${String(url)}`, { kind: 'network', cause })
    throw new GatewayError(`Gateway answered HTTP ${response.status} without a GraphQL body`, {
      kind: 'network',
      status: response.status,
      cause,
    })
  }

  const gatewayMs = serverTimingTotal(response.headers.get('server-timing'))
  if (body.errors && body.errors.length > 0) {
    const first = body.errors[0]
    throw new GatewayError(first?.message ?? 'GraphQL error', {
      kind: 'graphql',
      code: first?.extensions?.code,
      status: response.status,
      errors: body.errors,
      gatewayMs,
    })
  }
  if (!response.ok || body.data == null) {
    throw new GatewayError(`Gateway answered HTTP ${response.status} without data`, {
      kind: 'network',
      status: response.status,
      gatewayMs,
    })
  }
  return { data: body.data, response }
}

/** The gateway's own origin (for its REST routes beside /graphql, like /attachments). */
function gatewayOrigin(options: GqlOptions): string {
  return new URL(options.url ?? gatewayUrl()).origin
}

export type UploadedAttachment = {
  id: string
  fileName: string
  contentType: string
  byteSize: number
}

/**
 * Server-only: hands a file to the gateway (POST /attachments) as the viewer and returns its
 * id for sendMessage. Refusals (type, size) come back as `{ error }` with the gateway's words.
 */
export async function uploadAttachment(
  file: File,
  options: GqlOptions = {},
): Promise<{ attachment: UploadedAttachment } | { error: string; status: number }> {
  const event = currentEvent()
  const token = options.token !== undefined ? options.token : (event?.locals.token ?? null)
  const started = performance.now()
  const call = { operation: 'POST /attachments', ms: 0, gatewayMs: null as number | null, ok: false }
  try {
    const url = new URL('/attachments', gatewayOrigin(options))
    url.searchParams.set('name', file.name || 'file')
    let response: Response
    try {
      response = await (options.fetch ?? globalThis.fetch)(url, {
        method: 'POST',
        headers: {
          // The gateway detects the real type from the bytes; this only has to be a non-form type.
          'content-type': 'application/octet-stream',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(event?.locals.requestId ? { 'x-request-id': event.locals.requestId } : {}),
        },
        body: Buffer.from(await file.arrayBuffer()),
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      })
    } catch (cause) {
      throw new GatewayError(`Gateway unreachable at ${url.origin}`, { kind: 'network', cause })
    }
    const body = (await response.json().catch(() => null)) as
      | (UploadedAttachment & { error?: undefined })
      | { error: { message: string } }
      | null
    if (!body)
      throw new GatewayError(`Gateway answered HTTP ${response.status} without a body`, {
        kind: 'network',
        status: response.status,
      })
    if (body.error) return { error: body.error.message, status: response.status }
    call.ok = true
    const a = body as UploadedAttachment
    return { attachment: { id: a.id, fileName: a.fileName, contentType: a.contentType, byteSize: a.byteSize } }
  } finally {
    call.ms = Math.round((performance.now() - started) * 10) / 10
    event?.locals.gatewayCalls?.push(call)
  }
}

/** Server-only: the gateway's answer for a GET of one of its REST paths, as the viewer, to stream on. */
async function fetchGatewayFile(path: string, options: GqlOptions): Promise<Response> {
  const event = currentEvent()
  const token = options.token !== undefined ? options.token : (event?.locals.token ?? null)
  const url = new URL(path, gatewayOrigin(options))
  try {
    return await (options.fetch ?? globalThis.fetch)(url, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    })
  } catch (cause) {
    throw new GatewayError(`Gateway unreachable at ${url.origin}`, { kind: 'network', cause })
  }
}

/** Server-only: the gateway's answer for GET /attachments/<id>, as the viewer, to stream on. */
export function fetchAttachment(id: string, options: GqlOptions = {}): Promise<Response> {
  return fetchGatewayFile(`/attachments/${encodeURIComponent(id)}`, options)
}

/** Server-only: the gateway's answer for GET /exports/<uuid> (the viewer's data archive, once). */
export function fetchDataExport(id: string, options: GqlOptions = {}): Promise<Response> {
  return fetchGatewayFile(`/exports/${encodeURIComponent(id)}`, options)
}
