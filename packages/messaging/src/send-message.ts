// Sending a message: idempotent by clientMessageId, numbered without gaps, acknowledged only
// once committed, announced only after commit.
import { ForbiddenError, RateLimitedError, ValidationError, type Viewer } from '@rapport/core'
import { Prisma } from '@rapport/db'
import { z } from 'zod'
import { loadConversation, type Side } from './access.ts'
import type { MessagingDeps, SendLimiter } from './deps.ts'
import { messageInclude, toMessageDTO } from './dto.ts'
import type { MessageDTO } from './events.ts'
import { maskContactDetails, MASKING_NOTICE } from './masking.ts'
import { businessSecondsBetween } from './metrics/business-time.ts'
import { loadSchedule } from './schedule.ts'

export const MAX_BODY = 4000
export const PREVIEW_LENGTH = 140

export const bodySchema = z
  .string()
  .transform((s) => s.replace(/\r\n/g, '\n').trim())
  .pipe(z.string().min(1, 'Write a message first.').max(MAX_BODY, `Messages are limited to ${MAX_BODY} characters.`))

export const clientMessageIdSchema = z
  .string()
  .min(8, 'clientMessageId must be 8–64 characters.')
  .max(64, 'clientMessageId must be 8–64 characters.')
  .regex(/^[\w-]+$/, 'clientMessageId may use letters, digits, _ and - only.')

export function parseField<T>(schema: z.ZodType<T>, value: unknown, field: string): T {
  const r = schema.safeParse(value)
  if (r.success) return r.data
  throw new ValidationError(r.error.issues[0]!.message, field)
}

export type SendResult = {
  message: MessageDTO
  /** False when this was a retry of a message already stored: nothing new happened. */
  created: boolean
  /** Set when contact details were masked, explaining why. */
  notice: string | null
  /** An away message the supplier's settings added right after, if any. */
  autoReply: MessageDTO | null
}

type Tx = Prisma.TransactionClient

export function messagePreview(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim()
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat
}

/** Whether the pair may share contact details: once they have a (non-cancelled) order. */
export async function pairHasOrder(db: Tx | MessagingDeps['db'], buyerId: string, supplierId: string): Promise<boolean> {
  return !!(await db.order.findFirst({ where: { buyerId, supplierId, status: { not: 'CANCELLED' } }, select: { id: true } }))
}

/**
 * Appends one message inside a transaction: takes the next sequence under the conversation's
 * row lock (an UPDATE … RETURNING), so sequences are dense and ordered by commit.
 */
export async function appendMessage(
  tx: Tx,
  args: {
    conversationId: string
    authorId: string | null
    side: Side | 'SYSTEM'
    kind: 'TEXT' | 'AUTO_REPLY' | 'SYSTEM'
    clientMessageId: string | null
    body: string
    originalBody: string | null
    masked: boolean
    replyToId: string | null
    at: Date
  },
) {
  const [row] = await tx.$queryRaw<{ lastSequence: number }[]>`
    UPDATE "Conversation"
       SET "lastSequence" = "lastSequence" + 1,
           "lastMessageAt" = ${args.at},
           "lastMessagePreview" = ${messagePreview(args.body)},
           "updatedAt" = ${args.at}
     WHERE id = ${args.conversationId}::uuid
 RETURNING "lastSequence"`
  const sequence = row!.lastSequence
  return tx.message.create({
    data: {
      conversationId: args.conversationId,
      sequence,
      authorId: args.authorId,
      authorSide: args.side,
      kind: args.kind,
      clientMessageId: args.clientMessageId,
      body: args.body,
      originalBody: args.originalBody,
      masked: args.masked,
      replyToId: args.replyToId,
      createdAt: args.at,
    },
    include: messageInclude,
  })
}

/**
 * Response intervals: a human message closes the interval the other side left open and
 * opens one for the other side, if none is open. Auto-replies never touch them.
 */
