// The account side of presence: whether a person shows as online, and when they were last
// seen. Counting open connections is @rapport/realtime's; these are the user row's fields.
import type { Viewer } from '@rapport/core'
import { UnauthenticatedError } from '@rapport/core'
import type { PrismaClient } from '@rapport/db'

export type PresenceVisibility = 'VISIBLE' | 'INVISIBLE'

/** Records that the user was just seen; returns whether they may be shown as online. */
export async function recordLastSeen(deps: { db: PrismaClient }, userId: string, at: Date): Promise<{ visible: boolean }> {
  const user = await deps.db.user.update({ where: { id: userId }, data: { lastSeenAt: at }, select: { presenceVisibility: true } })
  return { visible: user.presenceVisibility === 'VISIBLE' }
}

/** Shows or hides the viewer's online status and last seen time. */
export async function setPresenceVisibility(deps: { db: PrismaClient }, viewer: Viewer | null, visibility: PresenceVisibility): Promise<PresenceVisibility> {
  if (!viewer) throw new UnauthenticatedError('Sign in to do this.')
  const user = await deps.db.user.update({ where: { id: viewer.userId }, data: { presenceVisibility: visibility }, select: { presenceVisibility: true } })
  return user.presenceVisibility
}

/** Whether the user shows their presence (Viewer.presenceVisibility). */
export async function presenceVisibilityOf(deps: { db: PrismaClient }, userId: string): Promise<PresenceVisibility> {
  const user = await deps.db.user.findUniqueOrThrow({ where: { id: userId }, select: { presenceVisibility: true } })
  return user.presenceVisibility
}

/** Of these users, the ones who show their presence, with when each was last seen. */
export async function visiblePresenceOf(deps: { db: PrismaClient }, userIds: readonly string[]): Promise<{ id: string; lastSeenAt: Date | null }[]> {
  return deps.db.user.findMany({
    where: { id: { in: [...userIds] }, presenceVisibility: 'VISIBLE' },
    select: { id: true, lastSeenAt: true },
  })
}

/** The suppliers whose team the user is on (where their presence is announced besides their own topic). */
export async function teamsOf(deps: { db: PrismaClient }, userId: string): Promise<string[]> {
  const rows = await deps.db.supplierMember.findMany({ where: { userId }, select: { supplierId: true } })
  return rows.map((r) => r.supplierId)
}
