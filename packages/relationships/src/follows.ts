// Following a supplier: the buyer's consent to hear its updates. Muting keeps the follow (and
// the updates in the buyer's feed) but stops the notifications.
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError, type Viewer } from '@rapport/core'
import type { RelationshipsDeps } from './deps.ts'
import { RELATIONSHIP_LIMITS } from './limits.ts'

export type FollowDTO = { id: string; buyerId: string; supplierId: string; createdAt: Date; mutedAt: Date | null }

function buyerOf(viewer: Viewer | null): string {
  if (!viewer) throw new UnauthenticatedError('Sign in to follow suppliers.')
  if (!viewer.buyerId) throw new ForbiddenError('Only buyer accounts follow suppliers.')
  return viewer.buyerId
}

async function supplier(deps: Pick<RelationshipsDeps, 'db'>, supplierId: string) {
  const s = await deps.db.supplier.findUnique({ where: { id: supplierId }, select: { id: true, slug: true, name: true } })
  if (!s) throw new NotFoundError('There is no such supplier.')
  return s
}

/** Follows (again: a second follow changes nothing); the team hears of a new follower. */
export async function follow(deps: RelationshipsDeps, viewer: Viewer | null, supplierId: string): Promise<FollowDTO> {
  const buyerId = buyerOf(viewer)
  const s = await supplier(deps, supplierId)
  const at = deps.clock.now()
  const { row, told } = await deps.db.$transaction(async (tx) => {
    const existing = await tx.follow.findUnique({ where: { buyerId_supplierId: { buyerId, supplierId } } })
    if (existing) return { row: existing, told: [] as string[] }
    const created = await tx.follow.upsert({
      where: { buyerId_supplierId: { buyerId, supplierId } },
      create: { buyerId, supplierId, createdAt: at },
      update: {},
    })
    const team = await tx.supplierMember.findMany({ where: { supplierId, removedAt: null }, select: { userId: true } })
    const told = await deps.notify(
      tx,
      team.map((m) => ({
        userId: m.userId,
        kind: 'NEW_FOLLOWER' as const,
        text: `${viewer!.displayName} now follows ${s.name}.`,
        link: `/suppliers/${s.slug}`,
        at,
        subject: { supplierId, buyerId },
      })),
    )
    return { row: created, told }
  })
  if (told.length) deps.announce?.(told)
  return row
}

/** Unfollows; unfollowing a supplier one does not follow changes nothing. */
export async function unfollow(deps: RelationshipsDeps, viewer: Viewer | null, supplierId: string): Promise<void> {
  const buyerId = buyerOf(viewer)
  await supplier(deps, supplierId)
  await deps.db.follow.deleteMany({ where: { buyerId, supplierId } })
}

/** Mutes (or unmutes) a followed supplier's notifications. */
export async function muteSupplier(deps: RelationshipsDeps, viewer: Viewer | null, input: { supplierId: string; muted: boolean }): Promise<FollowDTO> {
  const buyerId = buyerOf(viewer)
  await supplier(deps, input.supplierId)
  const { count } = await deps.db.follow.updateMany({
    where: { buyerId, supplierId: input.supplierId },
    data: { mutedAt: input.muted ? deps.clock.now() : null },
  })
  if (count === 0) throw new ValidationError('Follow this supplier first: only followed suppliers can be muted.', 'supplierId')
  return deps.db.follow.findUniqueOrThrow({ where: { buyerId_supplierId: { buyerId, supplierId: input.supplierId } } })
}

export type FollowingInput = { first?: number | null; after?: string | null }

/** The suppliers a buyer follows, most recent first; `after` is the last follow's id. */
export async function following(deps: Pick<RelationshipsDeps, 'db'>, viewer: Viewer | null, input: FollowingInput = {}) {
  const buyerId = buyerOf(viewer)
  const first = pageSize(input.first)
  const rows = await deps.db.follow.findMany({
    where: { buyerId, ...(input.after ? { id: { lt: uuidCursor(input.after) } } : {}) },
    orderBy: { id: 'desc' },
    take: first + 1,
  })
  const items = rows.slice(0, first)
  return { items, hasNextPage: rows.length > first, endCursor: items.at(-1)?.id ?? null }
}

/** Follower counts per supplier (0 for none). */
export async function followerCounts(deps: Pick<RelationshipsDeps, 'db'>, supplierIds: readonly string[]): Promise<Map<string, number>> {
  const groups = await deps.db.follow.groupBy({ by: ['supplierId'], where: { supplierId: { in: [...supplierIds] } }, _count: { _all: true } })
  return new Map(supplierIds.map((id) => [id, groups.find((g) => g.supplierId === id)?._count._all ?? 0]))
}

/** The viewer's follow of each supplier, if any (for the follow button). */
export async function followsOf(deps: Pick<RelationshipsDeps, 'db'>, buyerId: string, supplierIds: readonly string[]): Promise<Map<string, FollowDTO>> {
  const rows = await deps.db.follow.findMany({ where: { buyerId, supplierId: { in: [...supplierIds] } } })
  return new Map(rows.map((r) => [r.supplierId, r]))
}

export function pageSize(first: number | null | undefined): number {
  const n = first ?? RELATIONSHIP_LIMITS.pageSizeDefault
  if (!Number.isInteger(n) || n < 1 || n > RELATIONSHIP_LIMITS.pageSizeMax)
    throw new ValidationError(`"first" must be between 1 and ${RELATIONSHIP_LIMITS.pageSizeMax}.`, 'first')
  return n
}

export function uuidCursor(after: string): string {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(after)) throw new ValidationError('That is not a cursor from this list.', 'after')
  return after
}
