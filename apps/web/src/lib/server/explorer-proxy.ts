// The explorer's same-origin GraphQL endpoint (/developers/explorer/graphql): it hands a
// partner's request to the gateway as the API key alone. The visitor's session cookie never goes
// along, so whatever the explorer runs, it runs with the key's scopes and cost bucket, exactly
// as the partner's own code will.
import { EXPLORER_MAX_BODY_BYTES } from '$lib/developers'
import { GATEWAY_TIMEOUT_MS } from './gateway'
import { bodySizeLimit, gatewayUrl, webProxySecret } from './env'
import { readBodyUpTo } from './request-body'

/** `Authorization: Bearer rpk_…`: an API key, never a session token. */
const KEY_AUTHORIZATION = /^Bearer rpk_[0-9A-Za-z_]+$/

/** The gateway's answer headers a partner needs to see: their bucket, and when to retry. */
const PASSED_ON = /^(x-ratelimit-[a-z-]+|retry-after)$/

export type ExplorerProxyOptions = {
  /** Overrides the global fetch (tests). */
  fetch?: typeof globalThis.fetch
  /** Overrides the configured GATEWAY_URL (tests). */
  url?: string | URL
  /** The visitor's address, named to the gateway with the shared proxy secret (as gql() does). */
  clientAddress?: string | null
  requestId?: string
}

/** A refusal in GraphQL's own error shape, so GraphiQL shows it in its result pane like any other. */
export function explorerError(status: number, code: string, message: string, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  })
}

/**
 * The largest body forwarded: 1 MB (the gateway's own limit), or less when this server's
 * BODY_SIZE_LIMIT is lower (adapter-node stops reading there), so the refusal names the real one.
 */
function bodyLimit(): number {
  return Math.min(EXPLORER_MAX_BODY_BYTES, bodySizeLimit())
}

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`

const tooLarge = () =>
  explorerError(
    413,
    'PAYLOAD_TOO_LARGE',
    `The request is larger than ${sizeText(bodyLimit())}. Send a smaller query or fewer variables.`,
  )

/** What is wrong with the request before it could be forwarded, as the answer to send; null when nothing is. */
export function refusal(request: Request): Response | null {
  const authorization = request.headers.get('authorization')?.trim() ?? ''
  if (!KEY_AUTHORIZATION.test(authorization))
    return explorerError(
      401,
      'UNAUTHENTICATED',
      'Send an API key in the Authorization header: "Bearer rpk_live_…". Create one on the API keys page; your sign-in session is never used here.',
      { 'www-authenticate': 'Bearer' },
    )
  const type = request.headers.get('content-type') ?? ''
  if (!/^application\/json\b/i.test(type))
    return explorerError(415, 'BAD_REQUEST', 'Send the operation as JSON (Content-Type: application/json).')
  const length = Number(request.headers.get('content-length'))
  if (Number.isFinite(length) && length > bodyLimit()) return tooLarge()
  return null
}

function gatewayHeaders(authorization: string, options: ExplorerProxyOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
    authorization,
  }
  if (options.requestId) headers['x-request-id'] = options.requestId
  // The key's "last used from" should be the partner's address, not this server's.
  const secret = webProxySecret()
  if (options.clientAddress && secret) {
    headers['x-rapport-client-ip'] = options.clientAddress
    headers['x-rapport-proxy-secret'] = secret
  }
  return headers
}

/** The gateway's answer as this endpoint's: its body and status, its rate-limit headers, never cached. */
async function passOn(response: Response): Promise<Response> {
  const headers = new Headers({
    'content-type': response.headers.get('content-type') ?? 'application/json',
    'cache-control': 'no-store',
  })
  for (const [name, value] of response.headers) if (PASSED_ON.test(name)) headers.set(name, value)
  return new Response(await response.arrayBuffer(), { status: response.status, headers })
}

export async function proxyExplorerRequest(request: Request, options: ExplorerProxyOptions = {}): Promise<Response> {
  const refused = refusal(request)
  if (refused) return refused
  let body: string | null
  try {
    body = await readBodyUpTo(request, bodyLimit())
  } catch {
    // adapter-node stops reading past its own BODY_SIZE_LIMIT with an error: the same refusal.
    return tooLarge()
  }
  if (body === null) return tooLarge()
  try {
    const parsed: unknown = JSON.parse(body)
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new TypeError('not an object')
  } catch {
    return explorerError(400, 'BAD_REQUEST', 'The body must be a JSON object like {"query": "{ apiScopes { name } }"}.')
  }

  const authorization = request.headers.get('authorization')!.trim()
  let response: Response
  try {
    response = await (options.fetch ?? globalThis.fetch)(options.url ?? gatewayUrl(), {
      method: 'POST',
      headers: gatewayHeaders(authorization, options),
      body,
      credentials: 'omit',
      redirect: 'manual',
      signal: AbortSignal.timeout(GATEWAY_TIMEOUT_MS),
    })
    return await passOn(response)
  } catch (cause) {
    console.error(`[web] explorer: the gateway could not be reached: ${(cause as Error)?.message ?? String(cause)}`)
    return explorerError(503, 'SERVICE_UNAVAILABLE', 'The API didn’t answer. Try again in a moment.')
  }
}
