import { error, redirect } from '@sveltejs/kit'
import { CONVERSATION_PAGE, INTERNAL_NOTES, TEAM_TOOLS } from '$lib/graphql/messaging'
import { CONVERSATION_PROPOSALS, type ProposalView } from '$lib/graphql/questions'
import type { ConversationState, ConversationStatus, MessageData, ReadPosition, Side } from '$lib/messages'
import { gatewayWsUrl } from '$lib/server/env'
import type { Money } from '$lib/types'
import { GatewayError, gql } from '$lib/server/gateway'
import { getLimits } from '$lib/server/limits'
import { isBadInput } from '$lib/server/http-status'
import { atSequence } from '$lib/search'
import { conversationActions } from './conversation-actions.server'
import type { InternalNote } from './internal-notes'
import { messageActions } from './message-actions.server'
import { noteActions } from './note-actions.server'
import { qaActions } from './qa-actions.server'
import { teamActions } from './team-actions.server'
import type { Actions, PageServerLoad } from './$types'
import type { RelationshipFlags } from './relationship-flags'

const PAGE_SIZE = 50
/** Notes come oldest first; any beyond these arrive with the live feed's replay. */
const NOTES_PAGE_SIZE = 100

type ConversationPageData = {
  conversation:
    | (ConversationState & {
        subject: string | null
        createdAt: string
        unreadCount: number
        viewerSide: Side
        canShareContactDetails: boolean
        buyer: {
          id: string
          displayName: string
          timeZone: string
          location: string | null
          responseMetrics: { usuallyRepliesWithin: number | null } | null
        }
        supplier: { id: string; slug: string; name: string; timeZone: string }
        product: { id: string; name: string } | null
        counterpartPresence: { online: boolean; lastSeenAt: string | null }
        order: Order | null
        relationship: Relationship
        readPositions: ReadPosition[]
        accessLog: StaffAccess[]
        messages: {
          pageInfo: { hasPreviousPage: boolean; startCursor: string | null }
          edges: Array<{ node: MessageData }>
        }
      })
    | null
}

type Order = { id: string; number: string; status: string; placedAt: string; total: Money }
export type Relationship = RelationshipFlags & {
  firstOrderAt: string | null
  orderCount: number
  otherConversationCount: number
  orders: Array<Order & { items: Array<{ productName: string; quantity: number }> }>
  otherConversations: Array<{
    id: string
    subject: string | null
    status: ConversationStatus
    lastMessageAt: string
    product: { name: string } | null
  }>
}

type NotesData = {
  conversation: { internalNotes: { edges: Array<{ node: InternalNote }> } | null } | null
}

type TeamToolsData = {
  supplier: {
    id: string
    team: Array<{ id: string; displayName: string; role: 'OWNER' | 'AGENT' }>
    savedReplies: Array<{ id: string; title: string; body: string }>
  } | null
}

function unavailable(err: GatewayError, what: string): never {
  console.error(`[web] ${what}: ${err.toLogString()}`)
  error(503, 'We can’t load this conversation right now. Please try again in a moment.')
}

