// Public questions on a product, and their answers (model: Bazaarvoice). Anyone signed in asks;
// the supplier's team answers as the supplier (named, with role) and anyone else may answer as a
// fellow buyer, shown apart. Both are PUBLISHED unless moderators hid or removed them.
import { NotFoundError, UnauthenticatedError, ValidationError, membershipOf, type Viewer } from '@rapport/core'
import type { ContentStatus, Prisma } from '@rapport/db'
import { z } from 'zod'
import type { ReviewsDeps } from './deps.ts'
import { isUuid } from './input.ts'
import { REVIEW_LIMITS } from './limits.ts'
import { recordReviewEvent } from './review-events.ts'

export type QuestionDTO = {
  id: string
  productId: string
  supplierId: string
  body: string
  /** The asker's name; null when they chose not to be named. */
  askerName: string | null
  askerUserId: string
  /** HIDDEN ones keep their place in lists with the moderators' notice; REMOVED ones are not listed. */
  status: ContentStatus
  createdAt: Date
}

export type AnswerDTO = {
  id: string
  questionId: string
  body: string
  authorName: string
  authorUserId: string
  /** The supplier's answer, written by one of its team: `memberId` names who (role included). */
  official: boolean
  memberId: string | null
  helpfulCount: number
  status: ContentStatus
  createdAt: Date
}

/** What public lists show: published items, and hidden ones in place (their text withheld by the API). */
const LISTED: ContentStatus[] = ['PUBLISHED', 'HIDDEN']

export type AskQuestionInput = { productId: string; body: string }
export type AnswerQuestionInput = { questionId: string; body: string }

const text = (max: number, empty: string, long: string) => z.string().trim().min(1, empty).max(max, long)
export const questionBody = text(REVIEW_LIMITS.question, 'Write your question.', `Keep the question under ${REVIEW_LIMITS.question.toLocaleString('en')} characters.`)
export const answerBody = text(REVIEW_LIMITS.answer, 'Write an answer.', `Keep the answer under ${REVIEW_LIMITS.answer.toLocaleString('en')} characters.`)

/** The text, checked; a ValidationError naming `field` otherwise. */
export function parseText(schema: z.ZodType<string>, raw: unknown, field: string): string {
  const r = schema.safeParse(raw)
  if (!r.success) throw new ValidationError(r.error.issues[0]!.message, field)
  return r.data
}

const questionSelect = {
  id: true,
  productId: true,
  body: true,
  anonymous: true,
  askerId: true,
  status: true,
  createdAt: true,
  product: { select: { supplierId: true } },
  asker: { select: { displayName: true } },
} satisfies Prisma.ProductQuestionSelect
type QuestionRow = Prisma.ProductQuestionGetPayload<{ select: typeof questionSelect }>

export const toQuestionDTO = (q: QuestionRow): QuestionDTO => ({
  id: q.id,
  productId: q.productId,
  supplierId: q.product.supplierId,
  body: q.body,
  askerName: q.anonymous ? null : q.asker.displayName,
  askerUserId: q.askerId,
  status: q.status,
  createdAt: q.createdAt,
})

export async function askQuestion(deps: ReviewsDeps, viewer: Viewer | null, input: AskQuestionInput): Promise<QuestionDTO> {
  if (!viewer) throw new UnauthenticatedError('Sign in to ask a question.')
  const product = isUuid(input.productId) ? await deps.db.product.findUnique({ where: { id: input.productId }, select: { id: true, supplierId: true } }) : null
  if (!product) throw new NotFoundError('No such product.')
  const body = parseText(questionBody, input.body, 'body')
  const now = deps.clock.now()
  const question = await deps.db.$transaction(async (tx) => {
    const q = await tx.productQuestion.create({ data: { productId: product.id, askerId: viewer.userId, body, createdAt: now }, select: questionSelect })
    await recordReviewEvent(deps, tx, { supplierId: product.supplierId, type: 'QUESTION_ASKED', questionId: q.id, at: now })
    return q
  })
  deps.announce?.(product.supplierId)
  return toQuestionDTO(question)
}

export async function answerQuestion(deps: ReviewsDeps, viewer: Viewer | null, input: AnswerQuestionInput): Promise<AnswerDTO> {
  if (!viewer) throw new UnauthenticatedError('Sign in to answer.')
  const question = isUuid(input.questionId)
    ? await deps.db.productQuestion.findUnique({ where: { id: input.questionId }, select: { id: true, status: true, product: { select: { supplierId: true } } } })
    : null
  if (!question || question.status !== 'PUBLISHED') throw new NotFoundError('No such question.')
  const body = parseText(answerBody, input.body, 'body')
  const supplierId = question.product.supplierId
  // A team member always answers for the supplier: the page names them with their role.
  const official = membershipOf(viewer, supplierId) !== null
  const now = deps.clock.now()
  const answer = await deps.db.$transaction(async (tx) => {
    const a = await tx.productAnswer.create({
      data: { questionId: question.id, authorId: viewer.userId, supplierId: official ? supplierId : null, body, createdAt: now },
      select: answerSelect,
    })
    await recordReviewEvent(deps, tx, { supplierId, type: 'QUESTION_ANSWERED', questionId: question.id, at: now })
    return a
  })
  deps.announce?.(supplierId)
  return toAnswerDTO(answer)
}

