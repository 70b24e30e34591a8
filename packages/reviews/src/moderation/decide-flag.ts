// A moderator decides a report: keep the content, hide it (a notice stays in its place, with the
// reason), remove it (off public pages), or restore what was hidden or removed. One transaction
// sets the content's status, logs the decision, closes every open report on the same thing and,
// for a supplier's content, records FLAG_DECIDED for the team's live feed.
import { ForbiddenError, isStaff, NotFoundError, UnauthenticatedError, ValidationError, type Viewer } from '@rapport/core'
import type { Prisma } from '@rapport/db'
import { z } from 'zod'
import type { ReviewsDeps } from '../deps.ts'
import { isUuid } from '../input.ts'
import { recordReviewEvent } from '../review-events.ts'
import { AlreadyDecidedError } from './errors.ts'
import { DECISION_ACTIONS, MODERATION_LIMITS, type DecisionAction, type QueueKind } from './limits.ts'
import { setTargetStatus, targetFacts, type ContentStatus } from './targets.ts'

export type DecideFlagInput = { flagId: string; action: DecisionAction; reason: string }

export type ModerationDecisionDTO = {
  id: string
  flagId: string | null
  moderatorId: string
  targetType: QueueKind
  targetId: string
  action: DecisionAction
  reason: string
  createdAt: Date
}

type DecisionRow = { id: string; flagId: string | null; moderatorId: string; targetType: string; targetId: string; action: string; reason: string; createdAt: Date }

/** KEEP is stored as DISMISS (the schema's name for "the reports were dismissed"). */
export const toDecisionDTO = (d: DecisionRow): ModerationDecisionDTO => ({
  id: d.id,
  flagId: d.flagId,
  moderatorId: d.moderatorId,
  targetType: d.targetType as QueueKind,
  targetId: d.targetId,
  action: (d.action === 'DISMISS' ? 'KEEP' : d.action) as DecisionAction,
  reason: d.reason,
  createdAt: d.createdAt,
})

const reasonSchema = z
  .string()
  .trim()
  .min(1, 'Give a reason: the author is shown it.')
  .max(MODERATION_LIMITS.decisionReason, `Keep the reason under ${MODERATION_LIMITS.decisionReason.toLocaleString('en')} characters.`)

const STATUS_AFTER: Record<Exclude<DecisionAction, 'KEEP'>, ContentStatus> = { HIDE: 'HIDDEN', REMOVE: 'REMOVED', RESTORE: 'PUBLISHED' }
const STATE: Record<ContentStatus, string> = { PUBLISHED: 'published', HIDDEN: 'hidden', REMOVED: 'removed' }

/** Moderators and admins only. */
export function requireStaff(viewer: Viewer | null): Viewer {
  if (!viewer) throw new UnauthenticatedError('Sign in as a moderator.')
  if (!isStaff(viewer)) throw new ForbiddenError('Only moderators and administrators can do this.')
  return viewer
}

