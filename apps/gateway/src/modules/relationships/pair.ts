// One buyer–supplier pair, reached directly: `relationship(buyerId, supplierId)` for that buyer
// and that supplier's team, with the pair's timeline (both sides) and health (the team).
// The Relationship type itself starts in messaging (reached from a conversation); this adds
// what the relationships domain knows about the pair.
import {
  pairHealth,
  pairSide,
  pairTimeline,
  timelineCursor,
  updatesByIds,
  type PairHealth,
  type TimelineEntry,
} from '@rapport/relationships'
import { relationshipView } from '@rapport/messaging'
import { builder } from '../../builder.ts'
import { decodeGlobalId } from '../../schema/ids.ts'
import { forwardConnection } from '../../schema/pagination.ts'
import { rowsById } from '../../schema/loaders.ts'
import { viewerSpecific } from '../../schema/viewer-specific.ts'
import { SupplierRef, suppliers } from '../catalog/supplier.ts'
import { BuyerRef, buyers } from '../identity/types.ts'
import { conversations, ConversationRef } from '../messaging/types.ts'
import { orders, OrderRef, RelationshipRef } from '../messaging/relationship.ts'
import { ReviewRef, reviews } from '../reviews/types.ts'
import { SupplierUpdateRef } from './types.ts'

const updates = rowsById('supplierUpdate', (ctx, ids) => updatesByIds({ db: ctx.db }, ids))

const TimelineKindEnum = builder.enumType('RelationshipTimelineKind', {
  values: {
    ORDER: { description: 'The buyer placed an order.' },
    CONVERSATION: { description: 'A conversation started.' },
    REVIEW: { description: 'The buyer published a review of the supplier.' },
    UPDATE: { description: 'The supplier posted an update while the buyer followed it.' },
  } as const,
})

const TimelineEntryRef = builder.objectRef<TimelineEntry>('RelationshipTimelineEntry').implement({
  description: 'One thing that happened between a buyer and a supplier. Exactly one of order, conversation, review and update is set, as `kind` says (null if it has since been removed).',
  fields: (t) => ({
    kind: t.expose('kind', { type: TimelineKindEnum }),
    at: t.expose('at', { type: 'DateTime' }),
    order: t.field({ type: OrderRef, nullable: true, resolve: (e, _a, ctx) => (e.kind === 'ORDER' ? orders.find(ctx, e.id) : null) }),
    conversation: t.field({
      type: ConversationRef,
      nullable: true,
      resolve: (e, _a, ctx) => (e.kind === 'CONVERSATION' ? conversations.find(ctx, e.id) : null),
    }),
    review: t.field({ type: ReviewRef, nullable: true, resolve: (e, _a, ctx) => (e.kind === 'REVIEW' ? reviews.find(ctx, e.id) : null) }),
    update: t.field({ type: SupplierUpdateRef, nullable: true, resolve: (e, _a, ctx) => (e.kind === 'UPDATE' ? updates.find(ctx, e.id) : null) }),
  }),
})

const HealthRef = builder.objectRef<PairHealth>('RelationshipHealth').implement({
  description: 'How a relationship is doing, for the supplier’s team. The buyer’s own responsiveness is on `Relationship.buyer.responseMetrics`.',
  fields: (t) => ({
    orderCount: t.exposeInt('orderCount', { description: 'Orders not cancelled.' }),
    repeatOrderCount: t.exposeInt('repeatOrderCount', { description: 'Orders after the first: the buyer came back.' }),
    firstOrderAt: t.expose('firstOrderAt', { type: 'DateTime', nullable: true }),
    lastOrderAt: t.expose('lastOrderAt', { type: 'DateTime', nullable: true }),
    lastContactAt: t.expose('lastContactAt', { type: 'DateTime', nullable: true, description: 'The latest message either side sent.' }),
    openConversationCount: t.exposeInt('openConversationCount', { description: 'Conversations not yet resolved.' }),
    resolvedConversationCount: t.exposeInt('resolvedConversationCount'),
    medianResolveSeconds: t.exposeInt('medianResolveSeconds', {
      nullable: true,
      description: 'Median time from a conversation’s start to its resolution (wall clock), over the resolved ones.',
    }),
  }),
})

builder.objectFields(RelationshipRef, (t) => ({
  buyer: t.field({ type: BuyerRef, resolve: async (r, _a, ctx) => ({ ...(await buyers.get(ctx, r.buyerId)), self: true }) }),
  supplier: t.field({ type: SupplierRef, resolve: (r, _a, ctx) => suppliers.get(ctx, r.supplierId) }),
  timeline: t.connection({
    type: TimelineEntryRef,
    description: 'Orders, conversations, reviews and the updates that reached the buyer, newest first.',
    resolve: (r, args, ctx) =>
      forwardConnection('RelationshipTimelineEntry', args, (q) => pairTimeline({ db: ctx.db }, ctx.viewer, r, q), timelineCursor),
  }),
  health: t.field({
    type: HealthRef,
    nullable: true,
    description: 'For the supplier’s team; null for the buyer.',
    resolve: (r, _a, ctx) => (pairSide(ctx.viewer, r) === 'SUPPLIER' ? pairHealth({ db: ctx.db }, ctx.viewer, r) : null),
  }),
}))

builder.queryFields((t) => ({
  relationship: t.field({
    type: RelationshipRef,
    nullable: true,
    description: 'A buyer and a supplier’s history together. For that buyer and that supplier’s team; null for anyone else.',
    authScopes: { signedIn: true },
    extensions: viewerSpecific,
    args: { buyerId: t.arg.id({ required: true }), supplierId: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const pair = { buyerId: decodeGlobalId(args.buyerId, 'Buyer', 'buyerId'), supplierId: decodeGlobalId(args.supplierId, 'Supplier', 'supplierId') }
      const side = pairSide(ctx.viewer, pair)
      if (!side) return null
      return { ...(await relationshipView(ctx.db, pair, side)), conversation: null }
    },
  }),
}))
