import { error, redirect } from '@sveltejs/kit'
import { BUYER_ORDERS, type ModerationNoticeView } from '$lib/graphql/reviews'
import { GatewayError, gql } from '$lib/server/gateway'
import { isBadInput } from '$lib/server/http-status'
import type { Money } from '$lib/types'
import type { PageServerLoad } from './$types'

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
  supplier: { slug: string; name: string }
  review: { id: string; rating: number; updateSuggested: boolean; moderation: ModerationNoticeView | null } | null
}
type Page = { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: OrderRow }> }

export const load: PageServerLoad = async ({ locals, url }) => {
  if (!locals.viewer) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`)
  if (!locals.viewer.buyer) error(403, 'Orders are for buyer accounts.')
  const after = url.searchParams.get('after') || null
  let page: Page
  try {
    page = (await gql<{ viewer: { orders: Page } }>(BUYER_ORDERS, { first: PAGE_SIZE, after })).viewer.orders
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    if (isBadInput(err) && after) error(400, 'That page of your orders doesn’t exist.')
    console.error(`[web] orders: ${err.toLogString()}`)
    error(503, 'We can’t load your orders right now. Please try again in a moment.')
  }
  return {
    orders: page.edges.map((e) => e.node),
    next: page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null,
    firstPage: after === null,
    reviewed: url.searchParams.get('reviewed'),
    deleted: url.searchParams.get('deleted'),
    now: Date.now(),
  }
}
