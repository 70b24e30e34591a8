// The conversation page's actions for the supplier's team: the control bar (assignee, status, labels), saved replies
// and telling teammates who has the conversation open.
import type { ResultError } from '$lib/graphql/auth'
import { MARK_ORDER_DELIVERED, RENDER_SAVED_REPLY, SET_VIEWING, UPDATE_CONVERSATIONS } from '$lib/graphql/messaging'
import { asksForChange, isStatus, parseLabels } from '$lib/handling'
import type { ConversationState } from '$lib/messages'
import { back, failure, isEnhanced, resultMessage, run, text } from './action-support.server'
import type { Actions } from './$types'

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

  /**
   * The control bar: assignee, status and labels in one form. Only what differs from what the page
   * last showed is sent (`was…` fields), so a teammate's change to another field is not undone;
   * a select applies on its own (`only`), the Save button applies everything.
   */
  handle: async (event) => {
    const form = await event.request.formData()
    const only = text(form, 'only')
    const wants = (field: string) => only === '' || only === field
    const input: Record<string, unknown> = { supplierId: text(form, 'supplierId'), conversationIds: [event.params.id] }
    const me = text(form, 'assignToMe')
    if (me) input.assigneeId = me
    else {
      const assignee = text(form, 'assigneeId')
      if (wants('assignee') && assignee !== text(form, 'wasAssigneeId')) input.assigneeId = assignee || null
      const status = text(form, 'status')
      if (wants('status') && status !== text(form, 'wasStatus')) {
        if (!isStatus(status)) return failure(400, { action: 'handle', message: 'Choose a status.' })
        input.status = status
      }
      if (wants('labels')) {
        const next = parseLabels(text(form, 'labels'))
        const was = parseLabels(text(form, 'wasLabels'))
        const addLabels = next.filter((l) => !was.includes(l))
        const removeLabels = was.filter((l) => !next.includes(l))
        if (addLabels.length > 0) input.addLabels = addLabels
        if (removeLabels.length > 0) input.removeLabels = removeLabels
      }
    }
    if (!asksForChange(input)) return isEnhanced(event) ? { action: 'handle' } : back(event)
    const outcome = await run<{ updateConversations: { __typename: string; conversations?: ConversationState[] } | ResultError }>(
      'handle',
      UPDATE_CONVERSATIONS,
      { input },
    )
    if (!outcome.ok) return failure(outcome.status, { action: 'handle', message: outcome.message })
    const result = outcome.data.updateConversations
    if (!('conversations' in result) || !result.conversations?.[0]) return failure(400, { action: 'handle', message: resultMessage(result) })
    if (isEnhanced(event)) return { action: 'handle', conversation: result.conversations[0] }
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
