// Edit within 15 minutes, unsend within 24 hours (a tombstone stays), reactions, read positions.
import { ConflictError, ForbiddenError, messagePreview, NotFoundError, ValidationError, type Viewer } from '@rapport/core'
import { z } from 'zod'
import { loadConversation } from './access.ts'
import type { MessagingDeps } from './deps.ts'
import { messageInclude, toMessageDTO } from './dto.ts'
import type { MessageDTO } from './events.ts'
import { maskContactDetails } from './masking.ts'
import { bodySchema, pairHasOrder, parseField } from './send-message.ts'

export const EDIT_WINDOW_MS = 15 * 60 * 1000
export const UNSEND_WINDOW_MS = 24 * 3600 * 1000
const ALLOWED_REACTIONS = ['👍', '❤️', '😂', '😮', '🙏', '🎉', '✅', '👀'] as const

async function loadOwnMessage(deps: MessagingDeps, viewer: Viewer | null, messageId: string) {
  const message = await deps.db.message.findUnique({ where: { id: messageId } })
  if (!message) throw new NotFoundError('No such message.')
  const access = await loadConversation(deps.db, viewer, message.conversationId)
  return { message, access }
}

export async function editMessage(deps: MessagingDeps, viewer: Viewer | null, input: { messageId: string; body: string }): Promise<MessageDTO> {
  const { message, access } = await loadOwnMessage(deps, viewer, input.messageId)
  if (message.authorId !== viewer!.userId) throw new ForbiddenError('You can only edit your own messages.')
  if (message.deletedAt) throw new ConflictError('This message was unsent.')
  const now = deps.clock.now()
  if (now.getTime() - message.createdAt.getTime() > EDIT_WINDOW_MS)
    throw new ConflictError('Messages can be edited for 15 minutes after sending.')
  const body = parseField(bodySchema, input.body, 'body')
  const canShare = await pairHasOrder(deps.db, access.conversation.buyerId, access.conversation.supplierId)
  const { text, masked } = canShare ? { text: body, masked: false } : maskContactDetails(body)
  const updated = await deps.db.$transaction(async (tx) => {
    const m = await tx.message.update({
      where: { id: message.id },
      data: { body: text, originalBody: masked ? body : null, masked, editedAt: now },
      include: messageInclude,
    })
    // Keep the inbox preview in step when the latest message changes.
    if (access.conversation.lastSequence === message.sequence)
      await tx.conversation.update({ where: { id: access.conversation.id }, data: { lastMessagePreview: messagePreview(text) } })
    return m
  })
  const dto = toMessageDTO(updated)
  deps.publish({ kind: 'conversation', event: { type: 'MessageEdited', conversationId: message.conversationId, message: dto } })
  return dto
}

export async function deleteMessage(deps: MessagingDeps, viewer: Viewer | null, input: { messageId: string }): Promise<MessageDTO> {
  const { message } = await loadOwnMessage(deps, viewer, input.messageId)
  if (message.authorId !== viewer!.userId) throw new ForbiddenError('You can only unsend your own messages.')
  const now = deps.clock.now()
  if (message.deletedAt) return toMessageDTO(await deps.db.message.findUniqueOrThrow({ where: { id: message.id }, include: messageInclude }))
  if (now.getTime() - message.createdAt.getTime() > UNSEND_WINDOW_MS)
    throw new ConflictError('Messages can be unsent for 24 hours after sending.')
  const updated = await deps.db.$transaction(async (tx) => {
    const m = await tx.message.update({ where: { id: message.id }, data: { deletedAt: now }, include: messageInclude })
    // The inbox must not keep showing what was unsent.
    await tx.conversation.updateMany({
      where: { id: message.conversationId, lastSequence: message.sequence },
      data: { lastMessagePreview: 'Message unsent' },
    })
    return m
  })
  const dto = toMessageDTO(updated)
  deps.publish({ kind: 'conversation', event: { type: 'MessageDeleted', conversationId: message.conversationId, message: dto } })
  return dto
}