export async function trackResponse(
  tx: Tx,
  args: { conversationId: string; supplierId: string; side: Side; sequence: number; at: Date; answeredById: string | null },
) {
  const awaitingMe = args.side === 'SUPPLIER' ? 'SUPPLIER' : 'BUYER'
  const awaitingOther = args.side === 'SUPPLIER' ? 'BUYER' : 'SUPPLIER'
  const open = await tx.responseInterval.findFirst({
    where: { conversationId: args.conversationId, awaitedSide: awaitingMe, answeredAt: null },
    orderBy: { openedAt: 'asc' },
  })
  if (open) {
    const seconds =
      awaitingMe === 'SUPPLIER'
        ? businessSecondsBetween(await loadSchedule(tx, args.supplierId), open.openedAt, args.at)
        : Math.max(0, Math.round((args.at.getTime() - open.openedAt.getTime()) / 1000))
    await tx.responseInterval.update({
      where: { id: open.id },
      data: { answeredAt: args.at, answeredBySequence: args.sequence, answeredById: args.answeredById, businessSeconds: seconds },
    })
  }
  const alreadyWaiting = await tx.responseInterval.findFirst({
    where: { conversationId: args.conversationId, awaitedSide: awaitingOther, answeredAt: null },
    select: { id: true },
  })
  if (!alreadyWaiting) {
    const earlier = await tx.responseInterval.count({ where: { conversationId: args.conversationId, awaitedSide: awaitingOther } })
    await tx.responseInterval.create({
      data: {
        conversationId: args.conversationId,
        supplierId: args.supplierId,
        awaitedSide: awaitingOther,
        isFirstResponse: earlier === 0,
        openedAt: args.at,
        openedBySequence: args.sequence,
      },
    })
  }
}

/** The sender has read everything up to what they just wrote. */
export async function advanceReadPosition(tx: Tx, conversationId: string, userId: string, side: Side, sequence: number) {
  await tx.readPosition.upsert({
    where: { conversationId_userId: { conversationId, userId } },
    create: { conversationId, userId, side, lastReadSequence: sequence },
    update: { lastReadSequence: { set: sequence } },
  })
}

export type SendMessageInput = {
  conversationId: string
  clientMessageId: string
  body: string
  replyToId?: string | null
  attachmentIds?: string[]
}

export async function sendMessage(
  deps: MessagingDeps & { sendLimiter?: SendLimiter },
  viewer: Viewer | null,
  input: SendMessageInput,
): Promise<SendResult> {
  const { conversation, side, memberId } = await loadConversation(deps.db, viewer, input.conversationId)
  const v = viewer!
  const clientMessageId = parseField(clientMessageIdSchema, input.clientMessageId, 'clientMessageId')

  // A retry of a stored message returns it, before any limit or rule could refuse it.
  const existing = await findByClientId(deps, v.userId, clientMessageId)
  if (existing) {
    if (existing.conversationId !== conversation.id)
      throw new ValidationError('This clientMessageId was already used for another conversation.', 'clientMessageId')
    return { message: toMessageDTO(existing), created: false, notice: existing.masked ? MASKING_NOTICE : null, autoReply: null }
  }

  const body = parseField(bodySchema, input.body, 'body')
  await deps.sendLimiter?.consume(v.userId)
  const relationship = await deps.db.relationship.findUnique({
    where: { buyerId_supplierId: { buyerId: conversation.buyerId, supplierId: conversation.supplierId } },
  })
  if (relationship?.buyerBlockedAt || relationship?.supplierBlockedAt)
    throw new ForbiddenError('This conversation is blocked; no new messages can be sent.')
  if (input.replyToId) {
    const target = await deps.db.message.findUnique({ where: { id: input.replyToId }, select: { conversationId: true } })
    if (target?.conversationId !== conversation.id) throw new ValidationError('You can only reply to a message in this conversation.', 'replyToId')
  }
  const canShare = await pairHasOrder(deps.db, conversation.buyerId, conversation.supplierId)
  const { text, masked } = canShare ? { text: body, masked: false } : maskContactDetails(body)
  const now = deps.clock.now()

  let result: { message: Awaited<ReturnType<typeof appendMessage>>; autoReply: Awaited<ReturnType<typeof appendMessage>> | null }
  try {
    result = await deps.db.$transaction(async (tx) => {
      const message = await appendMessage(tx, {
        conversationId: conversation.id,
        authorId: v.userId,
        side,
        kind: 'TEXT',
        clientMessageId,
        body: text,
        originalBody: masked ? body : null,
        masked,
        replyToId: input.replyToId ?? null,
        at: now,
      })
      if (input.attachmentIds?.length) await attach(tx, message.id, v.userId, input.attachmentIds)
      await trackResponse(tx, { conversationId: conversation.id, supplierId: conversation.supplierId, side, sequence: message.sequence, at: now, answeredById: memberId })
      await advanceReadPosition(tx, conversation.id, v.userId, side, message.sequence)
      await tx.conversation.update({
        where: { id: conversation.id },
        data: { status: nextStatus(conversation.status, side), ...(conversation.status === 'RESOLVED' ? { resolvedAt: null, buyerConfirmedAt: null } : {}) },
      })
      const autoReply = side === 'BUYER' ? await maybeAwayReply(tx, conversation.id, conversation.supplierId, now) : null
      const fresh = input.attachmentIds?.length ? await tx.message.findUniqueOrThrow({ where: { id: message.id }, include: messageInclude }) : message
      return { message: fresh, autoReply }
    })
  } catch (e) {
    // A concurrent duplicate committed first: its row is the answer (and its event the only one).
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') {
      const winner = await findByClientId(deps, v.userId, clientMessageId)
      if (winner) return { message: toMessageDTO(winner), created: false, notice: winner.masked ? MASKING_NOTICE : null, autoReply: null }
    }
    throw e
  }

  const memberIds = memberId ? new Map([[v.userId, memberId]]) : undefined
  const dto = toMessageDTO(result.message, memberIds)
  const autoDto = result.autoReply ? toMessageDTO(result.autoReply) : null
  deps.publish({ kind: 'conversation', event: { type: 'MessageAdded', conversationId: conversation.id, message: dto } })
  if (autoDto) deps.publish({ kind: 'conversation', event: { type: 'MessageAdded', conversationId: conversation.id, message: autoDto } })
  deps.publish({
    kind: 'inbox',
    event: { type: 'NEW_MESSAGE', conversationId: conversation.id, buyerId: conversation.buyerId, supplierId: conversation.supplierId, actorId: v.userId },
  })
  return { message: dto, created: true, notice: masked ? MASKING_NOTICE : null, autoReply: autoDto }
}

