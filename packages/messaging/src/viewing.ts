// The collision notice: which teammates have a conversation open, so two people do not answer the
// same buyer at once. Ephemeral, like typing: nothing is stored; a team member's page says it is
// viewing when it opens and renews that while it stays open, teammates' pages forget a viewer
// whose renewal is overdue, and a page that closes says so. The buyer never hears of it.
import { ForbiddenError, type Viewer } from '@rapport/core'
import { loadConversation } from './access.ts'
import type { MessagingDeps } from './deps.ts'

/** A viewer shows for `expiresSeconds` after their last notice; pages renew every `renewSeconds`. */
export const VIEWING = { expiresSeconds: 45, renewSeconds: 20 } as const

export async function setViewing(deps: MessagingDeps, viewer: Viewer | null, input: { conversationId: string; viewing: boolean }): Promise<void> {
  const { conversation, side, memberId } = await loadConversation(deps.db, viewer, input.conversationId)
  if (side !== 'SUPPLIER') throw new ForbiddenError('Only the supplier’s team shares who is viewing a conversation.')
  deps.publish({
    kind: 'conversation',
    event: {
      type: 'ViewingChanged',
      conversationId: conversation.id,
      userId: viewer!.userId,
      memberId: memberId!,
      displayName: viewer!.displayName,
      viewing: input.viewing,
      at: deps.clock.now().toISOString(),
      audience: 'team',
    },
  })
}
