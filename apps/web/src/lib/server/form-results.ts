// What a form action answers when the gateway refuses or cannot be reached: one shape for every
// page's forms (action, message, errors by field, what was typed), so pages show them alike.
import { fail } from '@sveltejs/kit'
import { GatewayError, gql } from '$lib/server/gateway'
import { resultErrorStatus } from '$lib/server/http-status'

/** A typed refusal in a mutation's result union (`... on Error`). */
export type ResultError = { __typename: string; message?: string; code?: string; field?: string | null }

/** Network failures and GraphQL errors: a calm message (details in the log), nothing changed. */
export function gatewayFailure(action: string, err: unknown, extra: Record<string, unknown> = {}) {
  if (!(err instanceof GatewayError)) throw err
  console.error(`[web] ${action}: ${err.toLogString()}`)
  const message =
    err.kind === 'network'
      ? 'We couldn’t reach the server. Nothing was changed; please try again.'
      : 'That didn’t work. Nothing was changed.'
  return fail(err.kind === 'network' ? 503 : 400, { action, message, errors: {} as Record<string, string>, ...extra })
}

/** A typed refusal from the gateway (`... on Error`), in its own words. */
export function refused(action: string, result: ResultError, extra: Record<string, unknown> = {}) {
  const message = result.message ?? 'That didn’t work. Nothing was changed.'
  return fail(resultErrorStatus(result), {
    action,
    message,
    errors: (result.field ? { [result.field]: message } : {}) as Record<string, string>,
    ...extra,
  })
}

/**
 * Runs one of the API's result mutations (`operation(input:)` → a result union) for an action:
 * its success, or the failure to return (the gateway unreachable, or its typed refusal).
 */
export async function mutate<T>(
  action: string,
  document: string,
  input: Record<string, unknown>,
  success: string,
  extra: Record<string, unknown> = {},
): Promise<{ value: T; failure?: undefined } | { value?: undefined; failure: ReturnType<typeof refused> }> {
  let result: ResultError | undefined
  try {
    result = Object.values(await gql<Record<string, ResultError>>(document, { input }))[0]
  } catch (err) {
    return { failure: gatewayFailure(action, err, extra) }
  }
  if (!result || result.__typename !== success) return { failure: refused(action, result ?? { __typename: '' }, extra) }
  return { value: result as unknown as T }
}

