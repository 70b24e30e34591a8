import { error } from '@sveltejs/kit'
import { MODERATION_QUEUE, type FlagKind, type FlagStatus, type QueueFlag } from '$lib/graphql/moderation'
import { GatewayError, gql } from '$lib/server/gateway'
import { isBadInput, isRefused } from '$lib/server/http-status'
import { requireStaff } from '$lib/server/staff'
import type { PageServerLoad } from './$types'

const PAGE_SIZE = 20
const DAY = 24 * 60 * 60 * 1000
// The filters as the query string spells them (readable links), and what the API takes.
const STATUSES: Record<string, FlagStatus> = { open: 'OPEN', actioned: 'ACTIONED', dismissed: 'DISMISSED' }
const KINDS: Record<string, FlagKind> = {
  review: 'REVIEW',
  response: 'REVIEW_RESPONSE',
  question: 'PRODUCT_QUESTION',
  answer: 'PRODUCT_ANSWER',
  conversation: 'CONVERSATION',
}
const AGES: Record<string, number> = { '1d': 1, '7d': 7, '30d': 30 }

type Data = {
  moderationQueue: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: QueueFlag }> }
}

export const load: PageServerLoad = async ({ locals, url }) => {
  requireStaff(locals.viewer, url)
  // Unknown values fall back to the defaults: they come from links and the filter form.
  const status = url.searchParams.get('status') ?? 'open'
  const kind = url.searchParams.get('kind') ?? ''
  const age = url.searchParams.get('age') ?? ''
  const filters = {
    status: status in STATUSES ? status : 'open',
    kind: kind in KINDS ? kind : '',
    age: age in AGES ? age : '',
  }
  const after = url.searchParams.get('after')
  let data: Data
  try {
    data = await gql<Data>(MODERATION_QUEUE, {
      status: STATUSES[filters.status],
      kinds: filters.kind ? [KINDS[filters.kind]] : null,
      olderThan: filters.age ? new Date(Date.now() - AGES[filters.age]! * DAY).toISOString() : null,
      first: PAGE_SIZE,
      after,
    })
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    if (isRefused(err)) error(404, 'We couldn’t find that page.')
    if (after && isBadInput(err))
      error(400, 'That page of the queue no longer exists. Start again from the first page.')
    console.error(`[web] moderation queue: ${err.toLogString()}`)
    error(503, 'We can’t load the queue right now. Please try again in a moment.')
  }
  const queue = data.moderationQueue
  return {
    flags: queue.edges.map((e) => e.node),
    next: queue.pageInfo.hasNextPage ? queue.pageInfo.endCursor : null,
    filters,
    firstPage: !after,
  }
}
