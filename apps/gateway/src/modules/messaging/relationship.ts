// A buyer and a supplier's shared history, reached from one of their conversations: the
// supplier's team sees who they are talking to (orders, earlier conversations), the buyer sees
// the same about themself, and both see the relationship's switches.
import { membershipOf } from '@rapport/core'
import type { Conversation as ConversationRow, Order, OrderItem } from '@rapport/db'
import {
  pairConversationCount,
  pairConversations,
  pairOrderCount,
  pairOrders,
  buyerOrders,
  relationshipView,
  sideOf,
  type RelationshipView,
} from '@rapport/messaging'
import { builder } from '../../builder.ts'
import { Money, ProductRef } from '../catalog/product.ts'
import { badInput, idConnection, MAX_PAGE_SIZE } from '../../schema/pagination.ts'
import { SupplierRef, suppliers } from '../catalog/supplier.ts'
import { ViewerRef } from '../identity/types.ts'
import { rowsById } from '../../schema/loaders.ts'
import { ConversationRef } from './types.ts'

type OrderRow = Order & { items: Array<OrderItem & { product: { id: string; name: string } }> }
const ORDER_INCLUDE = { items: { include: { product: { select: { id: true, name: true } } } } } as const

/** Orders by id, batched per request; whoever returns one has checked the viewer may see it. */
export const orders = rowsById('order', (ctx, ids) => ctx.db.order.findMany({ where: { id: { in: ids } }, include: ORDER_INCLUDE }))

const OrderStatusEnum = builder.enumType('OrderStatus', {
  values: { PLACED: {}, SHIPPED: {}, DELIVERED: {}, CANCELLED: {} } as const,
})

const OrderItemRef = builder.objectRef<OrderRow['items'][number] & { currency: string }>('OrderItem').implement({
  fields: (t) => ({
    product: t.field({
      type: ProductRef,
      resolve: (i, _args, ctx) => ctx.db.product.findUniqueOrThrow({ where: { id: i.productId } }),
    }),
    productName: t.string({ description: 'The product’s name, without loading the product.', resolve: (i) => i.product.name }),
    quantity: t.exposeInt('quantity'),
    unitPrice: t.field({ type: Money, resolve: (i) => ({ amount: i.unitPriceCents, currency: i.currency }) }),
  }),
})

export const OrderRef = builder.objectRef<OrderRow>('Order')
builder.node(OrderRef, {
  description: 'An order between a buyer and a supplier. Visible to its buyer and the supplier’s members only.',
  id: { resolve: (o) => o.id },
  loadMany: async (ids, ctx) => {
    const v = ctx.viewer
    if (!v) return ids.map(() => null)
    const rows = (await orders.findMany(ctx, [...ids])).filter((o) => o !== null)
    const visible = new Map(
      rows.filter((o) => o.buyerId === v.buyerId || membershipOf(v, o.supplierId)).map((o) => [o.id, o]),
    )
    return ids.map((id) => visible.get(id) ?? null)
  },
  fields: (t) => ({
    number: t.exposeString('number', { description: 'Shown on receipts, e.g. “R-10042”.' }),
    status: t.expose('status', { type: OrderStatusEnum }),
    placedAt: t.expose('placedAt', { type: 'DateTime' }),
    expectedDeliveryDate: t.string({
      nullable: true,
      description: 'Local date "YYYY-MM-DD".',
      resolve: (o) => o.expectedDeliveryDate?.toISOString().slice(0, 10) ?? null,
    }),
    deliveredAt: t.expose('deliveredAt', { type: 'DateTime', nullable: true }),
    total: t.field({ type: Money, resolve: (o) => ({ amount: o.totalCents, currency: o.currency }) }),
    items: t.field({ type: [OrderItemRef], resolve: (o) => o.items.map((i) => ({ ...i, currency: o.currency })) }),
    supplier: t.field({ type: SupplierRef, resolve: (o, _args, ctx) => suppliers.get(ctx, o.supplierId) }),
  }),
})

builder.objectFields(ViewerRef, (t) => ({
  orders: t.connection({
    type: OrderRef,
    description: 'The viewer’s own orders as a buyer, newest first (empty without a buyer profile).',
    resolve: (v, args, ctx) =>
      idConnection('Order', args, (q) => (v.buyerId ? buyerOrders(ctx.db, v.buyerId, q) : Promise.resolve([]))),
  }),
}))

/** The pair, reached from one of its conversations (`conversation`) or directly (`Query.relationship`). */
export type RelationshipShape = RelationshipView & { conversation: ConversationRow | null }

// No conversation is excluded when the pair was reached directly.
const NO_ID = '00000000-0000-0000-0000-000000000000'

function checkLimit(limit: number | null | undefined): number {
  const n = limit ?? 10
  if (n < 0 || n > MAX_PAGE_SIZE) throw badInput(`"first" must be between 0 and ${MAX_PAGE_SIZE} (got ${n}).`, 'first')
  return n
}

export const RelationshipRef = builder.objectRef<RelationshipShape>('Relationship').implement({
  description: 'A buyer and a supplier: their orders and conversations together, and who blocked whom.',
  fields: (t) => ({
    firstOrderAt: t.expose('firstOrderAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the pair’s first order was placed; contact details are shared from then on.',
    }),
    blockedByBuyer: t.exposeBoolean('blockedByBuyer'),
    blockedBySupplier: t.exposeBoolean('blockedBySupplier'),
    viewerHidesReadReceipts: t.exposeBoolean('viewerHidesReadReceipts', {
      description: 'The viewer’s side does not show the other side when it has read their messages.',
    }),
    orders: t.field({
      type: [OrderRef],
      description: 'The pair’s orders, newest first.',
      args: { first: t.arg.int({ defaultValue: 10, description: `At most ${MAX_PAGE_SIZE}.` }) },
      resolve: (r, args, ctx) => pairOrders(ctx.db, r, checkLimit(args.first)),
    }),
    orderCount: t.int({ resolve: (r, _args, ctx) => pairOrderCount(ctx.db, r) }),
    otherConversations: t.field({
      type: [ConversationRef],
      description: 'The pair’s conversations other than the one the relationship was reached from (all of them when reached directly), newest activity first.',
      args: { first: t.arg.int({ defaultValue: 10, description: `At most ${MAX_PAGE_SIZE}.` }) },
      resolve: (r, args, ctx) => pairConversations(ctx.db, r, r.conversation?.id ?? NO_ID, checkLimit(args.first)),
    }),
    otherConversationCount: t.int({
      resolve: (r, _args, ctx) => pairConversationCount(ctx.db, r, r.conversation?.id ?? NO_ID),
    }),
  }),
})

builder.objectFields(ConversationRef, (t) => ({
  order: t.field({
    type: OrderRef,
    nullable: true,
    description: 'The order this conversation is about, if any.',
    resolve: (c, _args, ctx) =>
      c.orderId ? orders.find(ctx, c.orderId) : null,
  }),
  relationship: t.field({
    type: RelationshipRef,
    description: 'The buyer and the supplier’s history together, as the viewer’s side sees it.',
    resolve: async (c, _args, ctx) => {
      // The conversation was only resolved for a participant, so the viewer has a side.
      const side = (ctx.viewer && sideOf(ctx.viewer, c)) || 'BUYER'
      return { ...(await relationshipView(ctx.db, c, side)), conversation: c }
    },
  }),
}))
