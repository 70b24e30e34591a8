import { error, redirect } from '@sveltejs/kit'
import { SEARCH_MESSAGES } from '$lib/graphql/search'
import type { SearchHit, SearchRequest, SearchResults } from '$lib/search'
import { GatewayError, gql } from './gateway'
import { isBadInput, isRefused } from './http-status'

const PAGE_SIZE = 20

type SearchData = {
  searchMessages:
    | {
        __typename: 'MessageSearchConnection'
        notice: string | null
        pageInfo: { hasNextPage: boolean; endCursor: string | null }
        edges: Array<{ node: SearchHit }>
      }
    | { __typename: 'ForbiddenError' | 'UnauthenticatedError'; message: string; code: string }
}

/**
 * One page of an inbox's search: the buyer's own conversations, or with `supplierId` the team's.
 * A refusal reads as the page not existing for the viewer (as the team inbox itself does), a
 * cursor from elsewhere as a 400, and the gateway's notices (a cut or wordless query) go to the
 * page to show: they are answers, not errors.
 */
export async function searchInbox(request: SearchRequest, supplierId: string | null, url: URL): Promise<SearchResults> {
  let data: SearchData
  try {
    data = await gql<SearchData>(SEARCH_MESSAGES, {
      query: request.q,
      supplierId,
      order: request.order,
      first: PAGE_SIZE,
      after: request.after,
    })
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    if (isBadInput(err)) error(400, 'That page of search results doesn’t exist.')
    if (isRefused(err)) error(404, 'We couldn’t find that inbox.')
    console.error(`[web] search: ${err.toLogString()}`)
    error(503, 'We can’t search right now. Please try again in a moment.')
  }
  const result = data.searchMessages
  if (result.__typename !== 'MessageSearchConnection') {
    if (result.__typename === 'UnauthenticatedError')
      redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`)
    error(404, 'We couldn’t find that inbox.')
  }
  return {
    request,
    hits: result.edges.map((e) => e.node),
    notice: result.notice,
    nextCursor: result.pageInfo.hasNextPage ? result.pageInfo.endCursor : null,
  }
}
