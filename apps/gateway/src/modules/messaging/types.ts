import type { Conversation as ConversationRow } from '@rapport/db'
import {
  expectedReplyBy,
  pairHasOrder,
  readPositions,
  sideOf,
  unreadCounts,
  visibleConversationIds,
  type MessageDTO,
  type ReadReceipt,
} from '@rapport/messaging'
import { builder } from '../../builder.ts'
import { rowsById } from '../../schema/loaders.ts'
import { viewerSpecific } from '../../schema/viewer-specific.ts'
import { SupplierRef, suppliers } from '../catalog/supplier.ts'
import { ProductRef, products } from '../catalog/product.ts'
import { BuyerRef, buyers, teamMember, TeamMemberRef } from '../identity/types.ts'
import { encodeCursor } from '../../schema/pagination.ts'
import { listMessageDTOs } from './loaders.ts'

export const ConversationStatusEnum = builder.enumType('ConversationStatus', {
  values: {
    OPEN: { description: 'New: nobody on the supplier side has answered yet.' },
    AWAITING_SUPPLIER: { description: 'The buyer wrote last; the supplier owes a reply.' },
    AWAITING_BUYER: { description: 'The supplier wrote last.' },
    RESOLVED: { description: 'Done; a new message reopens it.' },
  } as const,
})

export const ParticipantSideEnum = builder.enumType('ParticipantSide', {
  values: { BUYER: {}, SUPPLIER: {}, SYSTEM: {} } as const,
})

export const MessageKindEnum = builder.enumType('MessageKind', {
  values: {
    TEXT: { description: 'Written by a person.' },
    AUTO_REPLY: { description: 'Sent automatically (an away message); never counts as a response.' },
    SYSTEM: { description: 'A notice from Rapport.' },
  } as const,
})

type ParticipantShape = { side: 'BUYER' | 'SUPPLIER' | 'SYSTEM'; displayName: string; memberId: string | null; userId: string | null }
export const ParticipantRef = builder.objectRef<ParticipantShape>('Participant').implement({
  description: 'Who wrote a message: the buyer, a person on the supplier team (or the supplier’s automatic replies), or Rapport.',
  fields: (t) => ({
    side: t.expose('side', { type: ParticipantSideEnum }),
    displayName: t.exposeString('displayName'),
    member: t.field({
      type: TeamMemberRef,
      nullable: true,
      resolve: (p, _args, ctx) => (p.memberId ? teamMember(ctx, p.memberId) : null),
    }),
  }),
})

const ReactionCount = builder.objectRef<{ emoji: string; userIds: string[] }>('ReactionCount').implement({
  fields: (t) => ({
    emoji: t.exposeString('emoji'),
    count: t.int({ resolve: (r) => r.userIds.length }),
    reactedByViewer: t.boolean({ extensions: viewerSpecific, resolve: (r, _args, ctx) => !!ctx.viewer && r.userIds.includes(ctx.viewer.userId) }),
  }),
})

export const AttachmentRef = builder.objectRef<MessageDTO['attachments'][number]>('Attachment').implement({
  description: 'A file sent with a message, or a supplier update’s picture (images and PDF, type checked from the content).',
  fields: (t) => ({
    id: t.exposeID('id'),
    fileName: t.exposeString('fileName'),
    contentType: t.exposeString('contentType'),
    byteSize: t.exposeInt('byteSize'),
    width: t.exposeInt('width', { nullable: true }),
    height: t.exposeInt('height', { nullable: true }),
    url: t.string({ description: 'Download path on the gateway; a message’s file needs the same session, an update’s picture is public.', resolve: (a) => `/attachments/${a.id}` }),
  }),
})

export const MessageRef = builder.objectRef<MessageDTO>('Message')
builder.node(MessageRef, {
  description: 'One message. `sequence` counts 1, 2, 3 … per conversation without gaps.',
  id: { resolve: (m) => m.id },
  loadMany: (ids, ctx) => listMessageDTOs(ctx, ids),
  fields: (t) => ({
    sequence: t.exposeInt('sequence'),
    clientMessageId: t.exposeString('clientMessageId', { nullable: true }),
    kind: t.expose('kind', { type: MessageKindEnum }),
    author: t.field({
      type: ParticipantRef,
      resolve: (m) => ({ side: m.authorSide, displayName: m.authorName, memberId: m.authorMemberId, userId: m.authorId }),
    }),
    isViewerAuthor: t.boolean({ extensions: viewerSpecific, resolve: (m, _args, ctx) => !!ctx.viewer && m.authorId === ctx.viewer.userId }),
    body: t.string({ nullable: true, description: 'Null once unsent (deletedAt is set).', resolve: (m) => (m.deletedAt ? null : m.body) }),
    masked: t.exposeBoolean('masked', { description: 'Contact details in it were hidden (no order between the pair yet).' }),
    createdAt: t.field({ type: 'DateTime', resolve: (m) => new Date(m.createdAt) }),
    editedAt: t.field({ type: 'DateTime', nullable: true, resolve: (m) => (m.editedAt ? new Date(m.editedAt) : null) }),
    deletedAt: t.field({ type: 'DateTime', nullable: true, resolve: (m) => (m.deletedAt ? new Date(m.deletedAt) : null) }),
    replyTo: t.field({
      type: MessageRef,
      nullable: true,
      description: 'The message this one answers (it may have been unsent since).',
      resolve: async (m, _args, ctx) => (m.replyToId ? ((await listMessageDTOs(ctx, [m.replyToId]))[0] ?? null) : null),
    }),
    reactions: t.field({ type: [ReactionCount], resolve: (m) => m.reactions }),
    attachments: t.field({ type: [AttachmentRef], resolve: (m) => m.attachments }),
  }),
})

