import { error, fail, redirect } from '@sveltejs/kit'
import { RESPOND_TO_REVIEW, TEAM_REVIEWS, type RatingSummaryView, type ReviewView } from '$lib/graphql/reviews'
import { gatewayWsUrl } from '$lib/server/env'
import { GatewayError, gql } from '$lib/server/gateway'
import { getLimits } from '$lib/server/limits'
import { requireMembership, teamPageQuery } from '$lib/server/team'
import type { Actions, PageServerLoad } from './$types'

// The newest reviews; a supplier's team reads them as they come (older ones are on the public page).
const LATEST = 50

type Data = {
  supplier: {
    id: string
    slug: string
    name: string
    timeZone: string
    ratingSummary: RatingSummaryView
    reviews: { edges: Array<{ node: ReviewView }> }
  } | null
}

export const load: PageServerLoad = async ({ locals, url, params, depends }) => {
  depends('app:feedback')
  requireMembership(locals.viewer, url, params.slug, 'page')
  const data = await teamPageQuery<Data>(TEAM_REVIEWS, { slug: params.slug, first: LATEST }, 'your reviews')
  if (!data.supplier) error(404, 'We couldn’t find that page.')
  const { reviews, ...supplier } = data.supplier
  const all = reviews.edges.map((e) => e.node)
  const show = url.searchParams.get('show') === 'unanswered' ? 'unanswered' : 'all'
  return {
    supplier,
    reviews: show === 'unanswered' ? all.filter((r) => !r.response) : all,
    unanswered: all.filter((r) => !r.response).length,
    show,
    responded: url.searchParams.get('responded'),
    wsUrl: gatewayWsUrl(url).href,
    limits: await getLimits(),
  }
}

export const actions: Actions = {
  respond: async ({ request, params, url, locals }) => {
    requireMembership(locals.viewer, url, params.slug, 'page')
    const form = await request.formData()
    const reviewId = String(form.get('reviewId') ?? '')
    const body = String(form.get('body') ?? '').trim()
    if (!body) return fail(400, { reviewId, body, message: 'Write a response first.' })
    let result: { __typename: string; message?: string }
    try {
      result = (await gql<{ respondToReview: { __typename: string; message?: string } }>(RESPOND_TO_REVIEW, { input: { reviewId, body } })).respondToReview
    } catch (err) {
      if (!(err instanceof GatewayError)) throw err
      console.error(`[web] respond to review: ${err.toLogString()}`)
      return fail(err.kind === 'network' ? 503 : 400, { reviewId, body, message: 'We couldn’t publish your response. Nothing was changed; please try again.' })
    }
    if (result.__typename !== 'ReviewResponse') return fail(409, { reviewId, body, message: result.message ?? 'That didn’t work.' })
    redirect(303, `${url.pathname}?responded=${encodeURIComponent(reviewId)}#review-${encodeURIComponent(reviewId)}`)
  },
}
