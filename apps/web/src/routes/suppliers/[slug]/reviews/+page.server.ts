import { error, fail, redirect } from '@sveltejs/kit'
import { FLAG_CONTENT, SUPPLIER_REVIEWS, type RatingSummaryView, type ReviewView } from '$lib/graphql/reviews'
import type { ResultError } from '$lib/graphql/auth'
import { GatewayError, gql } from '$lib/server/gateway'
import { gatewayErrorStatus, resultErrorStatus } from '$lib/server/http-status'
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

const REPORT_REASONS: readonly string[] = ['SPAM', 'ABUSE', 'FAKE_REVIEW', 'OFF_PLATFORM_CONTACT', 'PRIVACY', 'OTHER']

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
    reportAction: reportAction(url),
    limits: await getLimits(),
  }
}

function reportAction(url: URL): string {
  const params = new URLSearchParams(
    [...url.searchParams].filter(([key]) => !key.startsWith('/') && key !== 'reported'),
  )
  const search = params.toString()
  return search ? `?${search}&/report` : '?/report'
}

export const actions: Actions = {
  // Reports a review or a response; back to the same list, which says thanks under it.
  report: async ({ request, url, locals }) => {
    if (!locals.viewer) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`)
    const form = await request.formData()
    const contentId = String(form.get('contentId') ?? '')
    const reason = String(form.get('reason') ?? '')
    const details = String(form.get('details') ?? '').trim()
    const failure = (status: number, message: string) =>
      fail(status, { report: { contentId, reason, details, message } })
    if (!REPORT_REASONS.includes(reason)) return failure(400, 'Choose what’s wrong.')
    let result: { __typename: string } | ResultError
    try {
      result = (
        await gql<{ flagContent: { __typename: string } | ResultError }>(FLAG_CONTENT, {
          input: { contentId, reason, details: details || null },
        })
      ).flagContent
    } catch (err) {
      if (!(err instanceof GatewayError)) throw err
      console.error(`[web] report content: ${err.toLogString()}`)
      if (gatewayErrorStatus(err) === 401)
        redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`)
      return failure(err.kind === 'network' ? 503 : 400, 'We couldn’t send your report. Please try again.')
    }
    if ('code' in result) return failure(resultErrorStatus(result), result.message)
    const back = new URLSearchParams(
      [...url.searchParams].filter(([key]) => !key.startsWith('/') && key !== 'reported'),
    )
    back.set('reported', contentId)
    redirect(303, `${url.pathname}?${back}`)
  },
}
