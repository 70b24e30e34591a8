import { error, fail, redirect } from '@sveltejs/kit'
import { PRESENCE_VISIBILITY, SET_PRESENCE_VISIBILITY } from '$lib/graphql/presence'
import { gatewayFailure } from '$lib/server/form-results'
import { GatewayError, gql } from '$lib/server/gateway'
import type { Actions, PageServerLoad } from './$types'

export type PresenceVisibility = 'VISIBLE' | 'INVISIBLE'

export const load: PageServerLoad = async ({ locals, url }) => {
  if (!locals.viewer) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname)}`)
  let visibility: PresenceVisibility
  try {
    const data = await gql<{ viewer: { presenceVisibility: PresenceVisibility } | null }>(PRESENCE_VISIBILITY, {})
    if (!data.viewer) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname)}`)
    visibility = data.viewer.presenceVisibility
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    console.error(`[web] privacy settings: ${err.toLogString()}`)
    error(503, 'We can’t load your privacy settings right now. Please try again in a moment.')
  }
  return { visibility, saved: url.searchParams.has('saved') }
}

export const actions: Actions = {
  default: async ({ request, locals }) => {
    if (!locals.viewer) redirect(303, '/sign-in?next=%2Fsettings%2Fprivacy')
    const choice = String((await request.formData()).get('visibility') ?? '')
    if (choice !== 'VISIBLE' && choice !== 'INVISIBLE') {
      return fail(400, {
        action: 'presence',
        message: 'Choose Visible or Invisible, then save. Nothing was changed.',
        errors: { visibility: 'Choose Visible or Invisible.' } as Record<string, string>,
      })
    }
    try {
      await gql<{ setPresenceVisibility: PresenceVisibility }>(SET_PRESENCE_VISIBILITY, {
        input: { visibility: choice },
      })
    } catch (err) {
      return gatewayFailure('presence', err)
    }
    redirect(303, '/settings/privacy?saved')
  },
}
