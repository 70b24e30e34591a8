import type { ConversationStatus } from './messages'

export type InboxRow = {
  id: string
  status: ConversationStatus
  subject: string | null
  lastMessageAt: string
  lastMessagePreview: string | null
  unreadCount: number
  /** Team inbox only: the buyer's inbox never asks for the team's labels or assignee. */
  labels?: string[]
  expectedReplyBy: string | null
  /** Ids: team inbox only, for the link to the buyer's history with the team. */
  supplier: { name: string; slug: string; id?: string }
  buyer: { displayName: string; id?: string }
  product: { name: string } | null
  assignee?: { id: string; displayName: string } | null
}

export type InboxPage = {
  pageInfo: { hasNextPage: boolean; endCursor: string | null }
  edges: Array<{ node: InboxRow }>
}

/** The `ConversationFilter` for the query string of an inbox page (only known values pass). */
export type InboxFilter = {
  status?: ConversationStatus
  unread?: boolean
  needsReply?: boolean
  assigneeId?: string
  unassigned?: boolean
  label?: string
}

const STATUSES: readonly string[] = ['OPEN', 'AWAITING_SUPPLIER', 'AWAITING_BUYER', 'RESOLVED']

export function filterFromQuery(params: URLSearchParams, viewerMemberId: string | null = null): InboxFilter {
  const filter: InboxFilter = {}
  const status = params.get('status')?.toUpperCase()
  if (status && STATUSES.includes(status)) filter.status = status as ConversationStatus
  if (params.get('unread') === '1') filter.unread = true
  if (params.get('needsReply') === '1') filter.needsReply = true
  const assignee = params.get('assignee')
  if (assignee === 'none') filter.unassigned = true
  else if (assignee === 'me' && viewerMemberId) filter.assigneeId = viewerMemberId
  else if (assignee && assignee !== 'me' && assignee.length <= 200) filter.assigneeId = assignee
  const label = params.get('label')?.trim().toLowerCase()
  if (label && label.length <= 60) filter.label = label
  return filter
}

/** The buyer's inbox filters: labels and assignees are the supplier team's, not the buyer's. */
export function buyerFilterFromQuery(params: URLSearchParams): InboxFilter {
  const { status, unread, needsReply } = filterFromQuery(params)
  return { ...(status ? { status } : {}), ...(unread ? { unread } : {}), ...(needsReply ? { needsReply } : {}) }
}

/** The query string without the page cursor, to keep filters when paging. */
export function filterQuery(params: URLSearchParams): Record<string, string> {
  const keep: Record<string, string> = {}
  for (const key of ['status', 'unread', 'needsReply', 'assignee', 'label']) {
    const value = params.get(key)
    if (value) keep[key] = value
  }
  return keep
}
