import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit'
import type { ResultError } from '$lib/graphql/auth'
import {
  ASSIGN_CONVERSATION,
  CONFIRM_RESOLVED,
  CONVERSATION_PAGE,
  DELETE_MESSAGE,
  EDIT_MESSAGE,
  MARK_READ,
  REACT,
  RENDER_SAVED_REPLY,
  REPORT_CONVERSATION,
  SEND_MESSAGE,
  SET_CONVERSATION_BLOCKED,
  SET_READ_RECEIPTS_HIDDEN,
  SET_CONVERSATION_LABELS,
  SET_CONVERSATION_STATUS,
  SET_TYPING,
  TEAM_TOOLS,
} from '$lib/graphql/messaging'
import type { ConversationState, ConversationStatus, MessageData, ReadPosition, Side } from '$lib/messages'
import { REACTIONS } from '$lib/messages'
import { gatewayWsUrl } from '$lib/server/env'
import type { Money } from '$lib/types'
import { unfilledPlaceholders } from '$lib/text'
import { GatewayError, gql, uploadAttachment } from '$lib/server/gateway'
import type { Actions, PageServerLoad } from './$types'

const PAGE_SIZE = 50
const MAX_BODY = 4000
const MAX_FILES = 5
const REPORT_REASONS: readonly string[] = ['SPAM', 'ABUSE', 'OFF_PLATFORM_CONTACT', 'PRIVACY', 'OTHER']
const STATUSES: readonly string[] = ['OPEN', 'AWAITING_SUPPLIER', 'AWAITING_BUYER', 'RESOLVED']

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
export type RelationshipFlags = {
  blockedByBuyer: boolean
  blockedBySupplier: boolean
  viewerHidesReadReceipts: boolean
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
  const before = url.searchParams.get('before') || null

  let data: ConversationPageData
  try {
    data = await gql<ConversationPageData>(CONVERSATION_PAGE, { id: params.id, last: PAGE_SIZE, before })
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    if (err.kind === 'graphql' && (err.code === 'VALIDATION_FAILED' || err.code === 'BAD_USER_INPUT')) {
      if (before) error(400, 'That page of messages doesn’t exist.')
      error(404, 'We couldn’t find that conversation.')
    }
    unavailable(err, 'conversation page')
  }
  const conversation = data.conversation
  // Someone else's conversation looks exactly like one that doesn't exist.
  if (!conversation) error(404, 'We couldn’t find that conversation. It may belong to another account.')

  let team: NonNullable<TeamToolsData['supplier']> | null = null
  if (conversation.viewerSide === 'SUPPLIER') {
    try {
      team = (await gql<TeamToolsData>(TEAM_TOOLS, { slug: conversation.supplier.slug })).supplier
    } catch (err) {
      if (!(err instanceof GatewayError)) throw err
      // The conversation still works without the team's tools.
      console.error(`[web] team tools: ${err.toLogString()}`)
    }
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
    viewerMemberId:
      locals.viewer.memberships.find((m) => m.supplier.id === conversation.supplier.id)?.member.id ?? null,
    clientMessageId: crypto.randomUUID(),
    editing: url.searchParams.get('edit'),
    replyingTo: url.searchParams.get('reply'),
    wsUrl: gatewayWsUrl(url).href,
  }
}

/** Enhanced submits (fetch) get data back; plain form posts are redirected back to the page. */
function isEnhanced(event: RequestEvent): boolean {
  return event.request.headers.get('x-sveltekit-action') === 'true'
}

function back(event: RequestEvent, hash = ''): never {
  redirect(303, `/conversations/${encodeURIComponent(event.params.id ?? '')}${hash}`)
}

type Failure = {
  action: string
  message: string
  field?: string
  body?: string
  clientMessageId?: string
  replyToId?: string | null
}

function failure(status: number, data: Failure) {
  return fail(status, data)
}

function resultMessage(result: ResultError | { __typename: string }): string {
  return 'message' in result ? result.message : 'That didn’t work. Please try again.'
}

async function run<T>(action: string, query: string, variables: Record<string, unknown>) {
  try {
    return { ok: true as const, data: await gql<T>(query, variables) }
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    console.error(`[web] conversation ${action}: ${err.toLogString()}`)
    if (err.code === 'UNAUTHENTICATED') return { ok: false as const, status: 401, message: 'Please sign in again.' }
    const status = err.kind === 'network' ? 503 : 400
    const message =
      err.kind === 'network' ? 'We couldn’t reach the server. Please try again.' : 'That didn’t work. Please try again.'
    return { ok: false as const, status, message }
  }
}

