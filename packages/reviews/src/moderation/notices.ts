// "Removed by moderators: <reason>" — what stands in place of hidden content, and what its
// author is told. The notice is the latest decision that changed the content's status; a
// RESTORE after it means there is none. Status and decision are written in one transaction, so
// they agree.
import type { ReviewsDeps } from '../deps.ts'
import { isUuid } from '../input.ts'
import type { FlaggableType } from './limits.ts'

export type ModerationNotice = { action: 'HIDE' | 'REMOVE'; reason: string; decidedAt: Date }

/** The notices of these things (only those hidden or removed have one), by id: one query. */
export async function moderationNotices(deps: Pick<ReviewsDeps, 'db'>, targetType: FlaggableType, ids: readonly string[]): Promise<Map<string, ModerationNotice>> {
  const valid = [...new Set(ids.filter(isUuid))]
  const out = new Map<string, ModerationNotice>()
  if (!valid.length) return out
  const rows = await deps.db.$queryRaw<{ targetId: string; action: 'HIDE' | 'REMOVE' | 'RESTORE'; reason: string; createdAt: Date }[]>`
    SELECT DISTINCT ON ("targetId") "targetId", "action"::text AS "action", "reason", "createdAt"
    FROM "ModerationDecision"
    WHERE "targetType" = ${targetType}::"ContentType" AND "targetId" = ANY(${valid}::uuid[]) AND "action" IN ('HIDE', 'REMOVE', 'RESTORE')
    ORDER BY "targetId", "createdAt" DESC, "id" DESC`
  for (const r of rows) if (r.action !== 'RESTORE') out.set(r.targetId, { action: r.action, reason: r.reason, decidedAt: r.createdAt })
  return out
}
