import { error, redirect } from '@sveltejs/kit'
import { TEAM_INBOX } from '$lib/graphql/messaging'
import { filterFromQuery, filterQuery, type InboxPage } from '$lib/inbox'
import { gatewayWsUrl } from '$lib/server/env'
import { GatewayError, gql } from '$lib/server/gateway'
import { isBadInput, isRefused } from '$lib/server/http-status'
import { searchInbox } from '$lib/server/search'
import { searchFromQuery } from '$lib/search'
import type { PageServerLoad } from './$types'

const PAGE_SIZE = 20

type TeamInboxData = {
  supplier: {
    id: string
    slug: string
    name: string
    team: Array<{ id: string; displayName: string }>
    inbox: InboxPage
  } | null
}

export const load: PageServerLoad = async ({ locals, url, params, depends }) => {
  depends('app:inbox')
  if (!locals.viewer) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`)
  const membership = locals.viewer.memberships.find((m) => m.supplier.slug === params.slug)
  // The team inbox of a supplier you're not on is, for you, a page that doesn't exist.
  if (!membership) error(404, 'We couldn’t find that team inbox.')

  const search = searchFromQuery(url.searchParams)
  if (search) {
    // A search spans the whole inbox: the filters only wait in the URL for when it's cleared.
    return {
      search: await searchInbox(search, membership.supplier.id, url),
      supplier: membership.supplier,
      team: [],
      viewerMemberId: membership.member.id,
      rows: [],
      nextCursor: null,
      isFirstPage: true,
      filters: filterQuery(url.searchParams),
      justJoined: false,
      wsUrl: gatewayWsUrl(url).href,
    }
  }
  const after = url.searchParams.get('after') || null
  const filter = filterFromQuery(url.searchParams, membership.member.id)
  let data: TeamInboxData
  try {
    data = await gql<TeamInboxData>(TEAM_INBOX, { slug: params.slug, first: PAGE_SIZE, after, filter })
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    if (isRefused(err)) {
      error(404, 'We couldn’t find that team inbox.')
    }
    if (isBadInput(err)) {
      error(400, 'That page of the inbox doesn’t exist.')
    }
    console.error(`[web] team inbox: ${err.toLogString()}`)
    error(503, 'We can’t load the team inbox right now. Please try again in a moment.')
  }
  const supplier = data.supplier
  if (!supplier) error(404, 'We couldn’t find that team inbox.')
  return {
    search: null,
    supplier: { id: supplier.id, slug: supplier.slug, name: supplier.name },
    team: supplier.team,
    viewerMemberId: membership.member.id,
    rows: supplier.inbox.edges.map((e) => e.node),
    nextCursor: supplier.inbox.pageInfo.hasNextPage ? supplier.inbox.pageInfo.endCursor : null,
    isFirstPage: after === null,
    filters: filterQuery(url.searchParams),
    justJoined: url.searchParams.get('joined') === '1',
    wsUrl: gatewayWsUrl(url).href,
  }
}
