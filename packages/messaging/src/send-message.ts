// Sending a message: idempotent by clientMessageId, numbered without gaps, acknowledged only
// once committed, announced only after commit.
import { ConflictError, ForbiddenError, membershipOf, messagePreview, NotFoundError, RateLimitedError, ValidationError, type Viewer } from '@rapport/core'
import { Prisma, sqlState, type SqlQueryable } from '@rapport/db'
import { isUuid, newId } from './ids.ts'
import { z } from 'zod'
import { requireViewer, sideOf, type Side } from './access.ts'
import { announceConversationChange } from './conversation-changes.ts'
import type { MessagingDeps, SendLimiter } from './deps.ts'
import { messageInclude, toMessageDTO, type MessageRow } from './dto.ts'
import type { MessageDTO } from './events.ts'
import { maskContactDetails, MASKING_NOTICE } from './masking.ts'
import { businessSecondsBetween } from './metrics/business-time.ts'
import {
  appendAutoReplySql,
  appendSentMessageSql,
  attachSql,
  closeIntervalSql,
  sendFactsSql,
  trackResponseSql,
  type AppendArgs,
  type AppendedRow,
  type SendFactsRow,
  type TrackResponseRow,
} from './send-sql.ts'
import { MESSAGING_LIMITS } from './limits.ts'

export const MAX_BODY = MESSAGING_LIMITS.messageBody

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
  return parsedField(schema.safeParse(value), field)
}