const answerSelect = {
  id: true,
  questionId: true,
  body: true,
  authorId: true,
  supplierId: true,
  helpfulCount: true,
  status: true,
  createdAt: true,
  author: { select: { displayName: true, memberships: { select: { id: true, supplierId: true } } } },
} satisfies Prisma.ProductAnswerSelect
type AnswerRow = Prisma.ProductAnswerGetPayload<{ select: typeof answerSelect }>

const toAnswerDTO = (a: AnswerRow): AnswerDTO => ({
  id: a.id,
  questionId: a.questionId,
  body: a.body,
  authorName: a.author.displayName,
  authorUserId: a.authorId,
  official: a.supplierId !== null,
  memberId: a.supplierId ? (a.author.memberships.find((m) => m.supplierId === a.supplierId)?.id ?? null) : null,
  helpfulCount: a.helpfulCount,
  status: a.status,
  createdAt: a.createdAt,
})

export type ListQuestionsInput = ({ productId: string } | { supplierId: string; unanswered?: boolean }) & {
  afterId?: string | null
  beforeId?: string | null
  limit: number
  inverted?: boolean
}

/** Listed questions (published, and hidden ones in place), newest first; for a supplier optionally only those it has not answered. */
export async function listQuestions(deps: Pick<ReviewsDeps, 'db'>, input: ListQuestionsInput): Promise<QuestionDTO[]> {
  const scopeId = 'productId' in input ? input.productId : input.supplierId
  if (!isUuid(scopeId)) return []
  const where: Prisma.ProductQuestionWhereInput = {
    status: 'supplierId' in input && input.unanswered ? 'PUBLISHED' : { in: LISTED },
    ...('productId' in input ? { productId: scopeId } : { product: { supplierId: scopeId } }),
    ...('supplierId' in input && input.unanswered ? { answers: { none: { supplierId: { not: null }, status: 'PUBLISHED' } } } : {}),
  }
  const d = input.inverted ? 'asc' : 'desc'
  const cursorId = input.inverted ? (input.beforeId ?? input.afterId) : (input.afterId ?? input.beforeId)
  const rows = await deps.db.productQuestion.findMany({
    where,
    orderBy: [{ createdAt: d }, { id: d }],
    take: input.limit,
    select: questionSelect,
    ...(cursorId && isUuid(cursorId) ? { cursor: { id: cursorId }, skip: 1 } : {}),
  })
  return rows.map(toQuestionDTO)
}

/** Listed questions by id (node lookups, events). */
export async function getQuestionsByIds(deps: Pick<ReviewsDeps, 'db'>, ids: readonly string[]): Promise<QuestionDTO[]> {
  const valid = ids.filter(isUuid)
  if (!valid.length) return []
  return (await deps.db.productQuestion.findMany({ where: { id: { in: valid }, status: { in: LISTED } }, select: questionSelect })).map(toQuestionDTO)
}

/** The listed answers of these questions: the supplier's first, then the most helpful. */
export async function answersOf(deps: Pick<ReviewsDeps, 'db'>, questionIds: readonly string[]): Promise<Map<string, AnswerDTO[]>> {
  const valid = questionIds.filter(isUuid)
  const rows = valid.length
    ? await deps.db.productAnswer.findMany({
        where: { questionId: { in: valid }, status: { in: LISTED } },
        orderBy: [{ helpfulCount: 'desc' }, { createdAt: 'asc' }],
        select: answerSelect,
      })
    : []
  const map = new Map<string, AnswerDTO[]>(valid.map((id) => [id, []]))
  for (const row of rows) map.get(row.questionId)!.push(toAnswerDTO(row))
  for (const list of map.values()) list.sort((a, b) => Number(b.official) - Number(a.official))
  return map
}

/** Listed answers by id (node lookups, votes). */
export async function getAnswersByIds(deps: Pick<ReviewsDeps, 'db'>, ids: readonly string[]): Promise<AnswerDTO[]> {
  const valid = ids.filter(isUuid)
  if (!valid.length) return []
  return (await deps.db.productAnswer.findMany({ where: { id: { in: valid }, status: { in: LISTED } }, select: answerSelect })).map(toAnswerDTO)
}
