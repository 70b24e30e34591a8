// One table from error codes (domain errors' `code`, the gateway's GraphQL `extensions.code`)
// to HTTP statuses: the gateway's REST routes and the web app's pages answer with the same
// status for the same failure, instead of each mapping codes its own way.

export const HTTP_STATUS_BY_CODE = {
  BAD_REQUEST: 400,
  BAD_USER_INPUT: 400,
  VALIDATION_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  GRAPHQL_PARSE_FAILED: 400,
  PERSISTED_QUERY_NOT_FOUND: 400,
  PERSISTED_QUERY_HASH_MISMATCH: 400,
  QUERY_TOO_DEEP: 400,
  TOO_MANY_ALIASES: 400,
  QUERY_TOO_COSTLY: 400,
  QUERY_TOO_LARGE: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  INSUFFICIENT_SCOPE: 403,
  NOT_YOUR_ORDER: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  NOT_DELIVERED: 409,
  REVIEW_WINDOW_CLOSED: 409,
  ALREADY_REVIEWED: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  THROTTLED: 429,
  INTERNAL_SERVER_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const satisfies Record<string, number>

export type ErrorCode = keyof typeof HTTP_STATUS_BY_CODE

/** The HTTP status for an error code; unknown or missing codes are the server's fault (500). */
export function httpStatusFor(code: string | null | undefined): number {
  return code && Object.hasOwn(HTTP_STATUS_BY_CODE, code) ? (HTTP_STATUS_BY_CODE as Record<string, number>)[code]! : 500
}
