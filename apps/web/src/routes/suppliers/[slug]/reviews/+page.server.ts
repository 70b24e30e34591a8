import { error } from '@sveltejs/kit'
import { SUPPLIER_REVIEWS, type RatingSummaryView, type ReviewView } from '$lib/graphql/reviews'
import { GatewayError, gql } from '$lib/server/gateway'
import { reportAction, reportActionHref } from '$lib/server/report-action'
import { getLimits } from '$lib/server/limits'
import type { Actions, PageServerLoad } from './$types'

const PAGE_SIZE = 10
const SORTS = [
  { value: 'MOST_HELPFUL', label: 'Most helpful' },
  { value: 'NEWEST', label: 'Newest' },
  { value: 'HIGHEST', label: 'Highest rated' },
  { value: 'LOWEST', label: 'Lowest rated' },
] as const
type Sort = (typeof SORTS)[number]['value']

type Data = {
  supplier: {
    id: string
    slug: string
    name: string
    timeZone: string
    ratingSummary: RatingSummaryView
    reviews: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: ReviewView }> }
  } | null
}

export const load: PageServerLoad = async ({ params, url, locals }) => {
  // Unknown values fall back to the defaults rather than failing: these come from links and the form.
  const sortParam = url.searchParams.get('sort')
  const sort: Sort = SORTS.some((s) => s.value === sortParam) ? (sortParam as Sort) : 'MOST_HELPFUL'
  const starsParam = Number(url.searchParams.get('stars'))
  const stars = Number.isInteger(starsParam) && starsParam >= 1 && starsParam <= 5 ? starsParam : null
  const after = url.searchParams.get('after')
  let data: Data
  try {
    data = await gql<Data>(SUPPLIER_REVIEWS, {
      slug: params.slug,
      first: PAGE_SIZE,
      after,
      sort,
      stars: stars ? [stars] : null,
    })
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    // A cursor from an old link: start the list again instead of failing the page.
    if (after && err.code === 'BAD_USER_INPUT')
      error(400, 'That page of reviews no longer exists. Start again from the first page.')
    console.error(`[web] supplier reviews: ${err.toLogString()}`)
    error(503, 'We can’t load these reviews right now. Please try again in a moment.')
  }
  const supplier = data.supplier
  if (!supplier) error(404, 'We couldn’t find that supplier. The link may be old, or the shop may have closed.')
  const { reviews, ...rest } = supplier
  return {
    supplier: rest,
    reviews: reviews.edges.map((e) => e.node),
    next: reviews.pageInfo.hasNextPage ? reviews.pageInfo.endCursor : null,
    sort,
    stars,
    firstPage: !after,
    sorts: SORTS,
    signedIn: !!locals.viewer,
    /** What was just reported (the page comes back here after a report). */
    reported: url.searchParams.get('reported'),
    here: `${url.pathname}${url.search}`,
    /** The report form posts back to this list as it is (sort, stars, page), so it comes back here. */
    reportAction: reportActionHref(url),
    limits: await getLimits(),
  }
}

export const actions: Actions = {
  // Reports a review or a response; back to the same list, which says thanks under it.
  report: reportAction,
}
