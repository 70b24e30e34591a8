// Saved replies shared by a supplier's team, with placeholders filled in per conversation.
import { ConflictError, ForbiddenError, NotFoundError, membershipOf, type Viewer } from '@rapport/core'
import { Prisma, type PrismaClient } from '@rapport/db'
import { z } from 'zod'
import { loadConversation } from './access.ts'
import { isUuid } from './ids.ts'
import { parseField } from './send-message.ts'
import { MESSAGING_LIMITS } from './limits.ts'

function requireMember(viewer: Viewer | null, supplierId: string) {
  if (!membershipOf(viewer, supplierId)) throw new ForbiddenError('Only the supplier’s team can use saved replies.')
}

export function listSavedReplies(db: PrismaClient, viewer: Viewer | null, supplierId: string) {
  requireMember(viewer, supplierId)
  return db.savedReply.findMany({ where: { supplierId }, orderBy: { title: 'asc' } })
}

const replySchema = z.object({
  title: z.string().trim().min(1, 'Give the reply a title.').max(MESSAGING_LIMITS.savedReplyTitle, `Keep titles under ${MESSAGING_LIMITS.savedReplyTitle} characters.`),
  body: z.string().trim().min(1, 'Write the reply.').max(MESSAGING_LIMITS.messageBody, `Replies are limited to ${MESSAGING_LIMITS.messageBody.toLocaleString('en')} characters.`),
})

export async function saveReply(
  db: PrismaClient,
  viewer: Viewer | null,
  input: { supplierId: string; id?: string | null; title: string; body: string },
) {
  requireMember(viewer, input.supplierId)
  const { title, body } = parseField(replySchema, { title: input.title, body: input.body }, 'body')
  try {
    if (input.id) {
      const existing = isUuid(input.id) ? await db.savedReply.findUnique({ where: { id: input.id } }) : null
      if (existing?.supplierId !== input.supplierId) throw new NotFoundError('No such saved reply.')
      return await db.savedReply.update({ where: { id: input.id }, data: { title, body } })
    }
    return await db.savedReply.create({ data: { supplierId: input.supplierId, title, body, createdById: viewer!.userId } })
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002')
      throw new ConflictError(`A saved reply called “${title}” already exists.`)
    throw e
  }
}

export async function deleteSavedReply(db: PrismaClient, viewer: Viewer | null, id: string) {
  // Saved replies are named by raw ids: one that cannot be a key names no reply.
  const existing = isUuid(id) ? await db.savedReply.findUnique({ where: { id } }) : null
  if (!existing) throw new NotFoundError('No such saved reply.')
  requireMember(viewer, existing.supplierId)
  await db.savedReply.delete({ where: { id } })
  return existing
}

/**
 * What a saved reply may say that is filled per conversation: the one list the filling, the
 * gateway's help (Query.savedReplyPlaceholders) and the web app's preview all read.
 */
export const SAVED_REPLY_PLACEHOLDERS = [
  { key: 'buyer.firstName', description: 'The buyer’s first name', example: 'Maya' },
  { key: 'buyer.name', description: 'The buyer’s full name', example: 'Maya Lindqvist' },
  { key: 'agent.firstName', description: 'Your first name (whoever inserts the reply)', example: 'Tiago' },
  { key: 'agent.name', description: 'Your full name', example: 'Tiago Costa' },
  { key: 'supplier.name', description: 'Your shop’s name', example: 'Olive & Oak' },
  { key: 'order.number', description: 'The conversation’s order number, when it is about an order', example: 'R-1042' },
  { key: 'product.name', description: 'The product the conversation is about, when there is one', example: 'Cold-pressed olive oil' },
] as const

export type PlaceholderKey = (typeof SAVED_REPLY_PLACEHOLDERS)[number]['key']

/** Fills the placeholders (SAVED_REPLY_PLACEHOLDERS) for a conversation; unknown ones are left as written. */
export async function renderSavedReply(db: PrismaClient, viewer: Viewer | null, input: { conversationId: string; savedReplyId: string }) {
  const { conversation, side } = await loadConversation(db, viewer, input.conversationId)
  if (side !== 'SUPPLIER') throw new ForbiddenError('Only the supplier’s team can use saved replies.')
  const reply = isUuid(input.savedReplyId) ? await db.savedReply.findUnique({ where: { id: input.savedReplyId } }) : null
  if (reply?.supplierId !== conversation.supplierId) throw new NotFoundError('No such saved reply.')
  const details = await db.conversation.findUniqueOrThrow({
    where: { id: conversation.id },
    include: { buyer: true, supplier: true, order: true, product: true },
  })
  const values: Record<PlaceholderKey, string | null | undefined> = {
    'buyer.name': details.buyer.displayName,
    'buyer.firstName': details.buyer.displayName.split(/\s+/)[0] ?? details.buyer.displayName,
    'agent.name': viewer!.displayName,
    'agent.firstName': viewer!.displayName.split(/\s+/)[0] ?? viewer!.displayName,
    'supplier.name': details.supplier.name,
    'order.number': details.order?.number,
    'product.name': details.product?.name,
  }
  return fillPlaceholders(reply.body, values)
}

export function fillPlaceholders(template: string, values: Record<string, string | undefined | null>): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, key: string) => values[key] ?? whole)
}
