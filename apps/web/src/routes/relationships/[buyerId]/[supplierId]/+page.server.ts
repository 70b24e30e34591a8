import { error, redirect } from '@sveltejs/kit'
import { RELATIONSHIP_PAGE } from '$lib/graphql/relationships'
import type { ConversationStatus } from '$lib/messages'
import { GatewayError, gql } from '$lib/server/gateway'
import { isBadInput } from '$lib/server/http-status'
import type { Money, UpdateImage } from '$lib/types'
import type { PageServerLoad } from './$types'

const PAGE_SIZE = 20

export type TimelineKind = 'ORDER' | 'CONVERSATION' | 'REVIEW' | 'UPDATE'

/** One thing between the pair; the field its kind names is null if it has since been removed. */
export type TimelineEntry = {
  kind: TimelineKind
  at: string
  order: {
    id: string
    number: string
    status: string
    total: Money
    items: Array<{ productName: string; quantity: number }>
  } | null
  conversation: {
    id: string
    subject: string | null
    status: ConversationStatus
    product: { name: string } | null
  } | null
  review: { id: string; rating: number | null; title: string | null; body: string } | null
  update: { id: string; title: string; body: string; image: UpdateImage | null } | null
}

export type RelationshipHealth = {
  orderCount: number
  repeatOrderCount: number
  firstOrderAt: string | null
  lastOrderAt: string | null
  lastContactAt: string | null
  openConversationCount: number
  resolvedConversationCount: number
  medianResolveSeconds: number | null
}

export type BuyerResponsiveness = {
  usuallyRepliesWithin: number | null
  medianFirstResponse: number | null
  responseRate: number | null
  conversations: number
  samples: number
}

type Data = {
  relationship: {
    orderCount: number
    firstOrderAt: string | null
    blockedByBuyer: boolean
    blockedBySupplier: boolean
    buyer: { id: string; displayName: string; location: string | null; responseMetrics: BuyerResponsiveness }
    supplier: { id: string; slug: string; name: string }
    health: RelationshipHealth | null
    timeline: {
      pageInfo: { hasNextPage: boolean; endCursor: string | null }
      edges: Array<{ node: TimelineEntry }>
    }
  } | null
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
  if (!locals.viewer) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`)
  const after = url.searchParams.get('after') || null
  let data: Data
  try {
    data = await gql<Data>(RELATIONSHIP_PAGE, {
      buyerId: params.buyerId,
      supplierId: params.supplierId,
      first: PAGE_SIZE,
      after,
    })
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    if (isBadInput(err)) {
      // A malformed id names nobody: the page doesn't exist. A malformed cursor is a bad page of one that does.
      if (after && err.errors.some((e) => e.extensions?.field === 'after' || e.path?.includes('timeline')))
        error(400, 'That page of your history together doesn’t exist.')
      error(404, 'We couldn’t find that history.')
    }
    console.error(`[web] relationship: ${err.toLogString()}`)
    error(503, 'We can’t load this history right now. Please try again in a moment.')
  }
  const relationship = data.relationship
  // Someone else's pair looks exactly like one that doesn't exist.
  if (!relationship) error(404, 'We couldn’t find that history. It may belong to another account.')

  const { timeline, health, buyer, ...rest } = relationship
  return {
    ...rest,
    // The team's view: the buyer's responsiveness sits beside the health figures; the buyer sees neither.
    side: health ? ('SUPPLIER' as const) : ('BUYER' as const),
    buyer: { id: buyer.id, displayName: buyer.displayName, location: buyer.location },
    responsiveness: health ? buyer.responseMetrics : null,
    health,
    entries: timeline.edges.map((e) => e.node),
    next: timeline.pageInfo.hasNextPage ? timeline.pageInfo.endCursor : null,
    firstPage: after === null,
  }
}
