// The moderators' queue: reported things, oldest open first, filtered by kind, age and status;
// each with how many reports it has and the decisions made so far. A thing reported by several
// people is one row (its first report): it is decided once, and a decision closes them all.
import { isStaff, type Viewer } from '@rapport/core'
import type { Prisma } from '@rapport/db'
import type { ReviewsDeps } from '../deps.ts'
import { isUuid } from '../input.ts'
import { requireStaff } from './decide-flag.ts'
import { toFlagDTO, type FlagDTO } from './flag-content.ts'
import type { QueueKind } from './limits.ts'

export type ModerationQueueInput = {
  /** OPEN (the default) lists the oldest report first; decided ones list the latest decided first. */
  status?: 'OPEN' | 'ACTIONED' | 'DISMISSED'
  kinds?: readonly QueueKind[]
  /** Things first reported before this instant (at least this old). */
  olderThan?: Date | null
  /** Things first reported at or after this instant (at most this old). */
  newerThan?: Date | null
  afterId?: string | null
  beforeId?: string | null
  limit: number
  inverted?: boolean
}

export async function moderationQueue(deps: Pick<ReviewsDeps, 'db'>, viewer: Viewer | null, input: ModerationQueueInput): Promise<FlagDTO[]> {
  requireStaff(viewer)
  const status = input.status ?? 'OPEN'
  // One row per thing: its first report with this status (decided ones: per decision, as one
  // decision closes every open report of the thing at the same instant).
  const firsts = await deps.db.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT ON ("targetType", "targetId", "resolvedAt") "id" FROM "Flag"
    WHERE "status" = ${status}::"FlagStatus"
    ORDER BY "targetType", "targetId", "resolvedAt", "createdAt", "id"`
  const where: Prisma.FlagWhereInput = {
    id: { in: firsts.map((f) => f.id) },
    status,
    ...(input.kinds?.length ? { targetType: { in: [...input.kinds] } } : {}),
    ...(input.olderThan || input.newerThan ? { createdAt: { ...(input.olderThan ? { lt: input.olderThan } : {}), ...(input.newerThan ? { gte: input.newerThan } : {}) } } : {}),
  }
  const forward = status === 'OPEN' ? 'asc' : 'desc'
  const d = input.inverted ? (forward === 'asc' ? 'desc' : 'asc') : forward
  const orderBy: Prisma.FlagOrderByWithRelationInput[] = status === 'OPEN' ? [{ createdAt: d }, { id: d }] : [{ resolvedAt: d }, { id: d }]
  const cursorId = input.inverted ? (input.beforeId ?? input.afterId) : (input.afterId ?? input.beforeId)
  const rows = await deps.db.flag.findMany({ where, orderBy, take: input.limit, ...(cursorId && isUuid(cursorId) ? { cursor: { id: cursorId }, skip: 1 } : {}) })
  return rows.map(toFlagDTO)
}

/** Reports by id, for moderators (everyone else gets none). */
export async function getFlagsByIds(deps: Pick<ReviewsDeps, 'db'>, viewer: Viewer | null, ids: readonly string[]): Promise<FlagDTO[]> {
  const valid = ids.filter(isUuid)
  if (!valid.length || !isStaff(viewer)) return []
  return (await deps.db.flag.findMany({ where: { id: { in: valid } } })).map(toFlagDTO)
}

/** How many reports each thing has, whatever their status (by `${type}:${id}`). */
export async function reportCounts(deps: Pick<ReviewsDeps, 'db'>, targets: readonly { type: QueueKind; id: string }[]): Promise<Map<string, number>> {
  const valid = targets.filter((t) => isUuid(t.id))
  const out = new Map<string, number>()
  if (!valid.length) return out
  const rows = await deps.db.flag.groupBy({ by: ['targetType', 'targetId'], where: { OR: valid.map((t) => ({ targetType: t.type, targetId: t.id })) }, _count: { _all: true } })
  for (const r of rows) out.set(`${r.targetType}:${r.targetId}`, r._count._all)
  return out
}
