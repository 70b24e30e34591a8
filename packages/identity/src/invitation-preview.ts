// What an invitation link shows before anyone signs in: which team, which role, and a hint of
// the invited address (so the right account is used) — never the whole address, since links
// get forwarded.
import type { PrismaClient } from '@rapport/db'
import type { Clock } from '@rapport/core'
import { hashToken } from './sessions.ts'

export type InvitationPreview = {
  supplier: { id: string; name: string; slug: string }
  role: 'OWNER' | 'AGENT'
  /** "ma•••@example.com" */
  emailHint: string
  expiresAt: Date
  state: 'PENDING' | 'ACCEPTED' | 'EXPIRED'
}

export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@')
  if (at < 1) return '•••'
  const local = email.slice(0, at)
  return `${local.slice(0, Math.min(2, local.length - 1))}•••${email.slice(at)}`
}

/** Null for a token that was never issued or was revoked: a bad link says nothing more. */
export async function previewInvitation(deps: { db: PrismaClient; clock: Clock }, token: string): Promise<InvitationPreview | null> {
  if (!token || token.length > 200) return null
  const invitation = await deps.db.supplierInvitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { supplier: { select: { id: true, name: true, slug: true } } },
  })
  if (!invitation || invitation.revokedAt) return null
  return {
    supplier: invitation.supplier,
    role: invitation.role,
    emailHint: maskEmail(invitation.email),
    expiresAt: invitation.expiresAt,
    state: invitation.acceptedAt ? 'ACCEPTED' : invitation.expiresAt <= deps.clock.now() ? 'EXPIRED' : 'PENDING',
  }
}
