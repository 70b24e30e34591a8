// How a change to a conversation is announced, shared by the team's actions and the send path
// (a reply takes an unassigned conversation).
import type { MessagingDeps } from './deps.ts'

/** Fields that are the supplier team's working notes: their changes are announced to the team only. */
export const TEAM_ONLY_FIELDS: ReadonlySet<string> = new Set(['labels', 'assignee'])

/** Tells both sides (or only the team, for team-only fields) that a conversation changed. */
export function announceConversationChange(deps: Pick<MessagingDeps, 'publish'>, c: { id: string; buyerId: string; supplierId: string }, fields: string[], actorId: string) {
  const audience = fields.every((f) => TEAM_ONLY_FIELDS.has(f)) ? ({ audience: 'team' } as const) : {}
  deps.publish({ kind: 'conversation', event: { type: 'ConversationUpdated', conversationId: c.id, fields, ...audience } })
  deps.publish({ kind: 'inbox', event: { type: 'UPDATED', conversationId: c.id, buyerId: c.buyerId, supplierId: c.supplierId, actorId, ...audience } })
}
