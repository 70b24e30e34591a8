// Follow, unfollow, mute and unmute as form actions, for every page with a follow button (the
// supplier's profile, its updates, the buyer's Following page). Plain form posts: they work
// without JavaScript.
import { fail, redirect, type RequestEvent } from '@sveltejs/kit'
import { FOLLOW, MUTE_SUPPLIER, UNFOLLOW } from '$lib/graphql/relationships'
import { GatewayError, gql } from './gateway'

type Result = Record<string, { __typename: string; message?: string }>

async function run(event: RequestEvent, document: string, field: string, input: (supplierId: string) => Record<string, unknown>) {
  if (!event.locals.viewer) redirect(303, `/sign-in?next=${encodeURIComponent(event.url.pathname)}`)
  const supplierId = String((await event.request.formData()).get('supplierId') ?? '')
  try {
    const result = (await gql<Result>(document, { input: input(supplierId) }))[field]!
    if ('message' in result && result.message) return fail(400, { followProblem: result.message })
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    console.error(`[web] ${field}: ${err.toLogString()}`)
    return fail(503, { followProblem: 'That didn’t go through. Please try again.' })
  }
  return { followDone: field }
}

export const followActions = {
  follow: (event: RequestEvent) => run(event, FOLLOW, 'follow', (supplierId) => ({ supplierId })),
  unfollow: (event: RequestEvent) => run(event, UNFOLLOW, 'unfollow', (supplierId) => ({ supplierId })),
  mute: (event: RequestEvent) => run(event, MUTE_SUPPLIER, 'muteSupplier', (supplierId) => ({ supplierId, muted: true })),
  unmute: (event: RequestEvent) => run(event, MUTE_SUPPLIER, 'muteSupplier', (supplierId) => ({ supplierId, muted: false })),
}