function nextStatus(current: string, side: Side) {
  if (side === 'SUPPLIER') return 'AWAITING_BUYER' as const
  return current === 'OPEN' ? ('OPEN' as const) : ('AWAITING_SUPPLIER' as const)
}

async function findByClientId(deps: MessagingDeps, authorId: string, clientMessageId: string) {
  return deps.db.message.findUnique({
    where: { authorId_clientMessageId: { authorId, clientMessageId } },
    include: messageInclude,
  })
}

/** The supplier's away message, at most once a day per conversation; it never counts as a reply. */
async function maybeAwayReply(tx: Tx, conversationId: string, supplierId: string, now: Date) {
  const supplier = await tx.supplier.findUniqueOrThrow({ where: { id: supplierId }, select: { awayEnabled: true, awayMessage: true } })
  if (!supplier.awayEnabled || !supplier.awayMessage?.trim()) return null
  const recent = await tx.message.findFirst({
    where: { conversationId, kind: 'AUTO_REPLY', createdAt: { gt: new Date(now.getTime() - 24 * 3600 * 1000) } },
    select: { id: true },
  })
  if (recent) return null
  return appendMessage(tx, {
    conversationId,
    authorId: null,
    side: 'SUPPLIER',
    kind: 'AUTO_REPLY',
    clientMessageId: null,
    body: supplier.awayMessage.trim(),
    originalBody: null,
    masked: false,
    replyToId: null,
    at: new Date(now.getTime() + 1),
  })
}

async function attach(tx: Tx, messageId: string, uploaderId: string, ids: string[]) {
  if (ids.length > 10) throw new ValidationError('Attach at most 10 files to one message.', 'attachmentIds')
  const { count } = await tx.messageAttachment.updateMany({
    where: { id: { in: ids }, uploaderId, messageId: null },
    data: { messageId },
  })
  if (count !== new Set(ids).size) throw new ValidationError('An attachment is unknown, not yours, or already sent.', 'attachmentIds')
}

export { RateLimitedError }
