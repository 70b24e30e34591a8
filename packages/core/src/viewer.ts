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
  /**
   * Set when the caller is a partner's API key rather than a person's session: the key acts as
   * the person who created it, narrowed to its supplier (memberships hold that one at most),
   * never as a buyer or as staff, and only within its scopes (checked by the gateway).
   */
  apiKey?: ApiKeyGrant
}

export type ApiKeyGrant = {
  id: string
  partnerId: string
  /** The supplier the key acts for; null for a platform partner's key (public data only). */
  supplierId: string | null
  scopes: readonly string[]
  /** The cost bucket: size in points and points restored per second. */
  bucket: { size: number; restoreRate: number }
  /** Only documents the partner registered may run (trusted-documents mode). */
  trustedDocumentsOnly: boolean
}

export const isStaff = (v: Viewer | null): boolean => v?.platformRole === 'MODERATOR' || v?.platformRole === 'ADMIN'

export function membershipOf(v: Viewer | null, supplierId: string) {
  return v?.memberships.find((m) => m.supplierId === supplierId) ?? null
}
