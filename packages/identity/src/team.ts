// Supplier teams: owners invite agents by email, invitees accept with the token from the
// invitation link, owners remove members. Access follows membership on every request, so a
// removed member loses access at once (other gateway processes: within SESSION_CACHE_TTL_MS,
// see sessions.ts).
import { randomBytes } from 'node:crypto'
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, membershipOf, type Clock, type Viewer } from '@rapport/core'
import type { MemberRole, PrismaClient } from '@rapport/db'
import { z } from 'zod'
import { emailSchema, parseInput } from './input.ts'
import { hashToken, type SessionCache } from './sessions.ts'

/** `sessions`: this process's cache of verified sessions, whose memberships change here. */
type Deps = { db: PrismaClient; clock: Clock; sessions?: SessionCache | undefined }
export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000

function requireOwner(viewer: Viewer | null, supplierId: string) {
  if (!viewer) throw new UnauthenticatedError('Sign in to manage your team.')
  const m = membershipOf(viewer, supplierId)
  if (m?.role !== 'OWNER') throw new ForbiddenError('Only an owner of this supplier can manage its team.')
  return m
}

const inviteSchema = z.object({
  supplierId: z.string(),
  email: emailSchema,
  role: z.enum(['OWNER', 'AGENT']).default('AGENT'),
})

export type InviteMemberInput = z.input<typeof inviteSchema>

/** Returns the invitation and its one-time token (shown once, sent in the invitation link). */
export async function inviteMember(deps: Deps, viewer: Viewer | null, raw: InviteMemberInput) {
  const input = parseInput(inviteSchema, raw)
  requireOwner(viewer, input.supplierId)
  const existing = await deps.db.supplierMember.findFirst({
    where: { supplierId: input.supplierId, removedAt: null, user: { email: input.email } },
  })
  if (existing) throw new ConflictError(`${input.email} is already on the team.`)
  const token = randomBytes(24).toString('base64url')
  const now = deps.clock.now()
  const invitation = await deps.db.$transaction(async (tx) => {
    // A new invitation to the same address replaces any pending one.
    await tx.supplierInvitation.updateMany({
      where: { supplierId: input.supplierId, email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    })
    return tx.supplierInvitation.create({
      data: {
        supplierId: input.supplierId,
        email: input.email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedById: viewer!.userId,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      },
    })
  })
  return { invitation, token }
}

/** The signed-in viewer joins the team the invitation is for; the invitation must be for their email. */
export async function acceptInvitation(deps: Deps, viewer: Viewer | null, token: string) {
  if (!viewer) throw new UnauthenticatedError('Sign in (or create an account) with the invited email to accept.')
  const invitation = await deps.db.supplierInvitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { supplier: { select: { name: true } } },
  })
  const now = deps.clock.now()
  if (!invitation || invitation.revokedAt) throw new NotFoundError('This invitation link is not valid. Ask for a new one.')
  // The addressee first: anyone else learns nothing about the invitation's state.
  if (invitation.email !== viewer.email.toLowerCase())
    throw new ForbiddenError(`This invitation is for ${invitation.email}. Sign in with that address to accept it.`)
  if (invitation.acceptedAt) throw new ConflictError('This invitation has already been used.')
  if (invitation.expiresAt <= now) throw new ConflictError('This invitation has expired. Ask the owner for a new one.')
  const member = await deps.db.$transaction(async (tx) => {
    const used = await tx.supplierInvitation.updateMany({
      where: { id: invitation.id, acceptedAt: null },
      data: { acceptedAt: now },
    })
    if (used.count !== 1) throw new ConflictError('This invitation has already been used.')
    const role: MemberRole = invitation.role
    return tx.supplierMember.upsert({
      where: { supplierId_userId: { supplierId: invitation.supplierId, userId: viewer.userId } },
      create: { supplierId: invitation.supplierId, userId: viewer.userId, role },
      update: { role, removedAt: null },
    })
  })
  // The new membership applies to the member's next request, not after the cache's TTL.
  deps.sessions?.evictUsers([viewer.userId])
  return member
}

export async function removeMember(deps: Deps, viewer: Viewer | null, memberId: string) {
  const member = await deps.db.supplierMember.findUnique({ where: { id: memberId } })
  if (!member) throw new NotFoundError('No such team member.')
  // Ownership first, so non-owners learn nothing about the team's history.
  requireOwner(viewer, member.supplierId)
  if (member.removedAt) throw new NotFoundError('No such team member.')
  if (member.role === 'OWNER') {
    const owners = await deps.db.supplierMember.count({
      where: { supplierId: member.supplierId, role: 'OWNER', removedAt: null },
    })
    if (owners <= 1) throw new ConflictError('A supplier needs at least one owner. Make someone else an owner first.')
  }
  // Their conversations become unassigned in the same transaction: nobody is left waiting on
  // someone who can no longer answer. The caller announces them (the team's inboxes update live).
  const { removed, unassigned } = await deps.db.$transaction(async (tx) => {
    const unassigned = await tx.conversation.findMany({ where: { assigneeId: memberId }, select: { id: true, buyerId: true, supplierId: true } })
    await tx.conversation.updateMany({ where: { assigneeId: memberId }, data: { assigneeId: null } })
    const removed = await tx.supplierMember.update({ where: { id: memberId }, data: { removedAt: deps.clock.now() } })
    return { removed, unassigned }
  })
  // A removed member loses access at once in this process (others: within SESSION_CACHE_TTL_MS).
  deps.sessions?.evictUsers([member.userId])
  return Object.assign(removed, { unassigned })
}

/** An owner withdraws a pending invitation: its link stops working at once. */
export async function revokeInvitation(deps: Deps, viewer: Viewer | null, invitationId: string) {
  const invitation = await deps.db.supplierInvitation.findUnique({ where: { id: invitationId } })
  if (!invitation) throw new NotFoundError('No such invitation.')
  // Ownership first, so non-owners learn nothing about the team's invitations.
  requireOwner(viewer, invitation.supplierId)
  if (invitation.revokedAt) throw new NotFoundError('No such invitation.')
  if (invitation.acceptedAt) throw new ConflictError('This invitation has already been used; remove the member instead.')
  // Conditional, so an acceptance racing this cannot be undone behind the new member's back.
  const done = await deps.db.supplierInvitation.updateMany({
    where: { id: invitationId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: deps.clock.now() },
  })
  if (done.count !== 1) throw new ConflictError('This invitation has already been used; remove the member instead.')
  return deps.db.supplierInvitation.findUniqueOrThrow({ where: { id: invitationId } })
}

/** Active members, owners first. The team is public (buyers like to know who answers). */
export async function listTeam(deps: Pick<Deps, 'db'>, supplierId: string) {
  return deps.db.supplierMember.findMany({
    where: { supplierId, removedAt: null },
    include: { user: { select: { displayName: true } } },
    orderBy: [{ role: 'asc' }, { createdAt: 'asc' }],
  })
}

/** Pending invitations; owners only. */
export async function listPendingInvitations(deps: Deps, viewer: Viewer | null, supplierId: string) {
  requireOwner(viewer, supplierId)
  return deps.db.supplierInvitation.findMany({
    where: { supplierId, acceptedAt: null, revokedAt: null, expiresAt: { gt: deps.clock.now() } },
    orderBy: { createdAt: 'desc' },
  })
}
