import { error, fail, redirect } from '@sveltejs/kit'
import { TEAM_INBOX, UPDATE_CONVERSATIONS } from '$lib/graphql/messaging'
import { asksForChange, isStatus, parseLabels } from '$lib/handling'
import { filterFromQuery, filterQuery, type InboxPage } from '$lib/inbox'
import { gatewayWsUrl } from '$lib/server/env'
import { GatewayError, gql } from '$lib/server/gateway'
import { mutate } from '$lib/server/form-results'
import { isBadInput, isRefused } from '$lib/server/http-status'
import { getLimits } from '$lib/server/limits'
import { searchInbox } from '$lib/server/search'
import { searchFromQuery } from '$lib/search'
import type { Actions, PageServerLoad } from './$types'

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
      bulkMax: PAGE_SIZE,
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
  const limits = await getLimits().catch(() => null)
  return {
    // Without the limit (the gateway unreachable for it) the gateway's own refusal still explains.
    bulkMax: limits?.bulkConversationsMax ?? PAGE_SIZE,
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

export const actions = {
  /** The bulk bar: the same changes to every ticked conversation, all or none. */
  bulk: async ({ request, locals, params }) => {
    const membership = locals.viewer?.memberships.find((m) => m.supplier.slug === params.slug)
    if (!membership) error(404, 'We couldn’t find that team inbox.')
    const form = await request.formData()
    const fail400 = (message: string) => fail(400, { action: 'bulk', message })
    const conversationIds = form.getAll('conversationId').map(String).filter(Boolean)
    if (conversationIds.length === 0) return fail400('Select at least one conversation first.')
    const input: Record<string, unknown> = { supplierId: membership.supplier.id, conversationIds }
    const assignee = String(form.get('assigneeId') ?? '')
    if (assignee) input.assigneeId = assignee === 'none' ? null : assignee
    const status = String(form.get('status') ?? '')
    if (status) {
      if (!isStatus(status)) return fail400('Choose a status.')
      input.status = status
    }
    const addLabels = parseLabels(String(form.get('addLabels') ?? ''))
    const removeLabels = parseLabels(String(form.get('removeLabels') ?? ''))
    if (addLabels.length > 0) input.addLabels = addLabels
    if (removeLabels.length > 0) input.removeLabels = removeLabels
    if (!asksForChange(input)) return fail400('Choose what to change: an assignee, a status or labels.')
    const { value, failure } = await mutate<{ conversations: unknown[] }>('bulk', UPDATE_CONVERSATIONS, input, 'UpdateConversationsPayload')
    if (failure) return failure
    const n = value.conversations.length
    return { action: 'bulk', ok: true, message: `Updated ${n} ${n === 1 ? 'conversation' : 'conversations'}.` }
  },
} satisfies Actions
