// Staff opening a private conversation for a support or a legal request (reports have their own
// path, FlaggedConversation.lastMessages). A mutation, because it writes the access-log row the
// parties see (Conversation.accessLog) before any message is returned. Rules in @rapport/reviews.
import { encodeGlobalID } from '@pothos/plugin-relay'
import { ForbiddenError, NotFoundError, STAFF_ACCESS_REASONS, UnauthenticatedError, ValidationError, type StaffAccessReason } from '@rapport/core'
import { MODERATION_LIMITS, readConversationForRequest, type ReportedMessageDTO } from '@rapport/reviews'
import { builder } from '../../builder.ts'
import { decodeGlobalId } from '../../schema/ids.ts'
import { LimitsRef } from '../messaging/limits.ts'
import { reviewsDeps } from '../reviews/deps.ts'
import { ReportedMessageRef } from './types.ts'

const StaffAccessReasonEnum = builder.enumType('StaffAccessReason', {
  values: Object.fromEntries(Object.entries(STAFF_ACCESS_REASONS).map(([k, words]) => [k, { description: `A ${words}.` }])) as Record<StaffAccessReason, { description: string }>,
})

const OpenInput = builder.inputType('OpenConversationForRequestInput', {
  fields: (t) => ({
    conversationId: t.id({ required: true }),
    reason: t.field({ type: StaffAccessReasonEnum, required: true }),
    reference: t.string({ required: true, description: `The request's ticket or case (3 to ${MODERATION_LIMITS.staffAccessReference} characters), shown to both parties.` }),
    count: t.int({ description: 'How many of the last messages: 1 to 100; default 50.' }),
  }),
})

const OpenedConversation = builder.objectRef<{ conversationId: string; messages: ReportedMessageDTO[]; reason: string }>('OpenedConversation').implement({
  fields: (t) => ({
    reason: t.exposeString('reason', { description: 'What the access log now says, as both parties read it: "a legal request (case 42)".' }),
    conversationId: t.id({ resolve: (o) => encodeGlobalID('Conversation', o.conversationId) }),
    messages: t.field({ type: [ReportedMessageRef], description: 'The last messages, oldest first.', resolve: (o) => o.messages }),
  }),
})

builder.mutationFields((t) => ({
  openConversationForRequest: t.field({
    type: OpenedConversation,
    description: 'Staff read a private conversation for a support or legal request. Recorded first in its access log (who, when, the request), which both parties see.',
    authScopes: { staff: true },
    errors: { types: [UnauthenticatedError, ForbiddenError, NotFoundError, ValidationError], directResult: true },
    args: { input: t.arg({ type: OpenInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const conversationId = decodeGlobalId(input.conversationId, 'Conversation', 'conversationId')
      const opened = await readConversationForRequest(reviewsDeps(ctx), ctx.viewer, {
        conversationId,
        reason: input.reason,
        reference: input.reference,
        count: input.count ?? 50,
        ip: ctx.ip,
      })
      return { conversationId, ...opened }
    },
  }),
}))

builder.objectFields(LimitsRef, (t) => ({
  staffAccessReferenceMaxLength: t.int({ description: 'Characters in openConversationForRequest’s reference.', resolve: () => MODERATION_LIMITS.staffAccessReference }),
}))