export const load: PageServerLoad = async ({ params, url, locals, depends }) => {
  depends('app:conversation')
  if (!locals.viewer) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`)
  const proposals = loadProposals(params.id)
  const { data, before } = await loadConversationPage(params.id, url.searchParams)
  const conversation = data.conversation
  // Someone else's conversation looks exactly like one that doesn't exist.
  if (!conversation) error(404, 'We couldn’t find that conversation. It may belong to another account.')

  let team: NonNullable<TeamToolsData['supplier']> | null = null
  let notes: InternalNote[] = []
  if (conversation.viewerSide === 'SUPPLIER') {
    // Only the team asks for its notes: the buyer's page never sends the query at all.
    const loadingNotes = loadNotes(params.id)
    try {
      team = (await gql<TeamToolsData>(TEAM_TOOLS, { slug: conversation.supplier.slug })).supplier
    } catch (err) {
      if (!(err instanceof GatewayError)) throw err
      // The conversation still works without the team's tools.
      console.error(`[web] team tools: ${err.toLogString()}`)
    }
    notes = await loadingNotes
  }

  // Opening the page reads nothing by itself: with JavaScript the page reads what comes on screen,
  // without it the <noscript> beacon (./read) reads what was loaded.
  const { messages, ...rest } = conversation
  return {
    conversation: rest,
    messages: messages.edges.map((e) => e.node),
    olderCursor: messages.pageInfo.hasPreviousPage ? messages.pageInfo.startCursor : null,
    isLatest: before === null,
    before,
    team,
    notes,
    viewerMemberId:
      locals.viewer.memberships.find((m) => m.supplier.id === conversation.supplier.id)?.member.id ?? null,
    clientMessageId: crypto.randomUUID(),
    editing: url.searchParams.get('edit'),
    replyingTo: url.searchParams.get('reply'),
    wsUrl: gatewayWsUrl(url).href,
    limits: await getLimits(),
    proposals: await proposals,
  }
}

/**
 * The team's internal notes, oldest first. Without them the conversation still works, and the
 * live feed replays every note after sequence 0 once it connects, so they still arrive.
 */
async function loadNotes(id: string): Promise<InternalNote[]> {
  try {
    const data = await gql<NotesData>(INTERNAL_NOTES, { id, first: NOTES_PAGE_SIZE })
    return data.conversation?.internalNotes?.edges.map((e) => e.node) ?? []
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    console.error(`[web] internal notes: ${err.toLogString()}`)
    return []
  }
}

/**
 * The conversation with a page of its messages: the newest, an older page (`?before=`), or the
 * page holding message `?at=` (a search result's link), which the newest page may already hold.
 * `before` is the page's cursor, null for the newest page.
 */
async function loadConversationPage(id: string, params: URLSearchParams) {
  let before = params.get('before') || null
  const at = before ? null : atSequence(params)
  const query = () => gql<ConversationPageData>(CONVERSATION_PAGE, { id, last: PAGE_SIZE, before })
  try {
    let data = await query()
    const oldest = data.conversation?.messages.edges[0]?.node.sequence
    if (at !== null && oldest !== undefined && at < oldest) {
      before = cursorBefore(at + AROUND_AT)
      data = await query()
    }
    return { data, before }
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    if (isBadInput(err)) {
      if (before) error(400, 'That page of messages doesn’t exist.')
      error(404, 'We couldn’t find that conversation.')
    }
    unavailable(err, 'conversation page')
  }
}

/** Someone at Rapport opened this conversation (its access log): shown to both parties. */
export type StaffAccess = { id: string; at: string; actorName: string; actorRole: 'MODERATOR' | 'ADMIN' | 'STAFF'; reason: string }

/** Messages shown after the one opened at (`?at=`), so that it isn't the page's last. */
const AROUND_AT = 10

/**
 * The `messages(before:)` cursor for the messages before `sequence`. The gateway's cursors are
 * opaque, but this one is its `Message#<sequence>` (apps/gateway messaging/queries.ts), and there
 * is no other way to open at a sequence; a change there fails the search browser test.
 */
function cursorBefore(sequence: number): string {
  return Buffer.from(`Message#${sequence}`).toString('base64url')
}

/** Public Q&A proposals; the conversation still works without them. */
async function loadProposals(id: string): Promise<ProposalView[]> {
  try {
    const data = await gql<{ node: { publicQuestionProposals?: ProposalView[] } | null }>(CONVERSATION_PROPOSALS, { id })
    return data.node?.publicQuestionProposals ?? []
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    if (!isBadInput(err)) console.error(`[web] conversation proposals: ${err.toLogString()}`)
    return []
  }
}

/** The page's form actions, in groups beside this file. */
export const actions: Actions = {
  ...messageActions,
  ...noteActions,
  ...conversationActions,
  ...teamActions,
  ...qaActions,
}
