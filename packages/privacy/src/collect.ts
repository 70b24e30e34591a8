// Everything Rapport holds about one person, by kind: what the export archive holds (one JSON
// file per kind). Read inside one transaction, so the archive is one consistent moment.
//
// What is left out, deliberately: secrets (password hash, session and email tokens, API key
// hashes), which are not information about the person but keys to the account; the supplier
// team's internal notes and labels on a buyer's conversations (the team's working notes, never
// shown to the buyer); idempotency records (a copy of answers already exported here).
import { describeAccessReason } from '@rapport/core'
import type { Prisma } from '@rapport/db'

export type PersonalData = Record<ExportKind, unknown[]>

export const EXPORT_KINDS = [
  'account',
  'memberships',
  'sessions',
  'conversations',
  'messages-written',
  'internal-notes-written',
  'reactions',
  'read-positions',
  'attachments',
  'orders',
  'reviews',
  'review-invitations',
  'review-responses-written',
  'helpful-votes',
  'questions',
  'answers',
  'follows',
  'relationships',
  'supplier-updates-written',
  'saved-replies-written',
  'public-question-proposals',
  'notifications',
  'notification-preferences',
  'emails',
  'reports-filed',
  'moderation-decisions-taken',
  'access-log',
  'staff-access-taken',
  'invitations-sent',
  'api-keys-created',
  'partners-created',
  'data-exports',
] as const
export type ExportKind = (typeof EXPORT_KINDS)[number]

const name = { select: { displayName: true } } as const
const attachmentFields = { id: true, fileName: true, contentType: true, byteSize: true, storageKey: true, createdAt: true } as const

