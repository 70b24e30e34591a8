// What a supplier team does with a conversation — assign, set status and labels — and what
// either side does with the relationship: confirm resolution, block, report, hide receipts.
import { ForbiddenError, NotFoundError, ValidationError, type Viewer } from '@rapport/core'
import type { Prisma } from '@rapport/db'
import { z } from 'zod'
import { loadConversation } from './access.ts'
import { announceConversationChange } from './conversation-changes.ts'
import type { MessagingDeps } from './deps.ts'
import { parseField } from './send-message.ts'
import { isUuid } from './ids.ts'
import { MESSAGING_LIMITS } from './limits.ts'

export type Status = 'OPEN' | 'AWAITING_SUPPLIER' | 'AWAITING_BUYER' | 'RESOLVED'

export { TEAM_ONLY_FIELDS, announceConversationChange } from './conversation-changes.ts'

/** Tells the deps' hook about a change, inside its transaction. */
export async function changed(deps: MessagingDeps, tx: Prisma.TransactionClient, c: { id: string; supplierId: string }, fields: string[]) {
  await deps.onConversationChanged?.(tx, { conversationId: c.id, supplierId: c.supplierId, fields, at: deps.clock.now() })
}

async function requireSupplierSide(deps: MessagingDeps, viewer: Viewer | null, conversationId: string) {
  const access = await loadConversation(deps.db, viewer, conversationId)
  if (access.side !== 'SUPPLIER') throw new ForbiddenError('Only the supplier’s team can do this.')
  return access
}

/**
 * A conversation handed to someone else (not taken by oneself, not unchanged): they are told,
 * inside the change's transaction. Returns what to run after the commit.
 */
export async function tellAssignee(
  deps: MessagingDeps,
  tx: Prisma.TransactionClient,
  viewer: Viewer,
  row: { id: string; buyerId: string; subject: string | null },
  member: { id: string; userId: string } | null,
  previousAssigneeId: string | null,
): Promise<(() => void) | undefined> {
  if (!member || member.userId === viewer.userId || previousAssigneeId === member.id || !deps.onAssigned) return undefined
  const buyer = await tx.buyer.findUniqueOrThrow({ where: { id: row.buyerId }, select: { displayName: true } })
  const about = row.subject ? `: “${row.subject}”` : ''
  const after = await deps.onAssigned(tx, {
    conversationId: row.id,
    userId: member.userId,
    text: `${viewer.displayName} assigned you the conversation with ${buyer.displayName}${about}.`,
    at: deps.clock.now(),
  })
  return after ?? undefined
}

/** The team member a conversation is to be assigned to (null: unassigned), or a clear refusal. */
export async function assigneeOf(deps: MessagingDeps, assigneeId: string | null | undefined, supplierId: string) {
  if (!assigneeId) return null
  const member = isUuid(assigneeId) ? await deps.db.supplierMember.findUnique({ where: { id: assigneeId } }) : null
  if (!member || member.removedAt || member.supplierId !== supplierId) throw new ValidationError('Assign to a member of this supplier’s team.', 'assigneeId')
  return member
}

export async function assignConversation(
  deps: MessagingDeps,
  viewer: Viewer | null,
  input: { conversationId: string; assigneeId: string | null },
) {
  const { conversation } = await requireSupplierSide(deps, viewer, input.conversationId)
  const member = await assigneeOf(deps, input.assigneeId, conversation.supplierId)
  const { updated, after } = await deps.db.$transaction(async (tx) => {
    const previous = await tx.conversation.findUniqueOrThrow({ where: { id: conversation.id }, select: { assigneeId: true } })
    const row = await tx.conversation.update({ where: { id: conversation.id }, data: { assigneeId: input.assigneeId } })
    await changed(deps, tx, row, ['assignee'])
    return { updated: row, after: await tellAssignee(deps, tx, viewer!, row, member, previous.assigneeId) }
  })
  announceConversationChange(deps, updated, ['assignee'], viewer!.userId)
  after?.()
  return updated
}

export async function setConversationStatus(
  deps: MessagingDeps,
  viewer: Viewer | null,
  input: { conversationId: string; status: Status },
) {
  const { conversation } = await requireSupplierSide(deps, viewer, input.conversationId)
  const now = deps.clock.now()
  const updated = await deps.db.$transaction(async (tx) => {
    const row = await tx.conversation.update({ where: { id: conversation.id }, data: { status: input.status, resolvedAt: input.status === 'RESOLVED' ? now : null } })
    await changed(deps, tx, row, ['status'])
    return row
  })
  announceConversationChange(deps, updated, ['status'], viewer!.userId)
  return updated
}

