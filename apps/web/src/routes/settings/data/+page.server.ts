import { error, fail, redirect } from '@sveltejs/kit'
import { DATA_EXPORTS, DELETE_ACCOUNT, REQUEST_DATA_EXPORT } from '$lib/graphql/privacy'
import { gatewayFailure, refused, type ResultError } from '$lib/server/form-results'
import { GatewayError, gql } from '$lib/server/gateway'
import { getLimits } from '$lib/server/limits'
import { clearSessionCookie } from '$lib/server/session'
import type { Actions, PageServerLoad } from './$types'

export type DataExportStatus = 'PENDING' | 'READY' | 'DOWNLOADED' | 'EXPIRED'

type DataExportNode = {
  id: string
  status: DataExportStatus
  requestedAt: string
  readyAt: string | null
  expiresAt: string | null
  downloadedAt: string | null
  byteSize: number | null
  downloadPath: string | null
}

/** The archive's raw uuid, from its REST path (`/exports/<uuid>`, only while READY). */
function archiveUuid(downloadPath: string | null): string | null {
  const match = /^\/exports\/([0-9a-f-]{36})$/.exec(downloadPath ?? '')
  return match?.[1] ?? null
}

function signInFirst(path: string): never {
  redirect(303, `/sign-in?next=${encodeURIComponent(path)}`)
}

export const load: PageServerLoad = async ({ locals, url, depends }) => {
  if (!locals.viewer) signInFirst(url.pathname)
  depends('app:data-exports')
  let exports: DataExportNode[]
  try {
    const data = await gql<{ viewer: { dataExports: DataExportNode[] } | null }>(DATA_EXPORTS, {})
    if (!data.viewer) signInFirst(url.pathname)
    exports = data.viewer.dataExports
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    console.error(`[web] data settings: ${err.toLogString()}`)
    error(503, 'We can’t load your data settings right now. Please try again in a moment.')
  }
  const limits = await getLimits().catch(() => null)
  return {
    exports: exports.map(({ downloadPath, ...rest }) => ({ ...rest, archiveId: archiveUuid(downloadPath) })),
    downloadHours: limits?.dataExportDownloadHours ?? null,
    exportsPerDay: limits?.dataExportsPerDay ?? null,
    requested: url.searchParams.has('requested'),
    problem: url.searchParams.get('problem'),
    /** Suppliers the viewer owns: a last owner is sent to its team page to invite another. */
    ownedSuppliers: locals.viewer.memberships
      .filter((m) => m.role === 'OWNER')
      .map((m) => ({ slug: m.supplier.slug, name: m.supplier.name })),
  }
}

export const actions: Actions = {
  export: async ({ locals }) => {
    if (!locals.viewer) signInFirst('/settings/data')
    let result: ResultError | undefined
    try {
      result = (await gql<{ requestDataExport: ResultError }>(REQUEST_DATA_EXPORT, {})).requestDataExport
    } catch (err) {
      return gatewayFailure('export', err)
    }
    if (result.__typename !== 'DataExport') return refused('export', result)
    redirect(303, '/settings/data?requested')
  },

  delete: async ({ locals, request, cookies, url }) => {
    if (!locals.viewer) signInFirst('/settings/data')
    const form = await request.formData()
    const password = String(form.get('password') ?? '')
    const confirmed = form.get('confirm') === 'yes'
    const errors: Record<string, string> = {}
    if (!password) errors.password = 'Enter your password.'
    if (!confirmed) errors.confirm = 'Tick the box to confirm you understand this cannot be undone.'
    if (Object.keys(errors).length > 0) {
      return fail(400, { action: 'delete', message: 'Your account was not deleted.', errors, confirmed })
    }

    let result: ResultError | undefined
    try {
      result = (await gql<{ deleteAccount: ResultError }>(DELETE_ACCOUNT, { input: { password } })).deleteAccount
    } catch (err) {
      return gatewayFailure('delete', err, { confirmed })
    }
    if (result.__typename === 'InvalidCredentialsError') {
      const message = result.message ?? 'That password is not right.'
      return fail(400, {
        action: 'delete',
        message,
        errors: { password: message } as Record<string, string>,
        confirmed,
      })
    }
    if (result.__typename !== 'DeleteAccountPayload') {
      // A last owner (ConflictError), too many tries (RateLimitedError): the gateway's words.
      return refused('delete', result.__typename === 'ValidationError' ? { ...result, field: 'password' } : result, {
        confirmed,
        conflict: result.__typename === 'ConflictError',
      })
    }
    // The gateway has ended every session of the person; this browser forgets its own too.
    clearSessionCookie(cookies, url)
    locals.viewer = null
    locals.token = null
    redirect(303, '/?account-deleted')
  },
}
