import { error, fail, redirect } from '@sveltejs/kit'
import { NOTIFICATION_PREFERENCES, UPDATE_NOTIFICATION_PREFERENCES } from '$lib/graphql/relationships'
import { GatewayError, gql } from '$lib/server/gateway'
import type { Actions, PageServerLoad } from './$types'

export type Preference = { kind: string; channel: 'IN_APP' | 'EMAIL'; enabled: boolean }

export const load: PageServerLoad = async ({ locals, url }) => {
  if (!locals.viewer) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname)}`)
  try {
    const { notificationPreferences } = await gql<{ notificationPreferences: Preference[] }>(NOTIFICATION_PREFERENCES, {})
    return { preferences: notificationPreferences, saved: url.searchParams.has('saved') }
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    console.error(`[web] notification settings: ${err.toLogString()}`)
    error(503, 'We can’t load your notification settings right now. Please try again in a moment.')
  }
}

export const actions: Actions = {
  /** The whole table in one post: each box present is on, each absent is off. */
  default: async ({ request, locals }) => {
    if (!locals.viewer) redirect(303, '/sign-in?next=%2Fsettings%2Fnotifications')
    const form = await request.formData()
    const shown = form.getAll('shown').map(String)
    const on = new Set(form.getAll('on').map(String))
    const preferences = shown.map((key) => {
      const [kind, channel] = key.split(':')
      return { kind, channel, enabled: on.has(key) }
    })
    try {
      const result = (await gql<{ updateNotificationPreferences: { __typename: string; message?: string } }>(UPDATE_NOTIFICATION_PREFERENCES, { input: { preferences } }))
        .updateNotificationPreferences
      if (result.__typename !== 'NotificationPreferencesPayload') return fail(400, { problem: result.message ?? 'That didn’t work.' })
    } catch (err) {
      if (!(err instanceof GatewayError)) throw err
      console.error(`[web] save notification settings: ${err.toLogString()}`)
      return fail(400, { problem: 'Those settings didn’t save. Please try again.' })
    }
    redirect(303, '/settings/notifications?saved')
  },
}
