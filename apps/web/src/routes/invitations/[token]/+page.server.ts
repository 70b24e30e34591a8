import { fail, redirect } from '@sveltejs/kit'
import { ACCEPT_INVITATION, INVITATION_PREVIEW, type ResultError } from '$lib/graphql/auth'
import { GatewayError, gql } from '$lib/server/gateway'
import { resultErrorStatus } from '$lib/server/http-status'
import type { Actions, PageServerLoad } from './$types'

type AcceptResult =
  | { __typename: 'SupplierMembership'; role: 'OWNER' | 'AGENT'; supplier: { slug: string; name: string } }
  | ResultError

type Preview = {
  role: 'OWNER' | 'AGENT'
  emailHint: string
  expiresAt: string
  state: 'PENDING' | 'ACCEPTED' | 'EXPIRED'
  supplier: { name: string; slug: string; tagline: string | null }
} | null

export const load: PageServerLoad = async ({ locals, params }) => {
  let invitation: Preview | undefined
  try {
    invitation = (await gql<{ invitation: Preview }>(INVITATION_PREVIEW, { token: params.token })).invitation
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error
    // The page still works without the preview: accepting says what is wrong, if anything.
    console.error(`[web] invitation preview: ${error.toLogString()}`)
  }
  return { signedInAs: locals.viewer?.user.email ?? null, invitation }
}

export const actions: Actions = {
  // Accepting changes who can read a team's conversations: it takes a click (a POST), never a
  // mere visit of the link.
  accept: async ({ params, locals, url }) => {
    if (!locals.viewer) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname)}`)
    let result: AcceptResult
    try {
      result = (await gql<{ acceptInvitation: AcceptResult }>(ACCEPT_INVITATION, { input: { token: params.token } }))
        .acceptInvitation
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error
      console.error(`[web] accept invitation: ${error.toLogString()}`)
      return fail(503, { problem: 'unavailable', message: 'We can’t reach the server right now. Please try again.' })
    }
    if (result.__typename === 'SupplierMembership' && 'supplier' in result) {
      redirect(303, `/suppliers/${encodeURIComponent(result.supplier.slug)}/inbox?joined=1`)
    }
    const message = 'message' in result ? result.message : 'This invitation can’t be accepted.'
    const problem =
      result.__typename === 'ForbiddenError'
        ? 'wrong-account'
        : result.__typename === 'UnauthenticatedError'
          ? 'signed-out'
          : result.__typename === 'NotFoundError'
            ? 'invalid'
            : 'used'
    return fail(resultErrorStatus('code' in result ? result : {}), { problem, message })
  },
}
