import { error } from '@sveltejs/kit'
import { TEAM_FLAGGED, type TeamFlaggedData } from '$lib/graphql/moderation'
import { gatewayWsUrl } from '$lib/server/env'
import { requireMembership, teamPageQuery } from '$lib/server/team'
import type { PageServerLoad } from './$types'

const PAGE_SIZE = 20

// What of the supplier's content was reported, and what the moderators decided. The page
// reloads on every review event (FLAG_DECIDED among them), through the 'app:flagged' dependency.
export const load: PageServerLoad = async ({ locals, url, params, depends }) => {
  depends('app:flagged')
  requireMembership(locals.viewer, url, params.slug, 'page')
  const show = url.searchParams.get('show') === 'open' ? 'open' : 'all'
  const after = url.searchParams.get('after')
  const data = await teamPageQuery<TeamFlaggedData>(
    TEAM_FLAGGED,
    { slug: params.slug, first: PAGE_SIZE, after, open: show === 'open' },
    'your reported content',
  )
  if (!data.supplier) error(404, 'We couldn’t find that page.')
  const { flaggedContent, ...supplier } = data.supplier
  return {
    supplier,
    items: flaggedContent.edges.map((e) => e.node),
    openCount: flaggedContent.openCount,
    next: flaggedContent.pageInfo.hasNextPage ? flaggedContent.pageInfo.endCursor : null,
    firstPage: !after,
    show,
    wsUrl: gatewayWsUrl(url).href,
  }
}
