// A team's bulk actions on selected inbox rows: assign, set status, add or remove labels on many
// conversations at once. All or nothing: every conversation is checked before any changes, and
// the changes share one transaction, so a refused action leaves every row as it was.
import { ForbiddenError, membershipOf, NotFoundError, ValidationError, type Viewer } from '@rapport/core'
import type { Conversation } from '@rapport/db'
import { requireViewer } from './access.ts'
import { announceConversationChange } from './conversation-changes.ts'
import type { MessagingDeps } from './deps.ts'
import { isUuid } from './ids.ts'
import { MESSAGING_LIMITS } from './limits.ts'
import { parseField } from './send-message.ts'
import { assigneeOf, changed, labelSchema, tellAssignee, type Status } from './team-inbox.ts'

export type BulkChanges = {
  /** A team member's id to assign to; `null` unassigns; absent leaves assignees alone. */
  assigneeId?: string | null
  status?: Status
  addLabels?: string[]
  removeLabels?: string[]
}

export type BulkInput = BulkChanges & { supplierId: string; conversationIds: string[] }

/** The labels a conversation ends with: removals first, then additions, in their first order. */
export function nextLabels(current: readonly string[], add: readonly string[], remove: readonly string[]): string[] {
  const removed = new Set(remove)
  return [...new Set([...current.filter((l) => !removed.has(l)), ...add])]
}

function parseBulk(input: BulkInput) {
  const ids = [...new Set(input.conversationIds)]
  if (ids.length === 0) throw new ValidationError('Select at least one conversation.', 'conversationIds')
  if (ids.length > MESSAGING_LIMITS.bulkConversations)
    throw new ValidationError(`Select at most ${MESSAGING_LIMITS.bulkConversations} conversations at a time.`, 'conversationIds')
  const add = [...new Set(parseField(labelSchema, input.addLabels ?? [], 'addLabels'))]
  const remove = [...new Set(parseField(labelSchema, input.removeLabels ?? [], 'removeLabels'))]
  if (add.some((l) => remove.includes(l))) throw new ValidationError('A label cannot be both added and removed.', 'addLabels')
  const fields = [
    ...(input.assigneeId !== undefined ? ['assignee'] : []),
    ...(input.status !== undefined ? ['status'] : []),
    ...(add.length + remove.length > 0 ? ['labels'] : []),
  ]
  if (fields.length === 0) throw new ValidationError('Choose something to change: an assignee, a status or labels.', 'input')
  return { ids, add, remove, fields }
}

/** Applies one set of changes to many of a supplier's conversations, in one transaction. */
export async function updateConversations(deps: MessagingDeps, viewer: Viewer | null, input: BulkInput): Promise<Conversation[]> {
  const v = requireViewer(viewer)
  if (!membershipOf(v, input.supplierId)) throw new ForbiddenError('Only the supplier’s team can do this.')
  const { ids, add, remove, fields } = parseBulk(input)
  const found = ids.every(isUuid) ? await deps.db.conversation.findMany({ where: { id: { in: ids }, supplierId: input.supplierId } }) : []
  // Another supplier's or a made-up id reads as missing: ids reveal nothing.
  if (found.length !== ids.length) throw new NotFoundError('Some of the selected conversations no longer exist.')
  for (const c of found) {
    if (nextLabels(c.labels, add, remove).length > MESSAGING_LIMITS.labelsPerConversation)
      throw new ValidationError(`A conversation would have more than ${MESSAGING_LIMITS.labelsPerConversation} labels.`, 'addLabels')
  }
  const member = await assigneeOf(deps, input.assigneeId, input.supplierId)

  const now = deps.clock.now()
  const { rows, afters } = await deps.db.$transaction(async (tx) => {
    const rows: Conversation[] = []
    const afters: Array<() => void> = []
    // Rows locked in id order, so two bulk actions over overlapping selections cannot deadlock.
    const current = await tx.$queryRaw<Array<Pick<Conversation, 'id' | 'labels' | 'assigneeId'>>>`
      SELECT "id", "labels", "assigneeId" FROM "Conversation" WHERE "id" = ANY(${ids}::uuid[]) ORDER BY "id" FOR UPDATE`
    for (const c of current) {
      const row = await tx.conversation.update({
        where: { id: c.id },
        data: {
          ...(input.assigneeId !== undefined ? { assigneeId: input.assigneeId } : {}),
          ...(input.status !== undefined ? { status: input.status, resolvedAt: input.status === 'RESOLVED' ? now : null } : {}),
          ...(fields.includes('labels') ? { labels: nextLabels(c.labels, add, remove) } : {}),
        },
      })
      await changed(deps, tx, row, fields)
      if (input.assigneeId !== undefined) {
        const after = await tellAssignee(deps, tx, v, row, member, c.assigneeId)
        if (after) afters.push(after)
      }
      rows.push(row)
    }
    return { rows, afters }
  })
  for (const row of rows) announceConversationChange(deps, row, fields, v.userId)
  for (const after of afters) after()
  // In the order they were selected.
  const byId = new Map(rows.map((r) => [r.id, r]))
  return ids.map((id) => byId.get(id)!)
}
