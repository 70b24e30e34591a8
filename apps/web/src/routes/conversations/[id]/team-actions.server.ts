// The conversation page's actions for the supplier's team: assigning, status, labels, saved replies
// and telling teammates who has the conversation open.
import type { ResultError } from '$lib/graphql/auth'
import {
  ASSIGN_CONVERSATION,
  MARK_ORDER_DELIVERED,
  RENDER_SAVED_REPLY,
  SET_CONVERSATION_LABELS,
  SET_CONVERSATION_STATUS,
  SET_VIEWING,
} from '$lib/graphql/messaging'
import type { ConversationStatus } from '$lib/messages'
import { back, failure, isEnhanced, resultMessage, run, text, type ConversationResult } from './action-support.server'
import type { Actions } from './$types'

const STATUSES: readonly string[] = ['OPEN', 'AWAITING_SUPPLIER', 'AWAITING_BUYER', 'RESOLVED']

export const teamActions = {
  // Called by the team's page as it opens, every 20 s while it stays visible, and on leaving (the
  // gateway refuses the buyer, whose page never calls it).
  viewing: async (event) => {
    const form = await event.request.formData()
    const outcome = await run<{ setViewing: boolean }>('viewing', SET_VIEWING, {
      input: { conversationId: event.params.id, viewing: text(form, 'viewing') !== 'false' },
    })
    if (!outcome.ok) return failure(outcome.status, { action: 'viewing', message: outcome.message })
    return { action: 'viewing' }
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

  /** The order in the history panel arrived: its buyer gets the review invitation. */
  markDelivered: async (event) => {
    const form = await event.request.formData()
    const outcome = await run<{ markOrderDelivered: { __typename: string } | ResultError }>('mark delivered', MARK_ORDER_DELIVERED, {
      input: { orderId: text(form, 'orderId') },
    })
    if (!outcome.ok) return failure(outcome.status, { action: 'markDelivered', message: outcome.message })
    const result = outcome.data.markOrderDelivered
    if (result.__typename !== 'Order') return failure(400, { action: 'markDelivered', message: resultMessage(result) })
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
} satisfies Actions
