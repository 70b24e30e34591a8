import type { Prisma } from '@rapport/db'
import type { MessageDTO } from './events.ts'

export const messageInclude = {
  author: { select: { displayName: true } },
  reactions: { select: { emoji: true, userId: true }, orderBy: { createdAt: 'asc' } },
  attachments: { select: { id: true, fileName: true, contentType: true, byteSize: true, width: true, height: true }, orderBy: { id: 'asc' } },
  conversation: { select: { supplier: { select: { name: true } }, buyer: { select: { displayName: true } } } },
} satisfies Prisma.MessageInclude

export type MessageRow = Prisma.MessageGetPayload<{ include: typeof messageInclude }>

/** The wire shape of a message; a deleted message keeps its place but loses its content. */
export function toMessageDTO(m: MessageRow, memberIdByUser: Map<string, string> = new Map()): MessageDTO {
  const reactions = new Map<string, string[]>()
  for (const r of m.reactions) reactions.set(r.emoji, [...(reactions.get(r.emoji) ?? []), r.userId])
  const deleted = !!m.deletedAt
  return {
    id: m.id,
    conversationId: m.conversationId,
    sequence: m.sequence,
    clientMessageId: m.clientMessageId,
    authorId: m.authorId,
    authorSide: m.authorSide,
    authorName:
      m.author?.displayName ??
      (m.authorSide === 'SUPPLIER' ? m.conversation.supplier.name : m.authorSide === 'BUYER' ? m.conversation.buyer.displayName : 'Rapport'),
    authorMemberId: m.authorId ? (memberIdByUser.get(m.authorId) ?? null) : null,
    kind: m.kind,
    body: deleted ? '' : m.body,
    masked: m.masked,
    replyToId: m.replyToId,
    createdAt: m.createdAt.toISOString(),
    editedAt: m.editedAt?.toISOString() ?? null,
    deletedAt: m.deletedAt?.toISOString() ?? null,
    reactions: deleted ? [] : [...reactions].map(([emoji, userIds]) => ({ emoji, userIds })),
    attachments: deleted ? [] : m.attachments,
  }
}
