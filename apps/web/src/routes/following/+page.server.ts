import { error, redirect } from '@sveltejs/kit'
import { FOLLOWING_PAGE } from '$lib/graphql/relationships'
import { followActions } from '$lib/server/follow-actions'
import { GatewayError, gql } from '$lib/server/gateway'
import { isBadInput } from '$lib/server/http-status'
import type { Actions, PageServerLoad } from './$types'
import type { UpdateRow } from '$lib/types'

const PAGE_SIZE = 20

type Data = {
  viewer: { following: { edges: Array<{ node: { followedAt: string; muted: boolean; supplier: { id: string; slug: string; name: string; tagline: string | null } } }> } }
  supplierUpdates: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: UpdateRow }> }
}

export const load: PageServerLoad = async ({ locals, url }) => {
  if (!locals.viewer) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`)
  if (!locals.viewer.buyer) error(403, 'Following suppliers is for buyer accounts.')
  const after = url.searchParams.get('after') || null
  let data: Data
  try {
    data = await gql<Data>(FOLLOWING_PAGE, { first: PAGE_SIZE, after })
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    if (isBadInput(err) && after) error(400, 'That page of updates doesn’t exist.')
    console.error(`[web] following: ${err.toLogString()}`)
    error(503, 'We can’t load the suppliers you follow right now. Please try again in a moment.')
  }
  return {
    following: data.viewer.following.edges.map((e) => e.node),
    updates: data.supplierUpdates.edges.map((e) => e.node),
    next: data.supplierUpdates.pageInfo.hasNextPage ? data.supplierUpdates.pageInfo.endCursor : null,
    firstPage: after === null,
  }
}

export const actions: Actions = followActions
