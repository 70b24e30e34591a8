import { gatewayUrl } from './env'

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

  constructor(
    message: string,
    options: {
      kind: GatewayErrorKind
      code?: string
      status?: number
      errors?: readonly GraphQLErrorEntry[]
      cause?: unknown
    },
  ) {
    super(message, { cause: options.cause })
    this.kind = options.kind
    this.code = options.code
    this.status = options.status
    this.errors = options.errors ?? []
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
  /** SvelteKit's `event.fetch` (preferred inside load functions) or the global fetch. */
  fetch: typeof globalThis.fetch
  /** Overrides the configured GATEWAY_URL (tests). */
  url?: string | URL
  timeoutMs?: number
}

function isTimeout(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'TimeoutError'
}

/** Server-only: POSTs a GraphQL operation to the gateway and returns `data`, or throws `GatewayError`. */
export async function gql<T, V extends Record<string, unknown> = Record<string, unknown>>(
  query: string,
  variables: V,
  options: GqlOptions,
): Promise<T> {
  const url = options.url ?? gatewayUrl()
  let response: Response
  try {
    response = await options.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
      body: JSON.stringify({ query, variables }),
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

  if (body.errors && body.errors.length > 0) {
    const first = body.errors[0]
    throw new GatewayError(first?.message ?? 'GraphQL error', {
      kind: 'graphql',
      code: first?.extensions?.code,
      status: response.status,
      errors: body.errors,
    })
  }
  if (!response.ok || body.data == null) {
    throw new GatewayError(`Gateway answered HTTP ${response.status} without data`, {
      kind: 'network',
      status: response.status,
    })
  }
  return body.data
}
