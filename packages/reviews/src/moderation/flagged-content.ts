// What a moderator reads about a report: the thing itself, whatever its status, with its
// context. Reading a private conversation's messages for a report is logged (AccessLog): the
// parties will be able to see who at the platform read it, and why.
import { accessReason, describeAccessReason, NotFoundError, STAFF_ACCESS_REASONS, ValidationError, type StaffAccessReason, type Viewer } from '@rapport/core'
import type { ReviewsDeps } from '../deps.ts'
import { isUuid } from '../input.ts'
import { requireStaff } from './decide-flag.ts'
import { MODERATION_LIMITS } from './limits.ts'
import type { ContentStatus } from './targets.ts'

export type FlaggedQuestionDTO = { id: string; body: string; status: ContentStatus; createdAt: Date; authorName: string; productId: string }
export type FlaggedAnswerDTO = FlaggedQuestionDTO & { questionId: string; questionBody: string; official: boolean }

/** Questions by id, any status (moderators' view). */
export async function flaggedQuestions(deps: Pick<ReviewsDeps, 'db'>, ids: readonly string[]): Promise<FlaggedQuestionDTO[]> {
  const valid = ids.filter(isUuid)
  if (!valid.length) return []
  const rows = await deps.db.productQuestion.findMany({ where: { id: { in: valid } }, include: { asker: { select: { displayName: true } } } })
  return rows.map((q) => ({ id: q.id, body: q.body, status: q.status, createdAt: q.createdAt, authorName: q.asker.displayName, productId: q.productId }))
}

/** Answers by id, any status, with the question they answer (moderators' view). */
export async function flaggedAnswers(deps: Pick<ReviewsDeps, 'db'>, ids: readonly string[]): Promise<FlaggedAnswerDTO[]> {
  const valid = ids.filter(isUuid)
  if (!valid.length) return []
  const rows = await deps.db.productAnswer.findMany({
    where: { id: { in: valid } },
    include: { author: { select: { displayName: true } }, question: { select: { body: true, productId: true } } },
  })
  return rows.map((a) => ({
    id: a.id,
    body: a.body,
    status: a.status,
    createdAt: a.createdAt,
    authorName: a.author.displayName,
    productId: a.question.productId,
    questionId: a.questionId,
    questionBody: a.question.body,
    official: !!a.supplierId,
  }))
}

export type ReportedConversationDTO = { id: string; supplierId: string; buyerName: string; subject: string | null; createdAt: Date; messageCount: number }

/** The reported conversations by id: who and what about, not yet their messages (nothing is logged). */
export async function reportedConversations(deps: Pick<ReviewsDeps, 'db'>, ids: readonly string[]): Promise<ReportedConversationDTO[]> {
  const valid = ids.filter(isUuid)
  if (!valid.length) return []
  const rows = await deps.db.conversation.findMany({ where: { id: { in: valid } }, include: { buyer: { select: { displayName: true } } } })
  return rows.map((c) => ({ id: c.id, supplierId: c.supplierId, buyerName: c.buyer.displayName, subject: c.subject, createdAt: c.createdAt, messageCount: c.lastSequence }))
}

export type ReportedMessageDTO = {
  id: string
  sequence: number
  authorSide: 'BUYER' | 'SUPPLIER' | 'SYSTEM'
  authorName: string | null
  /** What the participants saw (contact details masked where the rule applied). */
  body: string
  /** The unmasked text, when something was masked: moderators see it for reports about contact details. */
  originalBody: string | null
  createdAt: Date
  deletedAt: Date | null
}

/**
 * The last `count` messages of a reported conversation, oldest first, for a moderator deciding
 * report `flagId` — and an AccessLog row saying so ("report #<flag id>"), written before the
 * messages are returned.
 */
export async function readReportedConversation(
  deps: Pick<ReviewsDeps, 'db' | 'clock'>,
  viewer: Viewer | null,
  input: { flagId: string; count: number; ip?: string | null },
): Promise<ReportedMessageDTO[]> {
  const moderator = requireStaff(viewer)
  const flag = isUuid(input.flagId) ? await deps.db.flag.findUnique({ where: { id: input.flagId }, select: { id: true, targetType: true, targetId: true } }) : null
  if (!flag || flag.targetType !== 'CONVERSATION') return []
  const conversation = await deps.db.conversation.findUnique({ where: { id: flag.targetId }, select: { id: true } })
  if (!conversation) return []
  return logAndRead(deps, moderator, conversation.id, accessReason.report(flag.id), input)
}


/**
 * The last `count` messages of any conversation, for staff answering a support or a legal
 * request — with an AccessLog row naming the request, written before the messages are returned
 * (both parties see it). The reference (a ticket, a case) is required: no reason, no reading.
 */
export async function readConversationForRequest(
  deps: Pick<ReviewsDeps, 'db' | 'clock'>,
  viewer: Viewer | null,
  input: { conversationId: string; reason: StaffAccessReason; reference: string; count: number; ip?: string | null },
): Promise<{ messages: ReportedMessageDTO[]; reason: string }> {
  const staff = requireStaff(viewer)
  if (!(input.reason in STAFF_ACCESS_REASONS)) throw new ValidationError('Choose a support request or a legal request.', 'reason')
  const reference = input.reference.replace(/\s+/g, ' ').trim()
  if (reference.length < 3) throw new ValidationError('Give the request’s reference (a ticket or case number, at least 3 characters).', 'reference')
  if (reference.length > MODERATION_LIMITS.staffAccessReference)
    throw new ValidationError(`The reference is at most ${MODERATION_LIMITS.staffAccessReference} characters.`, 'reference')
  const conversation = isUuid(input.conversationId) ? await deps.db.conversation.findUnique({ where: { id: input.conversationId }, select: { id: true } }) : null
  if (!conversation) throw new NotFoundError('No such conversation.')
  const stored = accessReason.request(input.reason, reference)
  // The reason as the parties will read it in the access log, for staff to see what they recorded.
  return { messages: await logAndRead(deps, staff, conversation.id, stored, input), reason: describeAccessReason(stored).reason }
}

/** Writes the access-log row, then reads: nobody at the platform sees a message unrecorded. */
async function logAndRead(deps: Pick<ReviewsDeps, 'db' | 'clock'>, staff: Viewer, conversationId: string, reason: string, input: { count: number; ip?: string | null }) {
  await deps.db.accessLog.create({
    data: { actorId: staff.userId, conversationId, targetType: 'CONVERSATION', targetId: conversationId, reason, ip: input.ip ?? null, createdAt: deps.clock.now() },
  })
  const rows = await deps.db.message.findMany({
    where: { conversationId },
    orderBy: { sequence: 'desc' },
    take: Math.max(1, Math.min(input.count, 100)),
    include: { author: { select: { displayName: true } } },
  })
  return rows.reverse().map((m): ReportedMessageDTO => ({
    id: m.id,
    sequence: m.sequence,
    authorSide: m.authorSide as ReportedMessageDTO['authorSide'],
    authorName: m.author?.displayName ?? null,
    // A message its author deleted is still shown to staff (marked): it may be the evidence.
    body: m.body,
    originalBody: m.originalBody,
    createdAt: m.createdAt,
    deletedAt: m.deletedAt,
  }))
}
