// The limits a client should know before it sends: the web app sets its forms' maxlength and
// file checks from this, and partners can too. The values live in @rapport/messaging.
import { MESSAGING_LIMITS } from '@rapport/messaging'
import { builder } from '../../builder.ts'
import { MAX_PAGE_SIZE } from '../../schema/pagination.ts'

export const LimitsRef = builder.objectRef<typeof MESSAGING_LIMITS>('Limits').implement({
  description: 'What the API accepts. Inputs over these are refused with a ValidationError that names the field.',
  fields: (t) => ({
    messageBodyMaxLength: t.exposeInt('messageBody', { description: 'Characters in one message or saved reply.' }),
    attachmentsPerMessage: t.exposeInt('attachmentsPerMessage', { description: 'Files attached to one message.' }),
    attachmentMaxBytes: t.exposeInt('attachmentBytes', { description: 'Bytes in one attached file (POST /attachments).' }),
    attachmentContentTypes: t.stringList({
      description: 'The content types a file may have (detected from its bytes).',
      resolve: (l) => [...l.attachmentTypes],
    }),
    subjectMaxLength: t.exposeInt('subject', { description: 'Characters in a conversation’s subject.' }),
    labelMaxLength: t.exposeInt('label', { description: 'Characters in one conversation label.' }),
    labelsPerConversation: t.exposeInt('labelsPerConversation'),
    bulkConversationsMax: t.exposeInt('bulkConversations', { description: 'Conversations one updateConversations changes.' }),
    reportDetailsMaxLength: t.exposeInt('reportDetails'),
    savedReplyTitleMaxLength: t.exposeInt('savedReplyTitle'),
    awayMessageMaxLength: t.exposeInt('awayMessage'),
    pageSizeMax: t.int({ description: 'The largest `first`/`last` a connection accepts.', resolve: () => MAX_PAGE_SIZE }),
  }),
})

builder.queryFields((t) => ({
  limits: t.field({
    type: LimitsRef,
    description: 'Lengths, counts and sizes the API accepts.',
    authScopes: { public: true },
    resolve: () => MESSAGING_LIMITS,
  }),
}))
