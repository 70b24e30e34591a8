// The team's own side of a conversation over GraphQL: internal notes (Conversation.internalNotes,
// InternalNoteAdded on conversationEvents, addInternalNote) and the collision notice (setViewing,
// ViewingChanged). Rules in @rapport/messaging (internal-notes.ts, viewing.ts); the buyer gets
// neither anywhere (the field refuses, the feed drops their events, the mutations refuse).
import { encodeGlobalID } from '@pothos/plugin-relay'
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '@rapport/core'
import { addInternalNote, listInternalNotes, MESSAGING_LIMITS, setViewing, VIEWING, type InternalNoteDTO } from '@rapport/messaging'
import { builder } from '../../builder.ts'
import { decodeGlobalId } from '../../schema/ids.ts'
import { forwardConnection } from '../../schema/pagination.ts'
import { teamMember, TeamMemberRef } from '../identity/types.ts'
import { messagingDeps } from './deps.ts'
import { ConversationRef } from './types.ts'

export const InternalNoteRef = builder.objectRef<InternalNoteDTO>('InternalNote').implement({
  description: 'A note the supplier’s team wrote to itself in a conversation. Never shown to the buyer.',
  fields: (t) => ({
    id: t.id({ resolve: (n) => encodeGlobalID('InternalNote', n.id) }),
    sequence: t.exposeInt('sequence', { description: '1, 2, 3 … per conversation, without gaps (notes count apart from messages).' }),
    body: t.exposeString('body'),
    createdAt: t.field({ type: 'DateTime', resolve: (n) => new Date(n.createdAt) }),
    author: t.field({ type: TeamMemberRef, nullable: true, description: 'Null once the author has left the team.', resolve: (n, _a, ctx) => teamMember(ctx, n.author.memberId) }),
    authorName: t.string({ description: 'The author’s name, kept after they leave.', resolve: (n) => n.author.displayName }),
  }),
})

builder.objectFields(ConversationRef, (t) => ({
  lastNoteSequence: t.exposeInt('lastNoteSequence', {
    description: 'The newest internal note’s sequence (team-only: 0 for anyone else); resume conversationEvents’ notes after it.',
    authScopes: (c) => ({ memberOf: c.supplierId }),
    unauthorizedResolver: () => 0,
  }),
  internalNotes: t.connection({
    type: InternalNoteRef,
    nullable: true,
    description: 'The team’s internal notes, oldest first. The supplier’s team only (anyone else: null, with a FORBIDDEN error).',
    authScopes: (c) => ({ memberOf: c.supplierId }),
    resolve: (c, args, ctx) =>
      forwardConnection(
        'InternalNote',
        args,
        async (q) => {
          const after = q.after === null ? null : Number(q.after)
          if (after !== null && !Number.isSafeInteger(after)) throw new ValidationError('"after" is not a cursor from this list.', 'after')
          const page = await listInternalNotes(ctx.db, ctx.viewer, c.id, { afterSequence: after, limit: q.first })
          return { items: page.notes, hasNextPage: page.hasMore }
        },
        (n) => String(n.sequence),
      ),
  }),
}))

const AddInternalNoteInput = builder.inputType('AddInternalNoteInput', {
  fields: (t) => ({
    conversationId: t.id({ required: true }),
    body: t.string({ required: true, description: `At most ${MESSAGING_LIMITS.messageBody} characters.` }),
  }),
})

const SetViewingInput = builder.inputType('SetViewingInput', {
  fields: (t) => ({ conversationId: t.id({ required: true }), viewing: t.boolean({ defaultValue: true }) }),
})

builder.mutationFields((t) => ({
  setViewing: t.field({
    type: 'Boolean',
    description: `The supplier’s team: tells teammates the viewer has the conversation open (ViewingChanged), so two people do not answer at once. Renew every ${VIEWING.renewSeconds} s while it stays open (teammates forget a viewer after ${VIEWING.expiresSeconds} s without one); send viewing: false on leaving. The buyer never sees it.`,
    authScopes: { signedIn: true },
    args: { input: t.arg({ type: SetViewingInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      await setViewing(messagingDeps(ctx), ctx.viewer, { conversationId: decodeGlobalId(input.conversationId, 'Conversation', 'conversationId'), viewing: input.viewing ?? true })
      return true
    },
  }),
  addInternalNote: t.field({
    type: InternalNoteRef,
    description: 'A note for the supplier’s team in a conversation: teammates see it live; the buyer never does.',
    authScopes: { signedIn: true },
    errors: { types: [ValidationError, NotFoundError, ForbiddenError, ConflictError, UnauthenticatedError], directResult: true },
    args: { input: t.arg({ type: AddInternalNoteInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      addInternalNote(messagingDeps(ctx), ctx.viewer, { conversationId: decodeGlobalId(input.conversationId, 'Conversation', 'conversationId'), body: input.body }),
  }),
}))
