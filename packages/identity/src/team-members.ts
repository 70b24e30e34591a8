import type { PrismaClient } from '@rapport/db'

export type TeamMemberRow = {
  id: string
  userId: string
  supplierId: string
  role: 'OWNER' | 'AGENT'
  title: string | null
  createdAt: Date
  /** Set once the member left the team; their name still labels what they wrote. */
  removedAt: Date | null
  displayName: string
}

/** Team members with their names, current or former, in the order of `ids` (null where none). */
export async function teamMembersByIds(deps: { db: PrismaClient }, ids: readonly string[]): Promise<(TeamMemberRow | null)[]> {
  const rows = await deps.db.supplierMember.findMany({
    where: { id: { in: [...ids] } },
    include: { user: { select: { displayName: true } } },
  })
  const byId = new Map(rows.map((r) => [r.id, teamMemberRow(r)]))
  return ids.map((id) => byId.get(id) ?? null)
}

/** A member row read with its user's name, as the one shape the rest of the code uses. */
export function teamMemberRow(r: Omit<TeamMemberRow, 'displayName'> & { user: { displayName: string } }): TeamMemberRow {
  return { id: r.id, userId: r.userId, supplierId: r.supplierId, role: r.role, title: r.title, createdAt: r.createdAt, removedAt: r.removedAt, displayName: r.user.displayName }
}
