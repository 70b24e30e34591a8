import { fail } from '@sveltejs/kit'
import { CREATE_API_KEY, DEVELOPERS_PAGE, REVOKE_API_KEY, ROTATE_API_KEY } from '$lib/graphql/developers'
import {
  OVERLAP,
  parseExpiryDate,
  USAGE_DAYS,
  type ApiKeyRow,
  type ApiScope,
  type IssuedKey,
  type PortalTarget,
} from '$lib/developers'
import {
  actingFor,
  formProblems,
  formText as text,
  mutate,
  redirectWithNote,
  requireTarget,
  targetArgs,
} from '$lib/server/developers'
import { teamPageQuery } from '$lib/server/team'
import type { Actions, PageServerLoad } from './$types'

/** A key's name, at most (the gateway's PARTNER_LIMITS.keyNameLength). */
const NAME_MAX = 80

type Issued = { __typename: 'IssuedApiKey'; secret: string; key: { id: string; name: string; prefix: string } }

export const load: PageServerLoad = async ({ locals, url, depends }) => {
  depends('app:developers')
  const { owned, isAdmin, target } = requireTarget(locals.viewer, url)
  if (!target) return { owned, isAdmin, target, keys: [] as ApiKeyRow[], scopes: [] as ApiScope[], revoked: null }
  const data = await teamPageQuery<{ apiKeys: ApiKeyRow[]; apiScopes: ApiScope[] }>(
    DEVELOPERS_PAGE,
    { ...targetArgs(target), days: USAGE_DAYS },
    target.kind === 'platform' ? 'the platform partners’ API keys' : 'your API keys',
  )
  return {
    owned,
    isAdmin,
    target,
    keys: data.apiKeys,
    scopes: data.apiScopes,
    revoked: url.searchParams.get('revoked'),
  }
}

function issuedKey(result: Issued, previousExpiresAt?: string | null): IssuedKey {
  return { secret: result.secret, name: result.key.name, prefix: result.key.prefix, previousExpiresAt }
}

/** The create form as sent; a platform key also names its partner company (the gateway requires it). */
function readCreateForm(form: FormData, target: PortalTarget) {
  const values = {
    partnerName: text(form, 'partnerName'),
    name: text(form, 'name'),
    scopes: form.getAll('scopes').map(String),
    expiresAt: text(form, 'expiresAt'),
  }
  const errors: Record<string, string> = {}
  if (target.kind === 'platform' && !values.partnerName)
    errors.partnerName = 'Name the partner company this key is for, like “Acme Analytics”.'
  if (!values.name) errors.name = 'Give the key a name, so you can tell it apart later.'
  else if (values.name.length > NAME_MAX) errors.name = `Keep the name under ${NAME_MAX} characters.`
  if (values.scopes.length === 0) errors.scopes = 'Choose at least one scope: what the key may do.'
  const expiry = parseExpiryDate(values.expiresAt, new Date())
  if (!expiry.ok) errors.expiresAt = expiry.message
  return { values, errors, expiresAt: expiry.ok ? expiry.expiresAt : null }
}

export const actions: Actions = {
  create: async ({ request, url, locals }) => {
    const target = actingFor(locals, url)
    const { values, errors, expiresAt } = readCreateForm(await request.formData(), target)
    const problems = formProblems('create', errors, 'Please correct the highlighted fields. No key was made.', values)
    if (problems) return problems
    const partnerName = target.kind === 'platform' ? values.partnerName : null
    const made = await mutate<Issued>(
      'create',
      CREATE_API_KEY,
      { ...targetArgs(target), partnerName, name: values.name, scopes: values.scopes, expiresAt },
      'IssuedApiKey',
      { values },
    )
    if (made.failure) return made.failure
    // The secret is in this answer only: it is shown once and kept nowhere.
    return { action: 'create', issued: issuedKey(made.value) }
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
    const rotated = await mutate<Issued & { previous: { expiresAt: string | null } | null }>(
      'rotate',
      ROTATE_API_KEY,
      { id: keyId, overlapHours: overlap },
      'IssuedApiKey',
      { keyId },
    )
    if (rotated.failure) return rotated.failure
    return { action: 'rotate', keyId, issued: issuedKey(rotated.value, rotated.value.previous?.expiresAt ?? null) }
  },

  revoke: async ({ request, url, locals }) => {
    actingFor(locals, url)
    const keyId = text(await request.formData(), 'keyId')
    const revoked = await mutate<{ name: string }>('revoke', REVOKE_API_KEY, { id: keyId }, 'ApiKey', { keyId })
    if (revoked.failure) return revoked.failure
    // After a revocation, a plain page (no action in the URL), so a reload doesn't post again.
    redirectWithNote(url, 'revoked', revoked.value.name)
  },
}
