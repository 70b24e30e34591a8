import { fail, redirect } from '@sveltejs/kit'
import { SIGN_IN, type AuthResult } from '$lib/graphql/auth'
import { GatewayError, gql } from '$lib/server/gateway'
import { landingPath } from '$lib/server/landing'
import { safeNextPath, setSessionCookie } from '$lib/server/session'
import type { Actions, PageServerLoad } from './$types'

export const load: PageServerLoad = ({ locals, url }) => {
  const next = safeNextPath(url.searchParams.get('next'), '')
  if (locals.viewer) redirect(303, next || landingPath(locals.viewer))
  return { next }
}

type Errors = { email?: string; password?: string; form?: string }

export const actions: Actions = {
  default: async ({ request, cookies, url }) => {
    const form = await request.formData()
    const email = String(form.get('email') ?? '').trim()
    const password = String(form.get('password') ?? '')
    const next = safeNextPath(String(form.get('next') ?? ''), '')
    // The password is never sent back to the page.
    const refuse = (status: number, errors: Errors, rateLimited = false) =>
      fail(status, { email, next, errors, rateLimited })

    const errors: Errors = {}
    if (!email) errors.email = 'Enter your email address.'
    if (!password) errors.password = 'Enter your password.'
    if (errors.email || errors.password) return refuse(400, errors)

    let result: AuthResult
    try {
      result = (await gql<{ signIn: AuthResult }>(SIGN_IN, { input: { email, password } }, { token: null })).signIn
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error
      console.error(`[web] sign-in: ${error.toLogString()}`)
      return refuse(503, { form: 'We can’t sign you in right now. Please try again in a moment.' })
    }

    if ('token' in result) {
      setSessionCookie(cookies, url, result.token, result.expiresAt)
      redirect(303, next || landingPath(result.viewer))
    }
    switch (result.__typename) {
      case 'InvalidCredentialsError':
        return refuse(400, { password: 'That email and password don’t match an account. Check both and try again.' })
      case 'RateLimitedError':
        return refuse(429, { form: result.message }, true)
      case 'ValidationError': {
        const field = result.field === 'email' || result.field === 'password' ? result.field : 'form'
        return refuse(400, { [field]: result.message })
      }
      default:
        return refuse(400, { form: result.message })
    }
  },
}
