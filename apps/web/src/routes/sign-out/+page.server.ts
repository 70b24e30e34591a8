import { redirect } from '@sveltejs/kit'
import { SIGN_OUT } from '$lib/graphql/auth'
import { GatewayError, gql } from '$lib/server/gateway'
import { clearSessionCookie, safeNextPath } from '$lib/server/session'
import type { Actions, PageServerLoad } from './$types'

// Signing out changes state, so it is a POST (the header's form); a GET just goes home.
export const load: PageServerLoad = () => redirect(303, '/')

export const actions: Actions = {
  default: async ({ locals, cookies, url, request }) => {
    // e.g. an invitation page sends people to sign in again with the invited account.
    const next = safeNextPath(String((await request.formData()).get('next') ?? ''), '/')
    if (locals.token) {
      try {
        // Ends the session everywhere, including open WebSockets.
        await gql<{ signOut: boolean }>(SIGN_OUT, {})
      } catch (error) {
        if (!(error instanceof GatewayError)) throw error
        console.error(`[web] sign-out: ${error.toLogString()}`)
      }
    }
    clearSessionCookie(cookies, url)
    locals.viewer = null
    locals.token = null
    redirect(303, next)
  },
}
