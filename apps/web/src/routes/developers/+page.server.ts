import { fail, redirect } from '@sveltejs/kit'
import { CREATE_API_KEY, DEVELOPERS_PAGE, REVOKE_API_KEY, ROTATE_API_KEY } from '$lib/graphql/developers'
import { OVERLAP, parseExpiryDate, USAGE_DAYS, type ApiKeyRow, type ApiScope, type IssuedKey } from '$lib/developers'
import { requireOwnedSupplier, type OwnedSupplier } from '$lib/server/developers'
import { GatewayError, gql } from '$lib/server/gateway'
import { resultErrorStatus } from '$lib/server/http-status'
import { teamPageQuery } from '$lib/server/team'
import type { Actions, PageServerLoad } from './$types'

/** A key's name, at most (the gateway's PARTNER_LIMITS.keyNameLength). */
const NAME_MAX = 80

type ResultError = { __typename: string; message?: string; code?: string; field?: string | null }
type Issued = { __typename: 'IssuedApiKey'; secret: string; key: { id: string; name: string; prefix: string } }

export const load: PageServerLoad = async ({ locals, url, depends }) => {
  depends('app:developers')
  const { owned, supplier } = requireOwnedSupplier(locals.viewer, url)
  if (!supplier) return { owned, supplier: null, keys: [] as ApiKeyRow[], scopes: [] as ApiScope[], revoked: null }
  const data = await teamPageQuery<{ apiKeys: ApiKeyRow[]; apiScopes: ApiScope[] }>(
    DEVELOPERS_PAGE,
    { supplierId: supplier.id, days: USAGE_DAYS },
    'your API keys',
  )
  return { owned, supplier, keys: data.apiKeys, scopes: data.apiScopes, revoked: url.searchParams.get('revoked') }
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim()

/** The supplier an action is for; an owner of none can't act at all. */
function actingFor(locals: App.Locals, url: URL): OwnedSupplier {
  const { supplier } = requireOwnedSupplier(locals.viewer, url)
  if (!supplier) redirect(303, '/developers')
  return supplier
}

/** Network failures and GraphQL errors: a calm message (details in the log), nothing changed. */
function gatewayFailure(action: string, err: unknown, extra: Record<string, unknown> = {}) {
  if (!(err instanceof GatewayError)) throw err
  console.error(`[web] developers ${action}: ${err.toLogString()}`)
  const message =
    err.kind === 'network'
      ? 'We couldn’t reach the server. Nothing was changed; please try again.'
      : 'That didn’t work. Nothing was changed.'
  return fail(err.kind === 'network' ? 503 : 400, { action, message, errors: {} as Record<string, string>, ...extra })
}

/** A typed refusal from the gateway (`... on Error`), in its own words. */
function refused(action: string, result: ResultError, extra: Record<string, unknown> = {}) {
  const message = result.message ?? 'That didn’t work. Nothing was changed.'
  return fail(resultErrorStatus(result), {
    action,
    message,
    errors: (result.field ? { [result.field]: message } : {}) as Record<string, string>,
    ...extra,
  })
}

function issuedKey(result: Issued, previousExpiresAt?: string | null): IssuedKey {
  return { secret: result.secret, name: result.key.name, prefix: result.key.prefix, previousExpiresAt }
}

function readCreateForm(form: FormData) {
  const values = {
    name: text(form, 'name'),
    scopes: form.getAll('scopes').map(String),
    expiresAt: text(form, 'expiresAt'),
  }
  const errors: Record<string, string> = {}
  if (!values.name) errors.name = 'Give the key a name, so you can tell it apart later.'
  else if (values.name.length > NAME_MAX) errors.name = `Keep the name under ${NAME_MAX} characters.`
  if (values.scopes.length === 0) errors.scopes = 'Choose at least one scope: what the key may do.'
  const expiry = parseExpiryDate(values.expiresAt, new Date())
  if (!expiry.ok) errors.expiresAt = expiry.message
  return { values, errors, expiresAt: expiry.ok ? expiry.expiresAt : null }
}

export const actions: Actions = {
  create: async ({ request, url, locals }) => {
    const supplier = actingFor(locals, url)
    const { values, errors, expiresAt } = readCreateForm(await request.formData())
    if (Object.keys(errors).length > 0) {
      return fail(400, {
        action: 'create',
        message: 'Please correct the highlighted fields. No key was made.',
        errors,
        values,
      })
    }
    let result: Issued | ResultError
    try {
      result = (
        await gql<{ createApiKey: Issued | ResultError }>(CREATE_API_KEY, {
          input: { supplierId: supplier.id, name: values.name, scopes: values.scopes, expiresAt },
        })
      ).createApiKey
    } catch (err) {
      return gatewayFailure('create', err, { values })
    }
    if (result.__typename !== 'IssuedApiKey') return refused('create', result as ResultError, { values })
    // The secret is in this answer only: it is shown once and kept nowhere.
    return { action: 'create', issued: issuedKey(result as Issued) }
  },

  rotate: async ({ request, url, locals }) => {
    actingFor(locals, url)
    const form = await request.formData()
    const keyId = text(form, 'keyId')
    const overlap = Number(text(form, 'overlapHours') || OVERLAP.default)
    if (!Number.isInteger(overlap) || overlap < OVERLAP.min || overlap > OVERLAP.max) {
      const message = `The overlap is a whole number of hours from ${OVERLAP.min} to ${OVERLAP.max}.`
      return fail(400, { action: 'rotate', keyId, message, errors: { overlapHours: message } })
    }
    let result: (Issued & { previous: { expiresAt: string | null } | null }) | ResultError
    try {
      result = (
        await gql<{ rotateApiKey: typeof result }>(ROTATE_API_KEY, { input: { id: keyId, overlapHours: overlap } })
      ).rotateApiKey
    } catch (err) {
      return gatewayFailure('rotate', err, { keyId })
    }
    if (result.__typename !== 'IssuedApiKey') return refused('rotate', result as ResultError, { keyId })
    const rotated = result as Issued & { previous: { expiresAt: string | null } | null }
    return { action: 'rotate', keyId, issued: issuedKey(rotated, rotated.previous?.expiresAt ?? null) }
  },

  revoke: async ({ request, url, locals }) => {
    actingFor(locals, url)
    const keyId = text(await request.formData(), 'keyId')
    let result: ResultError & { name?: string }
    try {
      result = (await gql<{ revokeApiKey: typeof result }>(REVOKE_API_KEY, { input: { id: keyId } })).revokeApiKey
    } catch (err) {
      return gatewayFailure('revoke', err, { keyId })
    }
    if (result.__typename !== 'ApiKey') return refused('revoke', result, { keyId })
    // After a revocation, a plain page (no action in the URL), so a reload doesn't post again.
    const after = new URLSearchParams()
    const supplier = url.searchParams.get('supplier')
    if (supplier) after.set('supplier', supplier)
    after.set('revoked', result.name ?? '')
    redirect(303, `${url.pathname}?${after}`)
  },
}