/** The person's rows, kind by kind, as plain JSON values. */
export async function collectPersonalData(tx: Prisma.TransactionClient, userId: string): Promise<PersonalData> {
  const user = await tx.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, email: true, displayName: true, platformRole: true, presenceVisibility: true, lastSeenAt: true, createdAt: true, updatedAt: true },
  })
  const buyer = await tx.buyer.findUnique({ where: { userId } })
  const buyerId = buyer?.id ?? '00000000-0000-0000-0000-000000000000'
  const memberships = await tx.supplierMember.findMany({
    where: { userId },
    select: { id: true, role: true, title: true, createdAt: true, removedAt: true, supplier: { select: { id: true, name: true } } },
  })
  const memberIds = memberships.map((m) => m.id)

  const conversations = await tx.conversation.findMany({
    where: { buyerId },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      subject: true,
      status: true,
      createdAt: true,
      resolvedAt: true,
      buyerConfirmedAt: true,
      supplier: { select: { id: true, name: true } },
      product: { select: { id: true, name: true } },
      order: { select: { id: true, number: true } },
      messages: {
        orderBy: { sequence: 'asc' },
        select: {
          id: true,
          sequence: true,
          authorSide: true,
          kind: true,
          body: true,
          authorId: true,
          // The unmasked text of what the person wrote is theirs; of what others wrote it is not.
          originalBody: true,
          createdAt: true,
          editedAt: true,
          deletedAt: true,
          replyToId: true,
          author: name,
          attachments: { select: { id: true } },
        },
      },
    },
  })

  // Their files, and the files in their conversations (what they can open there).
  const conversationAttachments = conversations.flatMap((c) => c.messages.flatMap((m) => m.attachments.map((a) => a.id)))
  const attachments = await tx.messageAttachment.findMany({
    where: { OR: [{ uploaderId: userId }, { id: { in: conversationAttachments } }] },
    orderBy: { createdAt: 'asc' },
    select: { ...attachmentFields, messageId: true, uploaderId: true },
  })

  const reviews = await tx.review.findMany({
    where: { buyerId },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      rating: true,
      title: true,
      body: true,
      status: true,
      createdAt: true,
      updatedAt: true,
      supplier: { select: { id: true, name: true } },
      order: { select: { number: true } },
      versions: { orderBy: { version: 'asc' }, select: { version: true, rating: true, title: true, body: true, createdAt: true } },
      response: { select: { body: true, createdAt: true, updatedAt: true } },
    },
  })

  const [reviewVotes, answerVotes] = await Promise.all([
    tx.reviewHelpfulVote.findMany({ where: { userId }, select: { reviewId: true, createdAt: true } }),
    tx.productAnswerHelpfulVote.findMany({ where: { userId }, select: { answerId: true, createdAt: true } }),
  ])

  const conversationIds = conversations.map((c) => c.id)
  const data: PersonalData = {
    account: [{ ...user, buyerProfile: buyer && { id: buyer.id, displayName: buyer.displayName, location: buyer.location, timeZone: buyer.timeZone, createdAt: buyer.createdAt } }],
    memberships,
    sessions: await tx.session.findMany({
      where: { userId },
      orderBy: { createdAt: 'asc' },
      select: { id: true, userAgent: true, ip: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true },
    }),
    conversations: conversations.map(({ messages, ...c }) => ({
      ...c,
      messages: messages.map(({ author, authorId, originalBody, attachments: files, ...m }) => ({
        ...m,
        author: author?.displayName ?? null,
        byYou: authorId === userId,
        ...(authorId === userId && originalBody ? { originalBody } : {}),
        attachmentIds: files.map((a) => a.id),
      })),
    })),
    'messages-written': await tx.message.findMany({
      where: { authorId: userId, conversationId: { notIn: conversationIds } },
      orderBy: { createdAt: 'asc' },
      select: { id: true, conversationId: true, sequence: true, body: true, originalBody: true, createdAt: true, editedAt: true, deletedAt: true },
    }),
    'internal-notes-written': await tx.internalNote.findMany({
      where: { authorId: { in: memberIds } },
      orderBy: { createdAt: 'asc' },
      select: { id: true, conversationId: true, body: true, createdAt: true },
    }),
    reactions: await tx.messageReaction.findMany({ where: { userId }, select: { id: true, messageId: true, emoji: true, createdAt: true } }),
    'read-positions': await tx.readPosition.findMany({ where: { userId }, select: { id: true, conversationId: true, lastReadSequence: true, updatedAt: true } }),
    attachments: attachments.map(({ storageKey: _key, ...a }) => ({ ...a, file: archivePathOf(a) })),
    orders: await tx.order.findMany({
      where: { buyerId },
      orderBy: { placedAt: 'asc' },
      select: {
        id: true,
        number: true,
        status: true,
        totalCents: true,
        currency: true,
        placedAt: true,
        expectedDeliveryDate: true,
        deliveredAt: true,
        cancelledAt: true,
        supplier: { select: { id: true, name: true } },
        items: { select: { id: true, quantity: true, unitPriceCents: true, product: { select: { id: true, name: true } } } },
      },
    }),
    reviews,
    'review-invitations': await tx.reviewInvitation.findMany({ where: { buyerId }, select: { orderId: true, invitedAt: true, dismissedAt: true, emailedAt: true } }),
    'review-responses-written': await tx.reviewResponseVersion.findMany({
      where: { authorId: { in: memberIds } },
      select: { id: true, responseId: true, version: true, body: true, createdAt: true },
    }),
    'helpful-votes': [...reviewVotes.map((v) => ({ on: 'review', id: v.reviewId, at: v.createdAt })), ...answerVotes.map((v) => ({ on: 'answer', id: v.answerId, at: v.createdAt }))],
    questions: await tx.productQuestion.findMany({
      where: { askerId: userId },
      select: { id: true, body: true, anonymous: true, status: true, createdAt: true, product: { select: { id: true, name: true } } },
    }),
    answers: await tx.productAnswer.findMany({ where: { authorId: userId }, select: { id: true, questionId: true, body: true, status: true, createdAt: true } }),
    follows: await tx.follow.findMany({ where: { buyerId }, select: { id: true, createdAt: true, mutedAt: true, supplier: { select: { id: true, name: true } } } }),
    relationships: await tx.relationship.findMany({
      where: { buyerId },
      select: { id: true, firstOrderAt: true, buyerHidesReceipts: true, buyerBlockedAt: true, createdAt: true, supplier: { select: { id: true, name: true } } },
    }),
    'supplier-updates-written': await tx.supplierUpdate.findMany({
      where: { authorId: { in: memberIds } },
      select: { id: true, supplierId: true, title: true, body: true, status: true, publishedAt: true },
    }),
    'saved-replies-written': await tx.savedReply.findMany({ where: { createdById: userId }, select: { id: true, supplierId: true, title: true, body: true, shortcut: true, createdAt: true } }),
    'public-question-proposals': await tx.publicQuestionProposal.findMany({
      where: { OR: [{ proposedById: { in: memberIds } }, { conversationId: { in: conversationIds } }] },
      select: { id: true, conversationId: true, question: true, answer: true, status: true, createdAt: true, decidedAt: true },
    }),
    notifications: (
      await tx.notification.findMany({ where: { userId }, orderBy: { seq: 'asc' }, select: { id: true, kind: true, payload: true, createdAt: true, readAt: true } })
    ),
    'notification-preferences': await tx.notificationPreference.findMany({ where: { userId }, select: { id: true, kind: true, channel: true, enabled: true } }),
    emails: await tx.emailLog.findMany({ where: { userId }, orderBy: { sentAt: 'asc' }, select: { id: true, kind: true, subject: true, sentAt: true } }),
    'reports-filed': await tx.flag.findMany({
      where: { reporterId: userId },
      select: { id: true, targetType: true, targetId: true, reason: true, details: true, status: true, createdAt: true, resolvedAt: true },
    }),
    'moderation-decisions-taken': await tx.moderationDecision.findMany({
      where: { moderatorId: userId },
      select: { id: true, flagId: true, targetType: true, targetId: true, action: true, reason: true, createdAt: true },
    }),
    // Who at the platform opened the person's conversations, and why (as the conversation page shows it).
    'access-log': (
      await tx.accessLog.findMany({
        where: { conversationId: { in: conversationIds } },
        orderBy: { createdAt: 'asc' },
        select: { id: true, conversationId: true, reason: true, createdAt: true, actor: { select: { displayName: true, platformRole: true } } },
      })
    ).map(({ actor, reason, ...entry }) => ({ ...entry, ...describeAccessReason(reason), actorName: actor.displayName, actorRole: actor.platformRole })),
    // As staff: the openings they made (the log itself stays; this is their copy).
    'staff-access-taken': await tx.accessLog.findMany({
      where: { actorId: userId },
      select: { id: true, conversationId: true, targetType: true, targetId: true, reason: true, ip: true, createdAt: true },
    }),
    'invitations-sent': await tx.supplierInvitation.findMany({
      where: { invitedById: userId },
      select: { id: true, supplierId: true, email: true, role: true, createdAt: true, acceptedAt: true, revokedAt: true },
    }),
    'api-keys-created': await tx.apiKey.findMany({
      where: { createdById: userId },
      select: { id: true, partnerId: true, name: true, prefix: true, scopes: true, createdAt: true, lastUsedAt: true, lastUsedIp: true, expiresAt: true, revokedAt: true },
    }),
    'partners-created': await tx.partner.findMany({ where: { createdById: userId }, select: { id: true, name: true, contactEmail: true, createdAt: true } }),
    'data-exports': await tx.dataExport.findMany({ where: { userId }, select: { id: true, status: true, requestedAt: true, readyAt: true, downloadedAt: true } }),
  }
  return data
}

/** Where an attachment's bytes go in the archive (its id keeps two files of one name apart). */
export function archivePathOf(a: { id: string; fileName: string }): string {
  return `attachments/${a.id}-${a.fileName}`
}

/** The attachments to copy into the archive, with their keys in the blob store. */
export async function attachmentFilesOf(tx: Prisma.TransactionClient, ids: readonly string[]) {
  return tx.messageAttachment.findMany({ where: { id: { in: [...ids] } }, select: { id: true, fileName: true, storageKey: true } })
}