export async function decideFlag(deps: ReviewsDeps, viewer: Viewer | null, input: DecideFlagInput): Promise<ModerationDecisionDTO> {
  const moderator = requireStaff(viewer)
  if (!DECISION_ACTIONS.includes(input.action)) throw new ValidationError('Choose keep, hide, remove or restore.', 'action')
  const parsed = reasonSchema.safeParse(input.reason)
  if (!parsed.success) throw new ValidationError(parsed.error.issues[0]!.message, 'reason')
  const reason = parsed.data
  const flag = isUuid(input.flagId) ? await deps.db.flag.findUnique({ where: { id: input.flagId } }) : null
  if (!flag) throw new NotFoundError('No such report.')
  const type = flag.targetType as QueueKind
  // A conversation is private and stays as it is: its report is kept (dismissed) or dealt with
  // outside the conversation (a warning, a block), never hidden.
  if (type === 'CONVERSATION' && input.action !== 'KEEP') throw new ValidationError('A reported conversation can only be kept (the report dismissed).', 'action')

  const now = deps.clock.now()
  const { decision, supplierId } = await deps.db.$transaction(async (tx) => {
    // The target's reports, locked in id order: decisions about one thing queue behind each
    // other, so the second of two moderators sees what the first decided.
    const locked = await tx.$queryRaw<{ id: string; status: string }[]>`
      SELECT "id", "status" FROM "Flag" WHERE "targetType" = ${type}::"ContentType" AND "targetId" = ${flag.targetId}::uuid ORDER BY "id" FOR UPDATE`
    const flagNow = locked.find((f) => f.id === flag.id)
    if (!flagNow) throw new NotFoundError('No such report.')
    const target = await targetFacts(tx, type, flag.targetId)
    const status = target?.status ?? null
    if (input.action === 'KEEP') {
      if (flagNow.status !== 'OPEN') throw new AlreadyDecidedError('This report was already decided.', status)
    } else {
      if (!target || !status) throw new NotFoundError('The reported content no longer exists (its author deleted it). Keep the report to close it.')
      if (status === STATUS_AFTER[input.action]) throw new AlreadyDecidedError(`It is already ${STATE[status]}.`, status)
      await setTargetStatus(tx, type as Exclude<QueueKind, 'CONVERSATION'>, flag.targetId, STATUS_AFTER[input.action])
    }
    const row = await tx.moderationDecision.create({
      data: { flagId: flag.id, moderatorId: moderator.userId, targetType: type, targetId: flag.targetId, action: input.action === 'KEEP' ? 'DISMISS' : input.action, reason, createdAt: now },
    })
    // Hidden or removed: the reports were acted on. Kept or restored: they are dismissed.
    const closed: Prisma.FlagUpdateManyMutationInput = { status: input.action === 'HIDE' || input.action === 'REMOVE' ? 'ACTIONED' : 'DISMISSED', resolvedAt: now }
    await tx.flag.updateMany({ where: { targetType: type, targetId: flag.targetId, status: 'OPEN' }, data: closed })
    const supplierId = type !== 'CONVERSATION' && target?.supplierId ? target.supplierId : null
    if (supplierId && target) {
      const payload = { decisionId: row.id, targetType: type, targetId: flag.targetId, action: input.action }
      const aggregate = type === 'REVIEW' || type === 'REVIEW_RESPONSE' ? { aggregateType: 'Review', aggregateId: target.parentId! } : { aggregateType: 'ProductQuestion', aggregateId: target.parentId! }
      await recordReviewEvent(deps, tx, { supplierId, type: 'FLAG_DECIDED', at: now, ...aggregate, payload })
    }
    return { decision: row, supplierId }
  })
  if (supplierId) deps.announce?.(supplierId)
  return toDecisionDTO(decision)
}

/** The decisions about these things (by `${type}:${id}`), oldest first. */
export async function decisionsAbout(deps: Pick<ReviewsDeps, 'db'>, targets: readonly { type: QueueKind; id: string }[]): Promise<Map<string, ModerationDecisionDTO[]>> {
  const out = new Map<string, ModerationDecisionDTO[]>(targets.map((t) => [`${t.type}:${t.id}`, []]))
  const valid = targets.filter((t) => isUuid(t.id))
  if (!valid.length) return out
  const rows = await deps.db.moderationDecision.findMany({
    where: { OR: valid.map((t) => ({ targetType: t.type, targetId: t.id })) },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  })
  for (const r of rows) out.get(`${r.targetType}:${r.targetId}`)?.push(toDecisionDTO(r))
  return out
}

/** Decisions by id (the team's live feed names one per FLAG_DECIDED event). */
export async function getDecisionsByIds(deps: Pick<ReviewsDeps, 'db'>, ids: readonly string[]): Promise<ModerationDecisionDTO[]> {
  const valid = ids.filter(isUuid)
  if (!valid.length) return []
  return (await deps.db.moderationDecision.findMany({ where: { id: { in: valid } } })).map(toDecisionDTO)
}
