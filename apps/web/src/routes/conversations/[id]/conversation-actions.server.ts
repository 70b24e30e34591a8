// The conversation page's actions on the conversation and the relationship behind it: blocking,
// read receipts, reporting, and the buyer confirming their question was answered.
import {
  CONFIRM_RESOLVED,
  REPORT_CONVERSATION,
  SET_CONVERSATION_BLOCKED,
  SET_READ_RECEIPTS_HIDDEN,
} from '$lib/graphql/messaging'
import type { ResultError } from '$lib/graphql/auth'
import type { RequestEvent } from '@sveltejs/kit'
import { back, failure, isEnhanced, resultMessage, run, text, type ConversationResult } from './action-support.server'
import type { RelationshipFlags } from './relationship-flags'
import type { Actions } from './$types'

const REPORT_REASONS: readonly string[] = ['SPAM', 'ABUSE', 'OFF_PLATFORM_CONTACT', 'PRIVACY', 'OTHER']

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

export const conversationActions = {
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
} satisfies Actions
