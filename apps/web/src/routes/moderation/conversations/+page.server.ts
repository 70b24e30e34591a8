import { error, fail } from '@sveltejs/kit'
import {
  OPEN_CONVERSATION_FOR_REQUEST,
  STAFF_ACCESS_REASONS,
  type OpenedConversation,
  type StaffAccessReason,
} from '$lib/graphql/moderation'
import { mutate } from '$lib/server/form-results'
import { GatewayError } from '$lib/server/gateway'
import { getLimits } from '$lib/server/limits'
import { requireStaff } from '$lib/server/staff'
import { conversationIdFrom } from './conversation-id'
import type { Actions, PageServerLoad } from './$types'

export const load: PageServerLoad = async ({ locals, url }) => {
  requireStaff(locals.viewer, url)
  try {
    return { limits: await getLimits() }
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    console.error(`[web] open a conversation for a request: ${err.toLogString()}`)
    error(503, 'We can’t load this page right now. Please try again in a moment.')
  }
}

export const actions: Actions = {
  // Nothing is shown unless the gateway has recorded the opening in the conversation's access
  // log first: the messages come only from its answer, never from a read of their own.
  default: async ({ locals, url, request }) => {
    requireStaff(locals.viewer, url)
    const form = await request.formData()
    const values = {
      conversationId: String(form.get('conversationId') ?? '').trim(),
      reason: String(form.get('reason') ?? ''),
      reference: String(form.get('reference') ?? ''),
    }
    const conversationId = conversationIdFrom(values.conversationId)
    const errors: Record<string, string> = {}
    if (!values.conversationId)
      errors.conversationId = 'Paste the conversation’s address (…/conversations/…) or its id.'
    else if (!conversationId)
      errors.conversationId =
        'That isn’t a conversation’s address or id. Paste the address of its page, like https://…/conversations/…'
    if (!(values.reason in STAFF_ACCESS_REASONS)) errors.reason = 'Choose a support request or a legal request.'
    if (Object.keys(errors).length > 0)
      return fail(400, { action: 'open', message: 'Nothing was opened or recorded.', errors, values })

    const reason = values.reason as StaffAccessReason
    const opened = await mutate<OpenedConversation>(
      'open',
      OPEN_CONVERSATION_FOR_REQUEST,
      { conversationId, reason, reference: values.reference },
      'OpenedConversation',
      { values },
    )
    if (opened.failure) return opened.failure
    return {
      action: 'open',
      // Its `reason` is the access log's own wording, as both parties now read it.
      opened: opened.value,
    }
  },
}
