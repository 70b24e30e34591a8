import { ConflictError, ForbiddenError, messagePreview, NotFoundError, UnauthenticatedError, ValidationError, type Viewer } from '@rapport/core'
import type { Prisma, SqlQueryable } from '@rapport/db'
import { z } from 'zod'
import type { MessagingDeps, SendLimiter } from './deps.ts'
import { messageInclude, toMessageDTO } from './dto.ts'
import type { MessageDTO } from './events.ts'
import { maskContactDetails, MASKING_NOTICE } from './masking.ts'
import { newId } from './ids.ts'
import { bodySchema, clientMessageIdSchema, isUniqueViolation, pairHasOrder, parseField, sentRow, trackResponse } from './send-message.ts'
import { appendSentMessageSql, type AppendArgs, type AppendedRow } from './send-sql.ts'
import { MESSAGING_LIMITS } from './limits.ts'

export type StartConversationInput = {
  supplierId: string
  productId?: string | null
  orderId?: string | null
  subject?: string | null
  body: string
  clientMessageId: string
}

export type StartResult = { conversationId: string; message: MessageDTO; created: boolean; notice: string | null }

/**
 * A buyer opens a conversation with a supplier — before buying (about a product) or after
 * (about an order) — with its first message. Retrying with the same clientMessageId returns
 * the conversation the first attempt created.
 */
export function startConversation(
  deps: MessagingDeps & { sendLimiter?: SendLimiter },
  viewer: Viewer | null,
  input: StartConversationInput,
): Promise<StartResult> {
  return start(deps, viewer, input, false)
}

async function start(
  deps: MessagingDeps & { sendLimiter?: SendLimiter },
  viewer: Viewer | null,
  input: StartConversationInput,
  retried: boolean,
): Promise<StartResult> {
  if (!viewer) throw new UnauthenticatedError('Sign in to message a supplier.')
  if (!viewer.buyerId) throw new ForbiddenError('Only buyer accounts can start conversations with suppliers.')
  const buyerId = viewer.buyerId
  const clientMessageId = parseField(clientMessageIdSchema, input.clientMessageId, 'clientMessageId')
  const existing = await deps.db.message.findUnique({
    where: { authorId_clientMessageId: { authorId: viewer.userId, clientMessageId } },
    include: { conversation: { select: { supplierId: true } } },
  })
  if (existing) {
    if (existing.conversation.supplierId !== input.supplierId)
      throw new ValidationError('This clientMessageId was already used for another conversation.', 'clientMessageId')
    const full = await deps.db.message.findUniqueOrThrow({ where: { id: existing.id }, include: messageInclude })
    return { conversationId: existing.conversationId, message: toMessageDTO(full), created: false, notice: full.masked ? MASKING_NOTICE : null }
  }
  const body = parseField(bodySchema, input.body, 'body')
  const subject = input.subject == null ? null : parseField(z.string().trim().max(MESSAGING_LIMITS.subject, `Keep the subject under ${MESSAGING_LIMITS.subject} characters.`), input.subject, 'subject') || null
  const supplier = await deps.db.supplier.findUnique({ where: { id: input.supplierId }, select: { id: true } })
  if (!supplier) throw new NotFoundError('No such supplier.')
  if (input.productId) {
    const product = await deps.db.product.findUnique({ where: { id: input.productId }, select: { supplierId: true } })
    if (product?.supplierId !== supplier.id) throw new ValidationError('That product is not sold by this supplier.', 'productId')
  }
  if (input.orderId) {
    const order = await deps.db.order.findUnique({ where: { id: input.orderId }, select: { supplierId: true, buyerId: true } })
    if (order?.supplierId !== supplier.id || order.buyerId !== buyerId) throw new ValidationError('That order is not yours with this supplier.', 'orderId')
  }
  const relationship = await deps.db.relationship.findUnique({ where: { buyerId_supplierId: { buyerId, supplierId: supplier.id } } })
  if (relationship?.buyerBlockedAt || relationship?.supplierBlockedAt)
    throw new ForbiddenError('You cannot start a conversation with this supplier.')
  await deps.sendLimiter?.consume(viewer.userId)

  const canShare = await pairHasOrder(deps.db, buyerId, supplier.id)
  const { text, masked } = canShare ? { text: body, masked: false } : maskContactDetails(body)
  const now = deps.clock.now()
  let out
  try {
    out = await deps.db.$transaction(async (tx) => {
      await tx.relationship.upsert({
        where: { buyerId_supplierId: { buyerId, supplierId: supplier.id } },
        create: { buyerId, supplierId: supplier.id },
        update: {},
      })
      const conversation = await tx.conversation.create({
        data: {
          buyerId,
          supplierId: supplier.id,
          productId: input.productId ?? null,
          orderId: input.orderId ?? null,
          subject,
          status: 'OPEN',
          lastMessageAt: now,
          createdAt: now,
        },
      })
      // The first message goes in like every later one (send-sql.ts): sequence under the row
      // lock, the message, the sender's read position, then the response interval it opens.
      const append: AppendArgs = {
        messageId: newId(),
        readPositionId: newId(),
        conversationId: conversation.id,
        authorId: viewer.userId,
        side: 'BUYER',
        clientMessageId,
        body: text,
        originalBody: masked ? body : null,
        masked,
        replyToId: null,
        preview: messagePreview(text),
        at: now,
        assignTo: null,
      }
      const [row] = await tx.$queryRaw<AppendedRow[]>(appendSentMessageSql(append))
      const message = sentRow(append, row!)
      const sqlTx: SqlQueryable = {
        query: <R>(statement: Prisma.Sql) => tx.$queryRaw<R[]>(statement),
        execute: <R>(text: string, values: readonly unknown[]) => tx.$queryRawUnsafe<R[]>(text, ...values),
      }
      await trackResponse(sqlTx, { conversationId: conversation.id, supplierId: supplier.id, side: 'BUYER', sequence: message.sequence, at: now, answeredById: null })
      await deps.onMessageSent?.(sqlTx, { conversationId: conversation.id, supplierId: supplier.id, messageId: message.id, recipientSide: 'SUPPLIER' })
      return { conversation, message }
    })
  } catch (e) {
    // A concurrent start with the same clientMessageId (or the pair's first relationship row)
    // committed first: once more, which finds and returns its result. Only once: a second
    // violation is not that race, and retrying again could go on for ever.
    if (isUniqueViolation(e)) {
      if (!retried) return start(deps, viewer, input, true)
      throw new ConflictError('This conversation is being started; try again.')
    }
    throw e
  }
  const dto = toMessageDTO(out.message)
  deps.publish({
    kind: 'inbox',
    event: { type: 'NEW_CONVERSATION', conversationId: out.conversation.id, buyerId, supplierId: supplier.id, actorId: viewer.userId },
  })
  deps.publish({ kind: 'conversation', event: { type: 'MessageAdded', conversationId: out.conversation.id, message: dto } })
  return { conversationId: out.conversation.id, message: dto, created: true, notice: masked ? MASKING_NOTICE : null }
}
