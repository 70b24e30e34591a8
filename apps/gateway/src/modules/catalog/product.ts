import { countProducts, getProductsByIds, listProducts, serviceHoursFor, type ProductSummary, type ServiceHoursRow } from '@rapport/catalog'
import { builder } from '../../builder.ts'
import { decodeGlobalId } from '../../schema/ids.ts'
import { idConnection } from '../../schema/pagination.ts'
import { rowsById } from '../../schema/loaders.ts'
import { searchText, SupplierRef, suppliers } from './supplier.ts'

export const Money = builder.objectRef<{ amount: number; currency: string }>('Money').implement({
  description: 'An amount in the currency’s minor unit (cents for EUR, whole yen for JPY: ISO 4217 exponent).',
  fields: (t) => ({
    amount: t.exposeInt('amount', { description: 'In minor units: 4500 EUR is €45.00; 4800 JPY is ¥4,800.' }),
    currency: t.exposeString('currency', { description: 'ISO 4217 code.' }),
  }),
})

export const ProductRef = builder.objectRef<ProductSummary>('Product')

// The one lookup of products by id: a page of reviews or conversations naming products costs one query.
export const products = rowsById('product', (ctx, ids) => getProductsByIds({ db: ctx.db }, ids))

builder.node(ProductRef, {
  description: 'Something a supplier sells.',
  id: { resolve: (p) => p.id },
  loadMany: (ids, ctx) => products.findMany(ctx, ids),
  fields: (t) => ({
    slug: t.exposeString('slug'),
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    imageUrl: t.exposeString('imageUrl', { nullable: true }),
    price: t.field({ type: Money, resolve: (p) => ({ amount: p.priceCents, currency: p.currency }) }),
    supplier: t.field({ type: SupplierRef, resolve: (p, _args, ctx) => suppliers.get(ctx, p.supplierId) }),
  }),
})

const ServiceHours = builder.objectRef<ServiceHoursRow>('ServiceHours').implement({
  description: 'One opening interval in the supplier’s time zone. Several per weekday mean a split shift.',
  fields: (t) => ({
    weekday: t.exposeInt('weekday', { description: 'ISO weekday: 1 = Monday … 7 = Sunday.' }),
    opensAt: t.string({ description: 'Local time, "HH:MM".', resolve: (h) => hhmm(h.opensAt) }),
    closesAt: t.string({ description: 'Local time, "HH:MM" ("24:00" is midnight at the end of the day).', resolve: (h) => hhmm(h.closesAt) }),
  }),
})
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`

builder.objectFields(SupplierRef, (t) => ({
  serviceHours: t.loadableGroup({
    type: ServiceHours,
    description: 'Weekly service hours in the supplier’s time zone; response times are measured in them.',
    load: async (ids: string[], ctx) => [...(await serviceHoursFor({ db: ctx.db }, ids)).values()].flat(),
    group: (h) => h.supplierId,
    resolve: (s) => s.id,
  }),
  products: t.connection({
    type: ProductRef,
    description: 'What the supplier sells, alphabetically.',
    resolve: (s, args, ctx) => idConnection('Product', args, (q) => listProducts({ db: ctx.db }, { ...q, supplierId: s.id })),
  }),
}))

builder.queryFields((t) => ({
  products: t.connection(
    {
      type: ProductRef,
      authScopes: { public: true },
      description: 'Products of every supplier, alphabetically; `search` matches words in the name or description.',
      args: { search: t.arg.string({ required: false, validate: searchText }) },
      resolve: async (_root, args, ctx) => {
        const conn = await idConnection('Product', args, (q) => listProducts({ db: ctx.db }, { ...q, search: args.search }))
        // Counted only when a client asks for it.
        return Object.assign(conn, { totalCount: () => countProducts({ db: ctx.db }, { search: args.search }) })
      },
    },
    {
      fields: (c) => ({
        totalCount: c.int({
          description: 'How many products match, across all pages.',
          resolve: (conn) => (conn as { totalCount?: () => Promise<number> }).totalCount?.() ?? 0,
        }),
      }),
    },
  ),
  product: t.field({
    type: ProductRef,
    nullable: true,
    description: 'One product by id, or null.',
    authScopes: { public: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = decodeGlobalId(args.id, 'Product', 'id')
      return products.find(ctx, id)
    },
  }),
}))
