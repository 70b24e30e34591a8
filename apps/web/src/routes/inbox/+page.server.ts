import { error, redirect } from '@sveltejs/kit'
import { BUYER_INBOX } from '$lib/graphql/messaging'
import { buyerFilterFromQuery, filterQuery, type InboxPage } from '$lib/inbox'
import { gatewayWsUrl } from '$lib/server/env'
import { GatewayError, gql } from '$lib/server/gateway'
import { isBadInput } from '$lib/server/http-status'
import { searchInbox } from '$lib/server/search'
import { searchFromQuery } from '$lib/search'
import type { PageServerLoad } from './$types'

const PAGE_SIZE = 20

export const load: PageServerLoad = async ({ locals, url, depends }) => {
  depends('app:inbox')
  if (!locals.viewer) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`)
  if (!locals.viewer.buyer) {
    // Supplier people have their team's inbox instead.
    const first = locals.viewer.memberships[0]
    if (first) redirect(303, `/suppliers/${encodeURIComponent(first.supplier.slug)}/inbox`)
    error(403, 'This inbox is for buyer accounts.')
  }
  const search = searchFromQuery(url.searchParams)
  if (search) {
    // A search spans every conversation: the filters only wait in the URL for when it's cleared.
    return {
      search: await searchInbox(search, null, url),
      rows: [],
      nextCursor: null,
      isFirstPage: true,
      filters: filterQuery(url.searchParams),
      wsUrl: gatewayWsUrl(url).href,
    }
  }
  const after = url.searchParams.get('after') || null
  const filter = buyerFilterFromQuery(url.searchParams)
  let page: InboxPage
  try {
    page = (await gql<{ viewer: { conversations: InboxPage } }>(BUYER_INBOX, { first: PAGE_SIZE, after, filter }))
      .viewer.conversations
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    if (isBadInput(err) && after) {
      error(400, 'That page of your inbox doesn’t exist.')
    }
    console.error(`[web] inbox: ${err.toLogString()}`)
    error(503, 'We can’t load your inbox right now. Please try again in a moment.')
  }
  return {
    search: null,
    rows: page.edges.map((e) => e.node),
    nextCursor: page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null,
    isFirstPage: after === null,
    filters: filterQuery(url.searchParams),
    wsUrl: gatewayWsUrl(url).href,
  }
}
