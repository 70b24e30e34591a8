// Bulk actions on selected inbox rows over GraphQL: one mutation assigns, sets the status and
// adds or removes labels on up to MESSAGING_LIMITS.bulkConversations conversations, all or
// nothing. Rules in @rapport/messaging (bulk-actions.ts).
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '@rapport/core'
import { MESSAGING_LIMITS, updateConversations } from '@rapport/messaging'
import type { Conversation } from '@rapport/db'
import { builder } from '../../builder.ts'
import { decodeGlobalId } from '../../schema/ids.ts'
import { messagingDeps } from './deps.ts'
import { ConversationRef, ConversationStatusEnum } from './types.ts'

const UpdateConversationsInput = builder.inputType('UpdateConversationsInput', {
  description: 'Leave out what should stay as it is; at least one change is needed.',
  fields: (t) => ({
    supplierId: t.id({ required: true }),
    conversationIds: t.idList({ required: true, description: `1 to ${MESSAGING_LIMITS.bulkConversations} of the supplier’s conversations.` }),
    assigneeId: t.id({ description: 'A team member to assign them all to; an explicit null unassigns them.' }),
    status: t.field({ type: ConversationStatusEnum }),
    addLabels: t.stringList({ description: `Labels added to each (each ends with at most ${MESSAGING_LIMITS.labelsPerConversation}).` }),
    removeLabels: t.stringList({ description: 'Labels removed from each, where present.' }),
  }),
})

const UpdateConversationsPayload = builder.objectRef<{ conversations: Conversation[] }>('UpdateConversationsPayload').implement({
  fields: (t) => ({
    conversations: t.field({ type: [ConversationRef], description: 'The changed conversations, in the order given.', resolve: (p) => p.conversations }),
  }),
})

builder.mutationFields((t) => ({
  updateConversations: t.field({
    type: UpdateConversationsPayload,
    description: 'Bulk actions on a supplier’s inbox: the same changes to every given conversation, in one transaction; one refusal changes none.',
    authScopes: { signedIn: true },
    errors: { types: [ValidationError, NotFoundError, ForbiddenError, UnauthenticatedError], directResult: true },
    args: { input: t.arg({ type: UpdateConversationsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const conversations = await updateConversations(messagingDeps(ctx), ctx.viewer, {
        supplierId: decodeGlobalId(input.supplierId, 'Supplier', 'supplierId'),
        conversationIds: input.conversationIds.map((id) => decodeGlobalId(id, 'Conversation', 'conversationIds')),
        // Absent leaves assignees alone; null unassigns.
        ...(input.assigneeId !== undefined ? { assigneeId: input.assigneeId === null ? null : decodeGlobalId(input.assigneeId, 'TeamMember', 'assigneeId') } : {}),
        ...(input.status ? { status: input.status } : {}),
        addLabels: input.addLabels ?? [],
        removeLabels: input.removeLabels ?? [],
      })
      return { conversations }
    },
  }),
}))