function parsedField<T>(r: { success: true; data: T } | { success: false; error: z.ZodError }, field: string): T {
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

/** Whether the pair may share contact details: once they have a (non-cancelled) order. */
export async function pairHasOrder(db: Tx | MessagingDeps['db'], buyerId: string, supplierId: string): Promise<boolean> {
  return !!(await db.order.findFirst({ where: { buyerId, supplierId, status: { not: 'CANCELLED' } }, select: { id: true } }))
}

/**
 * Response intervals: a human message closes the interval the other side left open and
 * opens one for the other side, if none is open. Auto-replies never touch them. Run after the
 * message's append in the same transaction (it relies on the row lock the append took).
 * Also says which away message, if any, is due after a buyer's message (see trackResponseSql).
 */
export async function trackResponse(tx: SqlQueryable, args: TrackArgs): Promise<{ awayMessage: string | null }> {
  const [track] = await tx.query<TrackResponseRow>(trackStatement(args))
  return answerWait(tx, track, args)
}

type TrackArgs = { conversationId: string; supplierId: string; side: Side; sequence: number; at: Date; answeredById: string | null }

const trackStatement = (args: Omit<TrackArgs, 'sequence' | 'answeredById'>) =>
  trackResponseSql({ intervalId: newId(), conversationId: args.conversationId, supplierId: args.supplierId, side: args.side, at: args.at })

/** The second half of trackResponse, given trackResponseSql's row: closes the wait this message answers, if any. */
async function answerWait(tx: SqlQueryable, track: TrackResponseRow | undefined, args: TrackArgs): Promise<{ awayMessage: string | null }> {
  if (track?.answeredId && track.answeredOpenedAt) {
    const openedAt = track.answeredOpenedAt
    // Supplier waits count service time; buyers have no hours, so theirs are wall-clock.
    const seconds = track.schedule
      ? businessSecondsBetween(track.schedule, openedAt, args.at)
      : Math.max(0, Math.round((args.at.getTime() - openedAt.getTime()) / 1000))
    await tx.query(
      closeIntervalSql({ id: track.answeredId, at: args.at, sequence: args.sequence, answeredById: args.answeredById, businessSeconds: seconds }),
    )
  }
  return { awayMessage: track?.awayMessage?.trim() || null }
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
  const v = requireViewer(viewer)
  const uuidOrNull = (id: string | null | undefined) => (id && isUuid(id) ? id : null)
  const conversationId = uuidOrNull(input.conversationId)
  // The send budget is spent while the facts are read, not after (one round trip less to wait
  // for), when the input could make a send at all. Checks still answer in their order — access,
  // the id's format, retries, the body, then the limit — and a send that turns out not to count
  // (no such conversation, a retry) gets its point back.
  const parsedClientMessageId = clientMessageIdSchema.safeParse(input.clientMessageId)
  const parsedBody = bodySchema.safeParse(input.body)
  const spending = conversationId && parsedClientMessageId.success && parsedBody.success && deps.sendLimiter ? settled(deps.sendLimiter.consume(v.userId)) : null
  // A refused consume counted its point too (the limiter counts every attempt), so it goes back as well.
  const counted = (r: { ok: boolean; error?: unknown }) => r.ok || r.error instanceof RateLimitedError
  // Awaited, so the next send already finds the point back; a limiter that fails keeps it (fails closed).
  const refund = async () => {
    const r = await spending
    if (r && counted(r)) await deps.sendLimiter?.refund?.(v.userId).catch(() => {})
  }
  // Everything the checks below need, in one round trip: the conversation, whether the pair is
  // blocked or has an order, a stored message with this clientMessageId, the reply target.
  let facts: SendFactsRow | undefined
  try {
    ;[facts] = conversationId
      ? await deps.sql.query<SendFactsRow>(
          sendFactsSql({ conversationId, authorId: v.userId, clientMessageId: String(input.clientMessageId), replyToId: uuidOrNull(input.replyToId) }),
        )
      : []
  } catch (e) {
    await refund()
    throw e
  }
  const side = facts ? sideOf(v, facts) : null
  if (!facts || !side) {
    await refund()
    throw new NotFoundError('No such conversation.')
  }
  const memberId = side === 'SUPPLIER' ? membershipOf(v, facts.supplierId)!.memberId : null
  const clientMessageId = parsedField(parsedClientMessageId, 'clientMessageId')

  // A retry of a stored message returns it, before any limit or rule could refuse it.
  if (facts.existingConversationId) {
    await refund()
    return replay(deps, v.userId, clientMessageId, facts.id)
  }

  const body = parsedField(parsedBody, 'body')
  if (spending) {
    const spent = await spending
    if (!spent.ok) throw spent.error
  }
  if (facts.blocked) throw new ForbiddenError('This conversation is blocked; no new messages can be sent.')
  if (input.replyToId && facts.replyToConversationId !== facts.id)
    throw new ValidationError('You can only reply to a message in this conversation.', 'replyToId')
  const { text, masked } = facts.hasOrder ? { text: body, masked: false } : maskContactDetails(body)
  const now = deps.clock.now()

  let result: { message: MessageRow; autoReply: MessageRow | null; tookIt: boolean }
  try {
    result = await deps.sql.transaction(async (tx) => {
      const append: AppendArgs = {
        messageId: newId(),
        readPositionId: newId(),
        conversationId: facts.id,
        authorId: v.userId,
        side,
        clientMessageId,
        body: text,
        originalBody: masked ? body : null,
        masked,
        replyToId: input.replyToId ?? null,
        preview: messagePreview(text),
        at: now,
        // Replying takes an unassigned conversation (the row lock decides between two repliers).
        assignTo: memberId,
      }
      // Both statements at once (pipelined, with the BEGIN): the second needs nothing from the
      // first's answer (see trackResponseSql), so the send waits for one round trip, not two.
      const track = { conversationId: facts.id, supplierId: facts.supplierId, side, at: now }
      const [appended, tracked, later] = await Promise.allSettled([
        tx.query<AppendedRow>(appendSentMessageSql(append)),
        tx.query<TrackResponseRow>(trackStatement(track)),
        deps.onMessageSent?.(tx, { conversationId: facts.id, supplierId: facts.supplierId, messageId: append.messageId, recipientSide: side === 'BUYER' ? 'SUPPLIER' : 'BUYER' }),
      ])
      // The first statement's failure is the cause of the others' (an aborted transaction).
      if (appended.status === 'rejected') throw appended.reason
      const [row] = appended.value
      // The conversation went away since the pre-read.
      if (!row) throw new NotFoundError('No such conversation.')
      if (tracked.status === 'rejected') throw tracked.reason
      if (later.status === 'rejected') throw later.reason
      const message = sentRow(append, row)
      if (input.attachmentIds?.length) message.attachments = await attach(tx, message.id, v.userId, input.attachmentIds)

      const { awayMessage } = await answerWait(tx, tracked.value[0], { ...track, sequence: row.sequence, answeredById: memberId })
      const autoReply = awayMessage ? await appendAutoReply(tx, facts.id, awayMessage, new Date(now.getTime() + 1)) : null
      return { message, autoReply, tookIt: !facts.assigneeId && memberId !== null && row.assigneeId === memberId }
    })
  } catch (e) {
    // A concurrent duplicate committed first: its row is the answer (and its event the only one).
    if (isUniqueViolation(e)) {
      const winner = await findByClientId(deps, v.userId, clientMessageId)
      if (winner) return replayed(winner, facts.id)
    }
    throw e
  }

  const memberIds = memberId ? new Map([[v.userId, memberId]]) : undefined
  const dto = toMessageDTO(result.message, memberIds)
  const autoDto = result.autoReply ? toMessageDTO(result.autoReply) : null
  deps.publish({ kind: 'conversation', event: { type: 'MessageAdded', conversationId: facts.id, message: dto } })
  if (autoDto) deps.publish({ kind: 'conversation', event: { type: 'MessageAdded', conversationId: facts.id, message: autoDto } })
  deps.publish({
    kind: 'inbox',
    event: { type: 'NEW_MESSAGE', conversationId: facts.id, buyerId: facts.buyerId, supplierId: facts.supplierId, actorId: v.userId },
  })
  if (result.tookIt) announceConversationChange(deps, facts, ['assignee'], v.userId)
  return { message: dto, created: true, notice: masked ? MASKING_NOTICE : null, autoReply: autoDto }
}

/** A promise's outcome as a value: awaited later, its rejection is never unhandled meanwhile. */
function settled(p: Promise<void>): Promise<{ ok: true } | { ok: false; error: unknown }> {
  return p.then(
    () => ({ ok: true as const }),
    (error: unknown) => ({ ok: false as const, error }),
  )
}

async function replay(deps: MessagingDeps, authorId: string, clientMessageId: string, conversationId: string): Promise<SendResult> {
  const existing = await findByClientId(deps, authorId, clientMessageId)
  if (!existing) throw new ConflictError('This message is being sent; try again.')
  return replayed(existing, conversationId)
}

function replayed(existing: MessageRow, conversationId: string): SendResult {
  if (existing.conversationId !== conversationId)
    throw new ValidationError('This clientMessageId was already used for another conversation.', 'clientMessageId')
  return { message: toMessageDTO(existing), created: false, notice: existing.masked ? MASKING_NOTICE : null, autoReply: null }
}

/** A unique index refused the row: SQLSTATE 23505 from the driver, P2002 from model queries, P2010 wrapping 23505 from raw ones. */
export function isUniqueViolation(e: unknown): boolean {
  if (sqlState(e) === '23505') return true
  if (!(e instanceof Prisma.PrismaClientKnownRequestError)) return false
  if (e.code === 'P2002') return true
  const meta = e.meta as { driverAdapterError?: { cause?: { originalCode?: unknown } } } | undefined
  return e.code === 'P2010' && meta?.driverAdapterError?.cause?.originalCode === '23505'
}

/** The row the append just wrote, in the shape toMessageDTO takes: a new message has no reactions or attachments yet. */
export function sentRow(a: AppendArgs, row: AppendedRow): MessageRow {
  return {
    id: a.messageId,
    conversationId: a.conversationId,
    sequence: row.sequence,
    authorId: a.authorId,
    authorSide: a.side,
    kind: 'TEXT',
    clientMessageId: a.clientMessageId,
    body: a.body,
    originalBody: a.originalBody,
    masked: a.masked,
    replyToId: a.replyToId,
    createdAt: a.at,
    editedAt: null,
    deletedAt: null,
    author: row.authorName === null ? null : { displayName: row.authorName },
    reactions: [],
    attachments: [],
    conversation: { supplier: { name: row.supplierName }, buyer: { displayName: row.buyerName } },
  }
}

async function appendAutoReply(tx: SqlQueryable, conversationId: string, body: string, at: Date): Promise<MessageRow> {
  const messageId = newId()
  const [row] = await tx.query<AppendedRow>(appendAutoReplySql({ messageId, conversationId, body, preview: messagePreview(body), at }))
  return {
    id: messageId,
    conversationId,
    sequence: row!.sequence,
    authorId: null,
    authorSide: 'SUPPLIER',
    kind: 'AUTO_REPLY',
    clientMessageId: null,
    body,
    originalBody: null,
    masked: false,
    replyToId: null,
    createdAt: at,
    editedAt: null,
    deletedAt: null,
    author: null,
    reactions: [],
    attachments: [],
    conversation: { supplier: { name: row!.supplierName }, buyer: { displayName: row!.buyerName } },
  }
}

async function findByClientId(deps: MessagingDeps, authorId: string, clientMessageId: string) {
  return deps.db.message.findUnique({
    where: { authorId_clientMessageId: { authorId, clientMessageId } },
    include: messageInclude,
  })
}

/** Claims the uploads for the message and returns them as the message's attachments (in id order, as reads give them). */
async function attach(tx: SqlQueryable, messageId: string, uploaderId: string, ids: string[]): Promise<MessageRow['attachments']> {
  if (ids.length > MESSAGING_LIMITS.attachmentsPerMessage)
    throw new ValidationError(`Attach at most ${MESSAGING_LIMITS.attachmentsPerMessage} files to one message.`, 'attachmentIds')
  const unknown = () => new ValidationError('An attachment is unknown, not yours, or already sent.', 'attachmentIds')
  if (!ids.every(isUuid)) throw unknown()
  const claimed = await tx.query<MessageRow['attachments'][number]>(attachSql({ messageId, uploaderId, ids: [...new Set(ids)] }))
  if (claimed.length !== new Set(ids).size) throw unknown()
  return claimed.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

export { RateLimitedError }
