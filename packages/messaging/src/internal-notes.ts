// Internal notes: what a supplier's team writes to itself inside a conversation ("checked the
// warehouse, ships Monday"). The team only: the buyer never gets a note in an answer, an event or
// a notification. Notes count on their own sequence (1, 2, 3 … per conversation, under the
// conversation's row lock, as messages do), so the buyer's message sequence stays gap-free and a
// teammate's feed resumes notes by sequence, as it resumes messages.
import { ForbiddenError, ValidationError, type Viewer } from '@rapport/core'
import type { PrismaClient } from '@rapport/db'
import { loadConversation } from './access.ts'
import type { MessagingDeps } from './deps.ts'
import type { InternalNoteDTO } from './events.ts'
import { MESSAGING_LIMITS } from './limits.ts'

const include = { author: { select: { id: true, userId: true, user: { select: { displayName: true } } } } } as const
type Row = { id: string; conversationId: string; sequence: number; body: string; createdAt: Date; author: { id: string; userId: string; user: { displayName: string } } }

function toDTO(r: Row): InternalNoteDTO {
  return { id: r.id, conversationId: r.conversationId, sequence: r.sequence, body: r.body, createdAt: r.createdAt.toISOString(), author: { memberId: r.author.id, userId: r.author.userId, displayName: r.author.user.displayName } }
}

/** The conversation, for its supplier's team only (others: NotFound for strangers, Forbidden for its buyer). */
async function teamConversation(db: PrismaClient, viewer: Viewer | null, conversationId: string) {
  const access = await loadConversation(db, viewer, conversationId)
  if (access.side !== 'SUPPLIER') throw new ForbiddenError('Internal notes are for the supplier’s team only.')
  return access
}

/** Adds a note; announced to the team's feeds of the conversation (never the buyer's) after it commits. */
export async function addInternalNote(deps: MessagingDeps, viewer: Viewer | null, input: { conversationId: string; body: string }): Promise<InternalNoteDTO> {
  const { conversation, memberId } = await teamConversation(deps.db, viewer, input.conversationId)
  const body = input.body.trim()
  if (!body) throw new ValidationError('Write something in the note.', 'body')
  if (body.length > MESSAGING_LIMITS.messageBody) throw new ValidationError(`A note is at most ${MESSAGING_LIMITS.messageBody} characters.`, 'body')
  const note = await deps.db.$transaction(async (tx) => {
    // The row lock orders concurrent notes: each takes the next sequence, none is skipped.
    const { lastNoteSequence } = await tx.conversation.update({ where: { id: conversation.id }, data: { lastNoteSequence: { increment: 1 } }, select: { lastNoteSequence: true } })
    return tx.internalNote.create({ data: { conversationId: conversation.id, sequence: lastNoteSequence, authorId: memberId!, body, createdAt: deps.clock.now() }, include })
  })
  const dto = toDTO(note)
  deps.publish({ kind: 'conversation', event: { type: 'InternalNoteAdded', conversationId: conversation.id, note: dto, audience: 'team' } })
  return dto
}

/** The conversation's notes, oldest first, for its team (a page of at most `limit` after `afterSequence`). */
export async function listInternalNotes(db: PrismaClient, viewer: Viewer | null, conversationId: string, page: { afterSequence?: number | null; limit: number }): Promise<{ notes: InternalNoteDTO[]; hasMore: boolean }> {
  await teamConversation(db, viewer, conversationId)
  const rows = await db.internalNote.findMany({ where: { conversationId, sequence: { gt: page.afterSequence ?? 0 } }, orderBy: { sequence: 'asc' }, take: page.limit + 1, include })
  return { notes: rows.slice(0, page.limit).map(toDTO), hasMore: rows.length > page.limit }
}

/** Notes after a sequence, for a team feed's replay and gap fill (access checked when the feed opened). */
export async function* notesAfter(db: PrismaClient, conversationId: string, afterSequence: number, batch = 200): AsyncGenerator<InternalNoteDTO> {
  let from = afterSequence
  for (;;) {
    const rows = await db.internalNote.findMany({ where: { conversationId, sequence: { gt: from } }, orderBy: { sequence: 'asc' }, take: batch, include })
    for (const r of rows) yield toDTO(r)
    if (rows.length < batch) return
    from = rows.at(-1)!.sequence
  }
}
