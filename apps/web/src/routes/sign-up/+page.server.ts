import { fail, redirect } from '@sveltejs/kit'
import { SIGN_UP, type AuthResult } from '$lib/graphql/auth'
import { GatewayError, gql } from '$lib/server/gateway'
import { landingPath } from '$lib/server/landing'
import { safeNextPath, setSessionCookie, validTimeZone } from '$lib/server/session'
import { timeZoneGroups } from '$lib/server/time-zones'
import type { Actions, PageServerLoad } from './$types'

export const load: PageServerLoad = ({ locals, url }) => {
  const next = safeNextPath(url.searchParams.get('next'), '')
  if (locals.viewer) redirect(303, next || landingPath(locals.viewer))
  const accountType = url.searchParams.get('as') === 'supplier' ? 'SUPPLIER' : 'BUYER'
  return {
    next,
    accountType,
    // The browser replaces this with its own zone (see the page); without JavaScript it is the
    // zone we already know for this visitor, or UTC.
    defaultTimeZone: locals.timeZone,
    timeZoneGroups: timeZoneGroups(),
  }
}

type Field = 'accountType' | 'displayName' | 'email' | 'password' | 'supplierName' | 'timeZone' | 'form'
type Errors = Partial<Record<Field, string>>
const FIELDS: readonly string[] = ['accountType', 'displayName', 'email', 'password', 'supplierName', 'timeZone']

export const actions: Actions = {
  default: async ({ request, cookies, url }) => {
    const form = await request.formData()
    const text = (name: string) => String(form.get(name) ?? '').trim()
    const values = {
      accountType: text('accountType') === 'SUPPLIER' ? ('SUPPLIER' as const) : ('BUYER' as const),
      displayName: text('displayName'),
      email: text('email'),
      supplierName: text('supplierName'),
      timeZone: text('timeZone'),
    }
    const password = String(form.get('password') ?? '')
    const next = safeNextPath(text('next'), '')
    const refuse = (status: number, errors: Errors) => fail(status, { values, next, errors })

    // Check what we can here, so every problem shows at once; the gateway has the last word.
    const errors: Errors = {}
    if (!values.displayName) errors.displayName = 'Enter your name.'
    if (!values.email) errors.email = 'Enter your email address.'
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) errors.email = 'Enter a valid email address.'
    if (password.length < 10) errors.password = 'Use at least 10 characters for your password.'
    if (values.accountType === 'SUPPLIER') {
      if (values.supplierName.length < 2) errors.supplierName = 'Enter the name of your business.'
      if (!validTimeZone(values.timeZone)) errors.timeZone = 'Choose your time zone.'
    }
    if (Object.keys(errors).length > 0) return refuse(400, errors)

    const input = {
      accountType: values.accountType,
      displayName: values.displayName,
      email: values.email,
      password,
      ...(values.accountType === 'SUPPLIER' ? { supplierName: values.supplierName, timeZone: values.timeZone } : {}),
    }
    let result: AuthResult
    try {
      result = (await gql<{ signUp: AuthResult }>(SIGN_UP, { input }, { token: null })).signUp
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error
      console.error(`[web] sign-up: ${error.toLogString()}`)
      return refuse(503, { form: 'We can’t create accounts right now. Please try again in a moment.' })
    }

    if ('token' in result) {
      setSessionCookie(cookies, url, result.token, result.expiresAt)
      redirect(303, next || landingPath(result.viewer))
    }
    if (result.__typename === 'ConflictError') return refuse(409, { email: result.message })
    const field = result.field && FIELDS.includes(result.field) ? (result.field as Field) : 'form'
    return refuse(400, { [field]: result.message })
  },
}