export async function react(
  deps: MessagingDeps,
  viewer: Viewer | null,
  input: { messageId: string; emoji: string; add: boolean },
): Promise<MessageDTO> {
  const { message } = await loadOwnMessage(deps, viewer, input.messageId)
  if (!(ALLOWED_REACTIONS as readonly string[]).includes(input.emoji))
    throw new ValidationError(`Choose one of ${ALLOWED_REACTIONS.join(' ')}.`, 'emoji')
  if (message.deletedAt) throw new ConflictError('This message was unsent.')
  const userId = viewer!.userId
  if (input.add) {
    await deps.db.messageReaction.upsert({
      where: { messageId_userId_emoji: { messageId: message.id, userId, emoji: input.emoji } },
      create: { messageId: message.id, userId, emoji: input.emoji },
      update: {},
    })
  } else {
    await deps.db.messageReaction.deleteMany({ where: { messageId: message.id, userId, emoji: input.emoji } })
  }
  const dto = toMessageDTO(await deps.db.message.findUniqueOrThrow({ where: { id: message.id }, include: messageInclude }))
  deps.publish({ kind: 'conversation', event: { type: 'ReactionChanged', conversationId: message.conversationId, message: dto } })
  return dto
}

/** Moves the viewer's read position forward (never back); receipts are free for everyone. */
export async function markRead(
  deps: MessagingDeps,
  viewer: Viewer | null,
  input: { conversationId: string; sequence: number },
): Promise<{ lastReadSequence: number }> {
  const { conversation, side } = await loadConversation(deps.db, viewer, input.conversationId)
  const sequence = parseField(z.number().int().min(0), input.sequence, 'sequence')
  const target = Math.min(sequence, conversation.lastSequence)
  const v = viewer!
  const existing = await deps.db.readPosition.findUnique({ where: { conversationId_userId: { conversationId: conversation.id, userId: v.userId } } })
  if (existing && existing.lastReadSequence >= target) return { lastReadSequence: existing.lastReadSequence }
  const now = deps.clock.now()
  await deps.db.readPosition.upsert({
    where: { conversationId_userId: { conversationId: conversation.id, userId: v.userId } },
    create: { conversationId: conversation.id, userId: v.userId, side, lastReadSequence: target },
    update: { lastReadSequence: target },
  })
  const relationship = await deps.db.relationship.findUnique({
    where: { buyerId_supplierId: { buyerId: conversation.buyerId, supplierId: conversation.supplierId } },
    select: { buyerHidesReceipts: true, supplierHidesReceipts: true },
  })
  const hidden = side === 'BUYER' ? !!relationship?.buyerHidesReceipts : !!relationship?.supplierHidesReceipts
  deps.publish({
    kind: 'conversation',
    event: {
      type: 'ReadPositionChanged',
      conversationId: conversation.id,
      userId: v.userId,
      side,
      displayName: v.displayName,
      lastReadSequence: target,
      at: now.toISOString(),
      hidden,
    },
  })
  deps.publish({
    kind: 'inbox',
    event: { type: 'READ', conversationId: conversation.id, buyerId: conversation.buyerId, supplierId: conversation.supplierId, actorId: v.userId },
  })
  return { lastReadSequence: target }
}

/** Typing is ephemeral: validated, throttled by the caller, published, never stored. */
export async function setTyping(
  deps: MessagingDeps,
  viewer: Viewer | null,
  input: { conversationId: string; typing: boolean },
): Promise<void> {
  const { conversation, side } = await loadConversation(deps.db, viewer, input.conversationId)
  deps.publish({
    kind: 'conversation',
    event: {
      type: 'TypingChanged',
      conversationId: conversation.id,
      userId: viewer!.userId,
      side,
      displayName: viewer!.displayName,
      typing: input.typing,
      at: deps.clock.now().toISOString(),
    },
  })
}
