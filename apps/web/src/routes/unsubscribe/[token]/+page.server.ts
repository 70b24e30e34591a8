import { fail } from '@sveltejs/kit'
import { UNSUBSCRIBE_EMAIL } from '$lib/graphql/relationships'
import { GatewayError, gql } from '$lib/server/gateway'
import type { Actions, PageServerLoad } from './$types'

// The visible link in every email: a page that asks before it unsubscribes (a link preview or
// a mail scanner opening it must not turn anything off). Mail clients' one-click POST goes to
// the API directly (List-Unsubscribe), which needs no page.
export const load: PageServerLoad = () => ({})

type Result = { unsubscribeEmail: { __typename: string; kind?: string; email?: string; message?: string } }

export const actions: Actions = {
  default: async ({ params }) => {
    try {
      const result = (await gql<Result>(UNSUBSCRIBE_EMAIL, { input: { token: params.token } }, { token: null })).unsubscribeEmail
      if (result.__typename !== 'UnsubscribeEmailPayload') return fail(404, { problem: result.message ?? 'This link is not valid.' })
      return { email: result.email ?? '', kind: result.kind ?? '' }
    } catch (err) {
      if (!(err instanceof GatewayError)) throw err
      console.error(`[web] unsubscribe: ${err.toLogString()}`)
      return fail(503, { problem: 'That didn’t go through. Please try again in a moment.' })
    }
  },
}
