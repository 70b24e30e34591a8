import { error, fail, redirect } from '@sveltejs/kit'
import { BUYER_ORDERS, DISMISS_REVIEW_INVITATION, type ModerationNoticeView } from '$lib/graphql/reviews'
import { GatewayError, gql } from '$lib/server/gateway'
import { gatewayErrorStatus, isBadInput, resultErrorStatus } from '$lib/server/http-status'
import type { Money } from '$lib/types'
import type { Actions, PageServerLoad } from './$types'

const PAGE_SIZE = 20

export type OrderRow = {
  id: string
  number: string
  status: 'PLACED' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED'
  placedAt: string
  deliveredAt: string | null
  reviewClosesAt: string | null
  total: Money
  items: Array<{ productName: string; quantity: number }>
  supplier: { id: string; slug: string; name: string }
  review: { id: string; rating: number; updateSuggested: boolean; moderation: ModerationNoticeView | null } | null
}
/** A delivered order the buyer is invited to review (made once, at delivery). */
export type InvitationRow = {
  closesAt: string
  order: { id: string; number: string; deliveredAt: string; items: Array<{ productName: string; quantity: number }>; supplier: { slug: string; name: string } }
}
type Page = { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: OrderRow }> }

export const load: PageServerLoad = async ({ locals, url }) => {
  if (!locals.viewer) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`)
  if (!locals.viewer.buyer) error(403, 'Orders are for buyer accounts.')
  const after = url.searchParams.get('after') || null
  let page: Page
  let invitations: InvitationRow[]
  try {
    const { viewer } = await gql<{ viewer: { orders: Page; reviewInvitations: { edges: Array<{ node: InvitationRow }> } } }>(BUYER_ORDERS, { first: PAGE_SIZE, after })
    page = viewer.orders
    invitations = viewer.reviewInvitations.edges.map((e) => e.node)
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    if (isBadInput(err) && after) error(400, 'That page of your orders doesn’t exist.')
    console.error(`[web] orders: ${err.toLogString()}`)
    error(503, 'We can’t load your orders right now. Please try again in a moment.')
  }
  return {
    orders: page.edges.map((e) => e.node),
    // The invitations lead the first page only: older pages are for looking things up.
    invitations: after === null ? invitations : [],
    next: page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null,
    firstPage: after === null,
    /** The viewer's buyer id: with an order's supplier, the link to their history together. */
    buyerId: locals.viewer.buyer.id,
    reviewed: url.searchParams.get('reviewed'),
    deleted: url.searchParams.get('deleted'),
    now: Date.now(),
  }
}

export const actions: Actions = {
  /** "Not now": the invitation stops showing; the order keeps its "Write a review" until the window closes. */
  dismiss: async ({ request, locals }) => {
    if (!locals.viewer) redirect(303, '/sign-in?next=%2Forders')
    const orderId = String((await request.formData()).get('orderId') ?? '')
    try {
      const result = (await gql<{ dismissReviewInvitation: { __typename: string; code?: string; message?: string } }>(DISMISS_REVIEW_INVITATION, { input: { orderId } }))
        .dismissReviewInvitation
      if (result.code) return fail(resultErrorStatus(result), { dismissFailed: result.message ?? 'That didn’t work.' })
    } catch (err) {
      if (!(err instanceof GatewayError)) throw err
      console.error(`[web] dismiss review invitation: ${err.toLogString()}`)
      if (gatewayErrorStatus(err) === 401) redirect(303, '/sign-in?next=%2Forders')
      return fail(err.kind === 'network' ? 503 : 400, { dismissFailed: 'That didn’t go through. Please try again.' })
    }
    redirect(303, '/orders')
  },
}
