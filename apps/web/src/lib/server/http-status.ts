// The web's statuses come from @rapport/core's one table of error codes, as the gateway's do.
// (Its subpath: the package's index re-exports with .ts paths this app's tsconfig doesn't take.)
import { httpStatusFor } from '@rapport/core/http-status'
import type { GatewayError } from './gateway'

/** The status the table gives a GraphQL error's code (401, 403, 404, 400, …); null for network failures. */
export function gatewayErrorStatus(err: GatewayError): number | null {
  return err.kind === 'graphql' ? httpStatusFor(err.code) : null
}

/** The gateway refused the viewer (signed out, or not allowed): 401 or 403 by the table. */
export function isRefused(err: GatewayError): boolean {
  const status = gatewayErrorStatus(err)
  return status === 401 || status === 403
}

/** The gateway found the request's input malformed (a bad cursor or id): 400 by the table. */
export function isBadInput(err: GatewayError): boolean {
  return gatewayErrorStatus(err) === 400
}

/**
 * A typed result error (`… on Error`) is an expected failure with a message safe to show: its
 * code's status, and 400 for a code the table doesn't know (never a 5xx, which the page would
 * take for a server fault and retry).
 */
export function resultErrorStatus(error: { code?: string | null }): number {
  const status = httpStatusFor(error.code)
  return status >= 500 ? 400 : status
}
