import { error, fail, redirect } from '@sveltejs/kit'
import { GatewayError, gql } from '$lib/server/gateway'
import { resultErrorStatus } from '$lib/server/http-status'
import type { Membership, Viewer } from '$lib/types'

export type OwnedSupplier = Membership['supplier']

/** The suppliers the viewer owns: only owners make and manage a supplier's API keys. */
export function ownedSuppliers(viewer: Viewer): OwnedSupplier[] {
  return viewer.memberships.filter((m) => m.role === 'OWNER').map((m) => m.supplier)
}

/**
 * The signed-in viewer and the supplier whose keys a /developers request is about: `?supplier=`
 * when the viewer owns several, else their one. Signed-out visitors sign in and come back; a
 * supplier they don't own doesn't exist for them (404, as the team pages do). Null when they own none.
 */
export function requireOwnedSupplier(
  viewer: Viewer | null,
  url: URL,
): { owned: OwnedSupplier[]; supplier: OwnedSupplier | null } {
  if (!viewer) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`)
  const owned = ownedSuppliers(viewer)
  const slug = url.searchParams.get('supplier')
  if (!slug) return { owned, supplier: owned[0] ?? null }
  const supplier = owned.find((s) => s.slug === slug)
  if (!supplier) error(404, 'We couldn’t find that supplier among the ones you own.')
  return { owned, supplier }
}

/** A form field as typed, trimmed ('' when missing). */
export const formText = (form: FormData, name: string) => String(form.get(name) ?? '').trim()

/** A typed refusal in a mutation's result union (`... on Error`). */
export type ResultError = { __typename: string; message?: string; code?: string; field?: string | null }

/** The supplier a /developers action is for; an owner of none can't act at all. */
export function actingFor(locals: App.Locals, url: URL): OwnedSupplier {
  const { supplier } = requireOwnedSupplier(locals.viewer, url)
  if (!supplier) redirect(303, '/developers')
  return supplier
}

/** Network failures and GraphQL errors: a calm message (details in the log), nothing changed. */
export function gatewayFailure(action: string, err: unknown, extra: Record<string, unknown> = {}) {
  if (!(err instanceof GatewayError)) throw err
  console.error(`[web] developers ${action}: ${err.toLogString()}`)
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

/** After a removal, the plain page (no action in the URL) with one note, so a reload doesn't post again. */
export function redirectWithNote(url: URL, note: string, value: string): never {
  const after = new URLSearchParams()
  const supplier = url.searchParams.get('supplier')
  if (supplier) after.set('supplier', supplier)
  after.set(note, value)
  redirect(303, `${url.pathname}?${after}`)
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

/** A form's problems found before asking the gateway: the failure to return, or null when there are none. */
export function formProblems(action: string, errors: Record<string, string>, message: string, values: unknown) {
  return Object.keys(errors).length > 0 ? fail(400, { action, message, errors, values }) : null
}