export const labelSchema = z
  .array(z.string().trim().toLowerCase().min(1).max(MESSAGING_LIMITS.label, `Labels are at most ${MESSAGING_LIMITS.label} characters.`).regex(/^[\p{L}\p{N} _-]+$/u, 'Labels use letters, digits, spaces, _ and -.'))
  .max(MESSAGING_LIMITS.labelsPerConversation, `At most ${MESSAGING_LIMITS.labelsPerConversation} labels.`)

export async function setConversationLabels(
  deps: MessagingDeps,
  viewer: Viewer | null,
  input: { conversationId: string; labels: string[] },
) {
  const { conversation } = await requireSupplierSide(deps, viewer, input.conversationId)
  const labels = [...new Set(parseField(labelSchema, input.labels, 'labels'))]
  const updated = await deps.db.$transaction(async (tx) => {
    const row = await tx.conversation.update({ where: { id: conversation.id }, data: { labels } })
    await changed(deps, tx, row, ['labels'])
    return row
  })
  announceConversationChange(deps, updated, ['labels'], viewer!.userId)
  return updated
}

/** The buyer's "this answered my question": resolves the conversation, counted in metrics. */
export async function confirmResolved(deps: MessagingDeps, viewer: Viewer | null, input: { conversationId: string }) {
  const { conversation, side } = await loadConversation(deps.db, viewer, input.conversationId)
  if (side !== 'BUYER') throw new ForbiddenError('Only the buyer can confirm that their question was answered.')
  const now = deps.clock.now()
  const updated = await deps.db.$transaction(async (tx) => {
    const row = await tx.conversation.update({ where: { id: conversation.id }, data: { status: 'RESOLVED', resolvedAt: now, buyerConfirmedAt: now } })
    await changed(deps, tx, row, ['status', 'buyerConfirmedAt'])
    return row
  })
  announceConversationChange(deps, updated, ['status', 'buyerConfirmedAt'], viewer!.userId)
  return updated
}

export async function setBlocked(deps: MessagingDeps, viewer: Viewer | null, input: { conversationId: string; blocked: boolean }) {
  const { conversation, side } = await loadConversation(deps.db, viewer, input.conversationId)
  const at = input.blocked ? deps.clock.now() : null
  await deps.db.relationship.upsert({
    where: { buyerId_supplierId: { buyerId: conversation.buyerId, supplierId: conversation.supplierId } },
    create: { buyerId: conversation.buyerId, supplierId: conversation.supplierId, ...(side === 'BUYER' ? { buyerBlockedAt: at } : { supplierBlockedAt: at }) },
    update: side === 'BUYER' ? { buyerBlockedAt: at } : { supplierBlockedAt: at },
  })
  announceConversationChange(deps, conversation, ['blocked'], viewer!.userId)
  return conversation
}

export async function setReceiptsHidden(deps: MessagingDeps, viewer: Viewer | null, input: { conversationId: string; hidden: boolean }) {
  const { conversation, side } = await loadConversation(deps.db, viewer, input.conversationId)
  await deps.db.relationship.upsert({
    where: { buyerId_supplierId: { buyerId: conversation.buyerId, supplierId: conversation.supplierId } },
    create: { buyerId: conversation.buyerId, supplierId: conversation.supplierId, ...(side === 'BUYER' ? { buyerHidesReceipts: input.hidden } : { supplierHidesReceipts: input.hidden }) },
    update: side === 'BUYER' ? { buyerHidesReceipts: input.hidden } : { supplierHidesReceipts: input.hidden },
  })
  return conversation
}

const REASONS = ['SPAM', 'ABUSE', 'OFF_PLATFORM_CONTACT', 'FAKE_REVIEW', 'PRIVACY', 'OTHER'] as const
export type ReportReason = (typeof REASONS)[number]

/** Reports the conversation to moderation; one open report per person and conversation. */
export async function reportConversation(
  deps: MessagingDeps,
  viewer: Viewer | null,
  input: { conversationId: string; reason: ReportReason; details?: string | null },
) {
  const { conversation } = await loadConversation(deps.db, viewer, input.conversationId)
  const details = input.details == null ? null : parseField(z.string().trim().max(MESSAGING_LIMITS.reportDetails, `Keep details under ${MESSAGING_LIMITS.reportDetails.toLocaleString('en')} characters.`), input.details, 'details')
  if (!REASONS.includes(input.reason)) throw new ValidationError('Choose a reason.', 'reason')
  const flag = await deps.db.flag.upsert({
    where: { reporterId_targetType_targetId: { reporterId: viewer!.userId, targetType: 'CONVERSATION', targetId: conversation.id } },
    create: { reporterId: viewer!.userId, targetType: 'CONVERSATION', targetId: conversation.id, reason: input.reason, details },
    update: { reason: input.reason, details, status: 'OPEN' },
  })
  return flag
}

export { NotFoundError }