export const ReadPositionRef = builder.objectRef<ReadReceipt>('ReadPosition').implement({
  description: 'How far one participant has read. Hidden when that side turned its receipts off.',
  fields: (t) => ({
    side: t.expose('side', { type: ParticipantSideEnum }),
    displayName: t.exposeString('displayName'),
    lastReadSequence: t.exposeInt('lastReadSequence'),
    readAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
})

export const ConversationRef = builder.objectRef<ConversationRow>('Conversation')

// Conversations by id. Callers other than node(id:) have already checked the viewer may see
// them (they acted on it, or subscribed to it).
export const conversations = rowsById('conversation', (ctx, ids) => ctx.db.conversation.findMany({ where: { id: { in: ids } } }))
builder.node(ConversationRef, {
  description: 'A conversation between a buyer and a supplier’s team. Visible to its buyer and the supplier’s members only.',
  id: { resolve: (c) => c.id },
  // node(id:) goes through here: ids the viewer may not see resolve to null.
  loadMany: async (ids, ctx) => {
    const visible = await visibleConversationIds(ctx.db, ctx.viewer, ids)
    const rows = await conversations.findMany(ctx, [...visible])
    const byId = new Map(rows.flatMap((r) => (r ? [[r.id, r] as const] : [])))
    return ids.map((id) => byId.get(id) ?? null)
  },
  fields: (t) => ({
    subject: t.exposeString('subject', { nullable: true }),
    status: t.expose('status', { type: ConversationStatusEnum }),
    labels: t.exposeStringList('labels', {
      description: 'The supplier team’s own labels. Team-only: [] for anyone not a member of this supplier (the buyer included).',
      authScopes: (c) => ({ memberOf: c.supplierId }),
      unauthorizedResolver: () => [],
    }),
    lastSequence: t.exposeInt('lastSequence', { description: 'The newest message’s sequence; resume subscriptions after it.' }),
    lastMessageAt: t.expose('lastMessageAt', { type: 'DateTime' }),
    lastMessagePreview: t.exposeString('lastMessagePreview', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    resolvedAt: t.expose('resolvedAt', { type: 'DateTime', nullable: true }),
    buyerConfirmedAt: t.expose('buyerConfirmedAt', { type: 'DateTime', nullable: true }),
    viewerSide: t.field({
      type: ParticipantSideEnum,
      description: 'Which side the viewer is on here.',
      resolve: (c, _args, ctx) => (ctx.viewer ? (sideOf(ctx.viewer, c) ?? 'SYSTEM') : 'SYSTEM'),
    }),
    // Batched: an inbox page of 20 conversations costs one buyer query, not twenty.
    // The supplier's team may see the buyers it talks to: the buyer is read as through the conversation.
    buyer: t.field({ type: BuyerRef, resolve: async (c, _args, ctx) => ({ ...(await buyers.get(ctx, c.buyerId)), self: true }) }),
    supplier: t.field({ type: SupplierRef, resolve: (c, _args, ctx) => suppliers.get(ctx, c.supplierId) }),
    product: t.field({
      type: ProductRef,
      nullable: true,
      resolve: (c, _args, ctx) => (c.productId ? products.find(ctx, c.productId) : null),
    }),
    assignee: t.field({
      type: TeamMemberRef,
      nullable: true,
      description: 'The team member handling it. Team-only: null for anyone not a member of this supplier (the buyer included).',
      authScopes: (c) => ({ memberOf: c.supplierId }),
      unauthorizedResolver: () => null,
      resolve: (c, _args, ctx) => (c.assigneeId ? teamMember(ctx, c.assigneeId) : null),
    }),
    unreadCount: t.loadable({
      type: 'Int',
      extensions: viewerSpecific,
      description: 'Messages from the other side after the viewer’s read position.',
      load: async (ids: string[], ctx) => {
        const counts = ctx.viewer ? await unreadCounts(ctx.db, ctx.viewer, ids) : new Map<string, number>()
        return ids.map((id) => counts.get(id) ?? 0)
      },
      resolve: (c) => c.id,
    }),
    expectedReplyBy: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'While the supplier owes a reply: when one can be expected, from its usual reply time in service hours.',
      resolve: (c, _args, ctx) => expectedReplyBy(ctx.db, c, ctx.clock.now()),
    }),
    readPositions: t.field({ type: [ReadPositionRef], resolve: (c, _args, ctx) => readPositions(ctx.db, ctx.viewer, c.id) }),
    canShareContactDetails: t.boolean({
      description: 'False until the pair has an order: emails, phone numbers and links are masked until then.',
      resolve: (c, _args, ctx) => pairHasOrder(ctx.db, c.buyerId, c.supplierId),
    }),
  }),
})

export const messageCursor = (m: MessageDTO) => encodeCursor('Message', m.id)
