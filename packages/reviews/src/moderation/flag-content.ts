// Anyone signed in reports a review, a response, a question or an answer, with a reason. One
// report per person and thing: reporting again updates it (and re-opens it), as a conversation
// report does, so the queue counts people, not clicks.
import { membershipOf, NotFoundError, UnauthenticatedError, ValidationError, type Viewer } from '@rapport/core'
import type { Flag } from '@rapport/db'
import { z } from 'zod'
import type { ReviewsDeps } from '../deps.ts'
import { isUuid } from '../input.ts'
import { CannotFlagOwnContentError } from './errors.ts'
import { FLAG_REASONS, FLAGGABLE_TYPES, MODERATION_LIMITS, type FlaggableType, type FlagReason } from './limits.ts'
import { targetFacts, type TargetFacts } from './targets.ts'

export type FlagContentInput = { targetType: FlaggableType; targetId: string; reason: FlagReason; details?: string | null }

export type FlagDTO = {
  id: string
  reporterId: string
  targetType: Flag['targetType']
  targetId: string
  reason: FlagReason
  details: string | null
  status: Flag['status']
  createdAt: Date
  resolvedAt: Date | null
}

export const toFlagDTO = (f: Flag): FlagDTO => ({
  id: f.id,
  reporterId: f.reporterId,
  targetType: f.targetType,
  targetId: f.targetId,
  reason: f.reason,
  details: f.details,
  status: f.status,
  createdAt: f.createdAt,
  resolvedAt: f.resolvedAt,
})

const detailsSchema = z
  .string()
  .trim()
  .max(MODERATION_LIMITS.flagDetails, `Keep the details under ${MODERATION_LIMITS.flagDetails.toLocaleString('en')} characters.`)
  .transform((d) => d || null)

const NOUN: Record<FlaggableType, string> = { REVIEW: 'review', REVIEW_RESPONSE: 'response', PRODUCT_QUESTION: 'question', PRODUCT_ANSWER: 'answer' }

/** Whether the viewer wrote it: a review's buyer, a question's asker, an answer's author, a response's team. */
export function isOwnContent(viewer: Viewer, t: TargetFacts): boolean {
  if (t.authorUserId === viewer.userId) return true
  // A response (or a supplier's official answer) is the team's: no teammate reports it.
  return t.teamContent && !!t.supplierId && !!membershipOf(viewer, t.supplierId)
}

export async function flagContent(deps: ReviewsDeps, viewer: Viewer | null, input: FlagContentInput): Promise<FlagDTO> {
  if (!viewer) throw new UnauthenticatedError('Sign in to report content.')
  if (!FLAGGABLE_TYPES.includes(input.targetType)) throw new ValidationError('Reviews, responses, questions and answers can be reported here.', 'targetType')
  if (!FLAG_REASONS.includes(input.reason)) throw new ValidationError('Choose a reason.', 'reason')
  const parsed = detailsSchema.safeParse(input.details ?? '')
  if (!parsed.success) throw new ValidationError(parsed.error.issues[0]!.message, 'details')
  const target = isUuid(input.targetId) ? await targetFacts(deps.db, input.targetType, input.targetId) : null
  // Hidden or removed content is already out of the public's view: there is nothing left to report.
  if (!target || target.status !== 'PUBLISHED') throw new NotFoundError(`No such ${NOUN[input.targetType]}.`)
  if (isOwnContent(viewer, target)) throw new CannotFlagOwnContentError()
  const details = parsed.data
  const key = { reporterId: viewer.userId, targetType: input.targetType, targetId: target.id }
  const flag = await deps.db.flag.upsert({
    where: { reporterId_targetType_targetId: key },
    create: { ...key, reason: input.reason, details, createdAt: deps.clock.now() },
    update: { reason: input.reason, details, status: 'OPEN', resolvedAt: null },
  })
  return toFlagDTO(flag)
}
