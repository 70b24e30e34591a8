// Access transparency over GraphQL: Conversation.accessLog, every time someone at the platform
// opened the conversation (who, when, why), for both parties. Rules in @rapport/messaging
// (access-log.ts); rows are written by the only paths that let staff read a conversation.
import { encodeGlobalID } from '@pothos/plugin-relay'
import { conversationAccessLog, type AccessLogEntryDTO } from '@rapport/messaging'
import { builder } from '../../builder.ts'
import { ConversationRef } from './types.ts'

const StaffRoleEnum = builder.enumType('StaffRole', {
  values: {
    MODERATOR: { description: 'A Rapport moderator.' },
    ADMIN: { description: 'A Rapport administrator.' },
    STAFF: { description: 'Someone who was Rapport staff then and holds no staff role now.' },
  } as const,
})

const ConversationAccessRef = builder.objectRef<AccessLogEntryDTO>('ConversationAccess').implement({
  description: 'Someone at Rapport opened this private conversation. Recorded before they saw it; never edited or hidden.',
  fields: (t) => ({
    id: t.id({ resolve: (e) => encodeGlobalID('ConversationAccess', e.id) }),
    at: t.expose('at', { type: 'DateTime' }),
    actorName: t.exposeString('actorName'),
    actorRole: t.field({ type: StaffRoleEnum, resolve: (e) => e.actorRole }),
    reason: t.exposeString('reason', { description: 'Why, in words for the parties: "a report (#1a2b3c4d)".' }),
    reportId: t.id({ nullable: true, description: 'The report (Flag) it was for, when it was for one.', resolve: (e) => (e.reportId ? encodeGlobalID('Flag', e.reportId) : null) }),
  }),
})

builder.objectField(ConversationRef, 'accessLog', (t) =>
  t.field({
    type: [ConversationAccessRef],
    description: 'Every time someone at Rapport opened this conversation, oldest first: both parties see it.',
    resolve: (c, _args, ctx) => conversationAccessLog(ctx.db, ctx.viewer, c),
  }),
)