type MessageResult = ({ __typename: 'Message' } & MessageData) | ResultError
type ConversationResult = ({ __typename: 'Conversation' } & ConversationState) | ResultError
type SendResult =
  | {
      __typename: 'SendMessagePayload'
      duplicate: boolean
      notice: string | null
      sentMessage: MessageData
      conversation: ConversationState
    }
  | ResultError

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim()

type RelationshipResult = { __typename: 'Conversation'; id: string; relationship: RelationshipFlags } | ResultError

/** Blocking and hiding receipts: one switch of the relationship, the flags sent back to redraw. */
async function switchRelationship(
  event: RequestEvent,
  action: string,
  mutation: string,
  input: Record<string, boolean>,
) {
  const outcome = await run<Record<string, RelationshipResult>>(action, mutation, {
    input: { conversationId: event.params.id, ...input },
  })
  if (!outcome.ok) return failure(outcome.status, { action, message: outcome.message })
  const result = Object.values(outcome.data)[0]
  if (!result || !('relationship' in result)) {
    return failure(400, { action, message: result ? resultMessage(result) : 'That didn’t work. Please try again.' })
  }
  if (isEnhanced(event)) return { action, relationship: result.relationship }
  back(event)
}

async function upload(file: File) {
  try {
    const result = await uploadAttachment(file)
    if ('error' in result)
      return { status: result.status === 413 ? 413 : 400, message: `${file.name}: ${result.error}` }
    return result
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    console.error(`[web] upload: ${err.toLogString()}`)
    return { status: 503, message: 'We couldn’t reach the server to upload the file. Please try again.' }
  }
}

