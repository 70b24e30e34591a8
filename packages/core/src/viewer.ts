// Who is asking. Built once per request from the session; every domain function that
// needs authorization takes it explicitly.
export type PlatformRole = 'USER' | 'MODERATOR' | 'ADMIN'
export type MemberRole = 'OWNER' | 'AGENT'

export type Viewer = {
  userId: string
  sessionId: string
  email: string
  displayName: string
  platformRole: PlatformRole
  /** Set when the user has a buyer profile. */
  buyerId: string | null
  /** Active memberships of supplier organisations. */
  memberships: { supplierId: string; memberId: string; role: MemberRole }[]
}

export const isStaff = (v: Viewer | null): boolean => v?.platformRole === 'MODERATOR' || v?.platformRole === 'ADMIN'

export function membershipOf(v: Viewer | null, supplierId: string) {
  return v?.memberships.find((m) => m.supplierId === supplierId) ?? null
}
