// Deleting an account. Asked for with the password again; done in one transaction; what each
// column becomes is listed, with the reason, in personal-data.ts (and a test holds every column
// of the schema to it).
//
// The choices, with the other people in mind:
//  * Messages stay in the counterpart's history under "Deleted user", bodies kept: a conversation
//    is the supplier's record as much as the buyer's (what was agreed, delivered, promised), as a
//    letter stays with the person it was sent to. The unmasked originals (kept only for
//    moderation, with contact details in them) are erased, and so are the person's files.
//  * Reviews stay, anonymous: the rating and words stay true for other buyers and for the
//    supplier's average and public reply; the name becomes "Deleted user". Questions asked turn
//    anonymous; answers stay under "Deleted user".
//  * A supplier's last owner cannot delete: the shop would be left without anyone who can manage it.
import { ConflictError, NotFoundError, UnauthenticatedError, ValidationError, type Viewer } from '@rapport/core'
import type { Prisma } from '@rapport/db'
import type { DeletionDeps } from './deps.ts'
import { DELETED_USER_NAME } from './limits.ts'

export type DeletedAccount = {
  userId: string
  /** Every session that ended: their sockets are to be closed on every process. */
  sessionIds: string[]
  /** The suppliers whose team they left. */
  supplierIds: string[]
  /** Conversations that were assigned to them, now unassigned (their team's inboxes show it live). */
  unassigned: { id: string; buyerId: string; supplierId: string }[]
}

/** The address a deleted account keeps: unique, and unroutable (.invalid is reserved, RFC 2606). */
export const erasedEmail = (userId: string) => `deleted-${userId}@deleted.invalid`

export async function deleteAccount(
  deps: DeletionDeps & { enqueueFileRemoval: (tx: Prisma.TransactionClient, storageKeys: string[]) => Promise<void> },
  viewer: Viewer | null,
  input: { password: string },
): Promise<DeletedAccount> {
  if (!viewer) throw new UnauthenticatedError('Sign in to delete your account.')
  if (!input.password) throw new ValidationError('Enter your password to confirm.', 'password')
  await deps.confirmPassword(viewer.userId, input.password)
  const userId = viewer.userId
  const now = deps.clock.now()
  return deps.db.$transaction(async (tx) => {
    const [user] = await tx.$queryRaw<{ email: string; deletedAt: Date | null }[]>`SELECT email, "deletedAt" FROM "User" WHERE id = ${userId}::uuid FOR UPDATE`
    if (!user || user.deletedAt) throw new NotFoundError('This account no longer exists.')
    const memberships = await refuseIfLastOwner(tx, userId)

    const files = await tx.messageAttachment.findMany({ where: { uploaderId: userId }, select: { storageKey: true } })
    const archives = await tx.dataExport.findMany({ where: { userId, storageKey: { not: null } }, select: { storageKey: true } })
    const sessions = await tx.session.findMany({ where: { userId }, select: { id: true } })
    const memberIds = memberships.map((m) => m.id)
    const assigned = await tx.conversation.findMany({ where: { assigneeId: { in: memberIds } }, select: { id: true, buyerId: true, supplierId: true } })
    const buyer = await tx.buyer.findUnique({ where: { userId }, select: { id: true } })

    // Rows that are only about the person go.
    await tx.messageAttachment.deleteMany({ where: { uploaderId: userId } })
    await tx.dataExport.deleteMany({ where: { userId } })
    await tx.session.deleteMany({ where: { userId } })
    await tx.messageReaction.deleteMany({ where: { userId } })
    await tx.notification.deleteMany({ where: { userId } })
    await tx.notificationPreference.deleteMany({ where: { userId } })
    await tx.unreadEmailMark.deleteMany({ where: { userId } })
    await tx.emailToken.deleteMany({ where: { userId } })
    await tx.emailLog.deleteMany({ where: { userId } })
    await tx.idempotencyRecord.deleteMany({ where: { scope: `user:${userId}` } })
    await tx.supplierInvitation.deleteMany({ where: { email: user.email } })
    if (buyer) {
      await tx.follow.deleteMany({ where: { buyerId: buyer.id } })
      await tx.reviewInvitation.deleteMany({ where: { buyerId: buyer.id } })
    }

    // What others keep reads as "Deleted user".
    await tx.message.updateMany({ where: { authorId: userId, originalBody: { not: null } }, data: { originalBody: null } })
    await tx.productQuestion.updateMany({ where: { askerId: userId }, data: { anonymous: true } })
    await tx.conversation.updateMany({ where: { assigneeId: { in: memberIds } }, data: { assigneeId: null } })
    await tx.supplierMember.updateMany({ where: { userId }, data: { title: null } })
    await tx.supplierMember.updateMany({ where: { userId, removedAt: null }, data: { removedAt: now } })
    await tx.apiKey.updateMany({ where: { createdById: userId }, data: { lastUsedIp: null } })
    await tx.apiKey.updateMany({ where: { createdById: userId, revokedAt: null }, data: { revokedAt: now } })
    if (buyer) await tx.buyer.update({ where: { id: buyer.id }, data: { displayName: DELETED_USER_NAME, location: null, timeZone: 'UTC' } })
    await tx.user.update({
      where: { id: userId },
      data: {
        email: erasedEmail(userId),
        passwordHash: '',
        displayName: DELETED_USER_NAME,
        lastSeenAt: null,
        presenceVisibility: 'INVISIBLE',
        disabledAt: now,
        deletedAt: now,
      },
    })
    // The files' bytes are removed by a job, so a crash after this commit cannot leave them behind.
    const keys = [...files.map((f) => f.storageKey), ...archives.map((a) => a.storageKey!)]
    if (keys.length) await deps.enqueueFileRemoval(tx, keys)
    return {
      userId,
      sessionIds: sessions.map((s) => s.id),
      supplierIds: [...new Set(memberships.map((m) => m.supplierId))],
      unassigned: assigned,
    }
  })
}

/** The person's current memberships; refuses when they are the only owner left on a team. */
async function refuseIfLastOwner(tx: Prisma.TransactionClient, userId: string) {
  const memberships = await tx.supplierMember.findMany({ where: { userId, removedAt: null }, select: { id: true, role: true, supplierId: true, supplier: { select: { name: true } } } })
  for (const m of memberships.filter((x) => x.role === 'OWNER')) {
    const others = await tx.supplierMember.count({ where: { supplierId: m.supplierId, role: 'OWNER', removedAt: null, userId: { not: userId } } })
    if (others === 0)
      throw new ConflictError(`You are the last owner of ${m.supplier.name}. Invite another owner from the team page first, so the shop is not left without one.`)
  }
  return memberships
}