export const actions: Actions = {
  send: async (event) => {
    const form = await event.request.formData()
    const body = text(form, 'body')
    const clientMessageId = text(form, 'clientMessageId')
    const replyToId = text(form, 'replyToId') || null
    const refuse = (status: number, message: string, field?: string) =>
      failure(status, { action: 'send', message, field, body, clientMessageId, replyToId })

    // Files arrive either already uploaded (the page uploads them first, then sends their ids)
    // or, without JavaScript, with this very form.
    const attachmentIds = text(form, 'attachmentIds').split(',').filter(Boolean)
    const files = form.getAll('files').filter((f): f is File => f instanceof File && f.size > 0)
    if (!body && attachmentIds.length === 0 && files.length === 0) return refuse(400, 'Write a message first.', 'body')
    if (body.length > MAX_BODY) return refuse(400, `Keep it under ${MAX_BODY.toLocaleString('en')} characters.`, 'body')
    if (!/^[A-Za-z0-9_-]{8,64}$/.test(clientMessageId)) return refuse(400, 'Please send the message again.')
    // Without JavaScript the same check as the page's: a saved reply's unfilled placeholder
    // would reach the buyer as "{{order.number}}".
    const left = unfilledPlaceholders(body)
    if (left.length > 0 && form.get('side') === 'SUPPLIER') {
      return refuse(
        400,
        `Replace ${left.join(', ')} before sending: there’s nothing to fill it with in this conversation.`,
        'body',
      )
    }
    if (attachmentIds.length + files.length > MAX_FILES)
      return refuse(400, `Attach at most ${MAX_FILES} files to one message.`, 'files')
    for (const file of files) {
      const uploaded = await upload(file)
      if ('message' in uploaded) return refuse(uploaded.status, uploaded.message, 'files')
      attachmentIds.push(uploaded.attachment.id)
    }

    const outcome = await run<{ sendMessage: SendResult }>('send', SEND_MESSAGE, {
      input: {
        conversationId: event.params.id,
        body,
        clientMessageId,
        ...(replyToId ? { replyToId } : {}),
        ...(attachmentIds.length > 0 ? { attachmentIds } : {}),
      },
    })
    // The same clientMessageId goes back to the form, so sending again can't deliver it twice.
    if (!outcome.ok) return refuse(outcome.status, outcome.message)
    const result = outcome.data.sendMessage
    if (!('sentMessage' in result)) {
      const status = result.__typename === 'RateLimitedError' ? 429 : result.__typename === 'ForbiddenError' ? 403 : 400
      return refuse(status, resultMessage(result), 'field' in result && result.field === 'body' ? 'body' : undefined)
    }
    if (isEnhanced(event)) {
      return { action: 'send', sent: result.sentMessage, conversation: result.conversation, notice: result.notice }
    }
    back(event, `#m${result.sentMessage.sequence}`)
  },

  /** One file, uploaded before its message is sent (the page shows it while the message is pending). */
  upload: async (event) => {
    const form = await event.request.formData()
    const file = form.get('file')
    if (!(file instanceof File) || file.size === 0)
      return failure(400, { action: 'upload', message: 'Choose a file to attach.' })
    const uploaded = await upload(file)
    if ('message' in uploaded) return failure(uploaded.status, { action: 'upload', message: uploaded.message })
    return { action: 'upload', attachment: uploaded.attachment }
  },

  block: async (event) => {
    const form = await event.request.formData()
    return switchRelationship(event, 'block', SET_CONVERSATION_BLOCKED, { blocked: text(form, 'blocked') === 'true' })
  },

  receipts: async (event) => {
    const form = await event.request.formData()
    return switchRelationship(event, 'receipts', SET_READ_RECEIPTS_HIDDEN, { hidden: text(form, 'hidden') === 'true' })
  },

  report: async (event) => {
    const form = await event.request.formData()
    const reason = text(form, 'reason')
    const details = text(form, 'details')
    if (!REPORT_REASONS.includes(reason))
      return failure(400, { action: 'report', message: 'Choose what’s wrong.', field: 'reason' })
    if (details.length > 2000)
      return failure(400, { action: 'report', message: 'Keep the details under 2,000 characters.', field: 'details' })
    const outcome = await run<{ reportConversation: { __typename: string } | ResultError }>(
      'report',
      REPORT_CONVERSATION,
      {
        input: { conversationId: event.params.id, reason, details: details || null },
      },
    )
    if (!outcome.ok) return failure(outcome.status, { action: 'report', message: outcome.message })
    const result = outcome.data.reportConversation
    if (result.__typename !== 'MutationReportConversationSuccess') {
      return failure(400, { action: 'report', message: resultMessage(result) })
    }
    return { action: 'report', reported: true }
  },

  edit: async (event) => {
    const form = await event.request.formData()
    const messageId = text(form, 'messageId')
    const body = text(form, 'body')
    if (!body) return failure(400, { action: 'edit', message: 'A message can’t be empty. Unsend it instead.', body })
    const outcome = await run<{ editMessage: MessageResult }>('edit', EDIT_MESSAGE, { input: { messageId, body } })
    if (!outcome.ok) return failure(outcome.status, { action: 'edit', message: outcome.message, body })
    const result = outcome.data.editMessage
    if (!('sequence' in result)) return failure(400, { action: 'edit', message: resultMessage(result), body })
    if (isEnhanced(event)) return { action: 'edit', message: result }
    back(event, `#m${result.sequence}`)
  },

  unsend: async (event) => {
    const form = await event.request.formData()
    const outcome = await run<{ deleteMessage: MessageResult }>('unsend', DELETE_MESSAGE, {
      input: { messageId: text(form, 'messageId') },
    })
    if (!outcome.ok) return failure(outcome.status, { action: 'unsend', message: outcome.message })
    const result = outcome.data.deleteMessage
    if (!('sequence' in result)) return failure(400, { action: 'unsend', message: resultMessage(result) })
    if (isEnhanced(event)) return { action: 'unsend', message: result }
    back(event, `#m${result.sequence}`)
  },

  react: async (event) => {
    const form = await event.request.formData()
    // "👍|add" or "👍|remove": one button per emoji carries both.
    const [emoji = '', mode = 'add'] = text(form, 'reaction').split('|')
    if (!(REACTIONS as readonly string[]).includes(emoji)) {
      return failure(400, { action: 'react', message: 'Choose one of the reactions offered.' })
    }
    const outcome = await run<{ react: MessageResult }>('react', REACT, {
      input: { messageId: text(form, 'messageId'), emoji, add: mode !== 'remove' },
    })
    if (!outcome.ok) return failure(outcome.status, { action: 'react', message: outcome.message })
    const result = outcome.data.react
    if (!('sequence' in result)) return failure(400, { action: 'react', message: resultMessage(result) })
    if (isEnhanced(event)) return { action: 'react', message: result }
    back(event, `#m${result.sequence}`)
  },

  read: async (event) => {
    const form = await event.request.formData()
    const sequence = Number(text(form, 'sequence'))
    if (!Number.isInteger(sequence) || sequence < 0) return failure(400, { action: 'read', message: 'Bad sequence.' })
    const outcome = await run<{ markRead: ConversationResult }>('read', MARK_READ, {
      input: { conversationId: event.params.id, sequence },
    })
    if (!outcome.ok) return failure(outcome.status, { action: 'read', message: outcome.message })
    return { action: 'read', sequence }
  },

  typing: async (event) => {
    const form = await event.request.formData()
    const outcome = await run<{ setTyping: boolean }>('typing', SET_TYPING, {
      input: { conversationId: event.params.id, typing: text(form, 'typing') !== 'false' },
    })
    if (!outcome.ok) return failure(outcome.status, { action: 'typing', message: outcome.message })
    return { action: 'typing' }
  },

  resolve: async (event) => {
    const outcome = await run<{ confirmResolved: ConversationResult }>('resolve', CONFIRM_RESOLVED, {
      input: { conversationId: event.params.id },
    })
    if (!outcome.ok) return failure(outcome.status, { action: 'resolve', message: outcome.message })
    const result = outcome.data.confirmResolved
    if (!('status' in result)) return failure(400, { action: 'resolve', message: resultMessage(result) })
    if (isEnhanced(event)) return { action: 'resolve', conversation: result }
    back(event)
  },

  assign: async (event) => {
    const form = await event.request.formData()
    const assigneeId = text(form, 'assigneeId') || null
    const outcome = await run<{ assignConversation: ConversationResult }>('assign', ASSIGN_CONVERSATION, {
      input: { conversationId: event.params.id, assigneeId },
    })
    if (!outcome.ok) return failure(outcome.status, { action: 'assign', message: outcome.message })
    const result = outcome.data.assignConversation
    if (!('status' in result)) return failure(400, { action: 'assign', message: resultMessage(result) })
    if (isEnhanced(event)) return { action: 'assign', conversation: result }
    back(event)
  },

  status: async (event) => {
    const form = await event.request.formData()
    const status = text(form, 'status')
    if (!STATUSES.includes(status)) return failure(400, { action: 'status', message: 'Choose a status.' })
    const outcome = await run<{ setConversationStatus: ConversationResult }>('status', SET_CONVERSATION_STATUS, {
      input: { conversationId: event.params.id, status: status as ConversationStatus },
    })
    if (!outcome.ok) return failure(outcome.status, { action: 'status', message: outcome.message })
    const result = outcome.data.setConversationStatus
    if (!('status' in result)) return failure(400, { action: 'status', message: resultMessage(result) })
    if (isEnhanced(event)) return { action: 'status', conversation: result }
    back(event)
  },

  labels: async (event) => {
    const form = await event.request.formData()
    const labels = [
      ...new Set(
        text(form, 'labels')
          .split(',')
          .map((l) => l.trim().toLowerCase())
          .filter(Boolean),
      ),
    ]
    const outcome = await run<{ setConversationLabels: ConversationResult }>('labels', SET_CONVERSATION_LABELS, {
      input: { conversationId: event.params.id, labels },
    })
    if (!outcome.ok) return failure(outcome.status, { action: 'labels', message: outcome.message })
    const result = outcome.data.setConversationLabels
    if (!('status' in result)) return failure(400, { action: 'labels', message: resultMessage(result) })
    if (isEnhanced(event)) return { action: 'labels', conversation: result }
    back(event)
  },

  insertReply: async (event) => {
    const form = await event.request.formData()
    const outcome = await run<{ renderSavedReply: { __typename: string; data?: string } & Partial<ResultError> }>(
      'insert reply',
      RENDER_SAVED_REPLY,
      { input: { conversationId: event.params.id, savedReplyId: text(form, 'savedReplyId') } },
    )
    if (!outcome.ok) return failure(outcome.status, { action: 'insertReply', message: outcome.message })
    const result = outcome.data.renderSavedReply
    if (typeof result.data !== 'string') {
      return failure(400, { action: 'insertReply', message: result.message ?? 'That reply couldn’t be inserted.' })
    }
    // Plain form posts render the page again with the draft (and the reply it answers) in the composer.
    const before = text(form, 'body')
    return {
      action: 'insertReply',
      draft: `${before ? `${before}\n\n` : ''}${result.data}`,
      replyToId: text(form, 'replyToId') || null,
    }
  },
}
