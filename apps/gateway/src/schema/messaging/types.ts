import type { Conversation as ConversationRow } from '@rapport/db'
import {
  expectedReplyBy,
  readPositions,
  sideOf,
  unreadCounts,
  visibleConversationIds,
  type MessageDTO,
  type ReadReceipt,
} from '@rapport/messaging'
import { getProductsByIds } from '@rapport/catalog'
import { builder } from '../../builder.ts'
import { SupplierRef } from '../catalog/supplier.ts'
import { ProductRef } from '../catalog/product.ts'
import { BuyerRef, TeamMemberRef, toTeamMember } from '../identity/types.ts'
import { encodeCursor } from '../pagination.ts'
import { listMessageDTOs } from './loaders.ts'
import { counterpartPresence } from './presence.ts'

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
      resolve: async (p, _args, ctx) => {
        if (!p.memberId) return null
        const m = await ctx.db.supplierMember.findUnique({ where: { id: p.memberId }, include: { user: { select: { displayName: true } } } })
        return m ? toTeamMember(m) : null
      },
    }),
  }),
})

const ReactionCount = builder.objectRef<{ emoji: string; userIds: string[] }>('ReactionCount').implement({
  fields: (t) => ({
    emoji: t.exposeString('emoji'),
    count: t.int({ resolve: (r) => r.userIds.length }),
    reactedByViewer: t.boolean({ resolve: (r, _args, ctx) => !!ctx.viewer && r.userIds.includes(ctx.viewer.userId) }),
  }),
})

const AttachmentRef = builder.objectRef<MessageDTO['attachments'][number]>('Attachment').implement({
  description: 'A file sent with a message (images and PDF, type checked from the content).',
  fields: (t) => ({
    id: t.exposeID('id'),
    fileName: t.exposeString('fileName'),
    contentType: t.exposeString('contentType'),
    byteSize: t.exposeInt('byteSize'),
    width: t.exposeInt('width', { nullable: true }),
    height: t.exposeInt('height', { nullable: true }),
    url: t.string({ description: 'Download path on the gateway; needs the same session.', resolve: (a) => `/attachments/${a.id}` }),
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
    isViewerAuthor: t.boolean({ resolve: (m, _args, ctx) => !!ctx.viewer && m.authorId === ctx.viewer.userId }),
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

const PresenceRef = builder.objectRef<{ online: boolean; lastSeenAt: Date | null }>('Presence').implement({
  fields: (t) => ({
    online: t.exposeBoolean('online'),
    lastSeenAt: t.expose('lastSeenAt', { type: 'DateTime', nullable: true }),
  }),
})

export const ConversationRef = builder.objectRef<ConversationRow>('Conversation')
builder.node(ConversationRef, {
  description: 'A conversation between a buyer and a supplier’s team. Visible to its buyer and the supplier’s members only.',
  id: { resolve: (c) => c.id },
  // node(id:) goes through here: ids the viewer may not see resolve to null.
  loadMany: async (ids, ctx) => {
    const visible = await visibleConversationIds(ctx.db, ctx.viewer, ids)
    const rows = await ctx.db.conversation.findMany({ where: { id: { in: [...visible] } } })
    const byId = new Map(rows.map((r) => [r.id, r]))
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
    buyer: t.loadable({
      type: BuyerRef,
      load: async (ids: string[], ctx) => {
        const rows = await ctx.db.buyer.findMany({ where: { id: { in: ids } } })
        const byId = new Map(rows.map((r) => [r.id, { ...r, self: true }]))
        return ids.map((id) => byId.get(id) ?? new Error(`buyer ${id} not found`))
      },
      resolve: (c) => c.buyerId,
    }),
    supplier: t.field({ type: SupplierRef, resolve: (c, _args, ctx) => ctx.db.supplier.findUniqueOrThrow({ where: { id: c.supplierId } }) }),
    product: t.field({
      type: ProductRef,
      nullable: true,
      resolve: async (c, _args, ctx) => (c.productId ? ((await getProductsByIds({ db: ctx.db }, [c.productId]))[0] ?? null) : null),
    }),
    assignee: t.field({
      type: TeamMemberRef,
      nullable: true,
      description: 'The team member handling it. Team-only: null for anyone not a member of this supplier (the buyer included).',
      authScopes: (c) => ({ memberOf: c.supplierId }),
      unauthorizedResolver: () => null,
      resolve: async (c, _args, ctx) => {
        if (!c.assigneeId) return null
        const m = await ctx.db.supplierMember.findUnique({ where: { id: c.assigneeId }, include: { user: { select: { displayName: true } } } })
        return m ? toTeamMember(m) : null
      },
    }),
    unreadCount: t.loadable({
      type: 'Int',
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
    counterpartPresence: t.field({
      type: PresenceRef,
      description: 'Whether the other side is online: the buyer, or anyone on the supplier team.',
      resolve: (c, _args, ctx) => counterpartPresence(ctx, c),
    }),
    canShareContactDetails: t.boolean({
      description: 'False until the pair has an order: emails, phone numbers and links are masked until then.',
      resolve: async (c, _args, ctx) =>
        !!(await ctx.db.order.findFirst({ where: { buyerId: c.buyerId, supplierId: c.supplierId, status: { not: 'CANCELLED' } }, select: { id: true } })),
    }),
  }),
})

export const messageCursor = (m: MessageDTO) => encodeCursor('Message', m.id)
