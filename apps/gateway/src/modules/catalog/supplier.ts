import {
  CATALOG_SEARCH_MAX,
  countSuppliers,
  getSupplierBySlug,
  getSuppliersByIds,
  listSuppliers,
  type SupplierSummary,
} from '@rapport/catalog'
import { z } from 'zod'
import { builder } from '../../builder.ts'
import { rowsById } from '../../schema/loaders.ts'
import { idConnection } from '../../schema/pagination.ts'
import { LimitsRef } from '../messaging/limits.ts'

export const SupplierRef = builder.objectRef<SupplierSummary>('Supplier')

// The one lookup of suppliers by id (products, memberships, conversations and invitations
// all point at suppliers).
export const suppliers = rowsById('supplier', (ctx, ids) => getSuppliersByIds({ db: ctx.db }, ids))

builder.node(SupplierRef, {
  description: 'A business selling on Rapport: a family farm, a studio, a co-op.',
  id: { resolve: (s) => s.id },
  loadMany: (ids, ctx) => suppliers.findMany(ctx, ids),
  fields: (t) => ({
    slug: t.exposeString('slug', { description: 'Stable, URL-safe name: /suppliers/<slug>.' }),
    name: t.exposeString('name'),
    tagline: t.exposeString('tagline', { nullable: true, description: 'One line under the name.' }),
    philosophy: t.exposeString('philosophy', {
      nullable: true,
      description: 'What the supplier stands for, in their words.',
    }),
    about: t.exposeString('about', { nullable: true }),
    location: t.exposeString('location', { nullable: true }),
    timeZone: t.exposeString('timeZone', { description: 'IANA time zone of the supplier; service hours are in it.' }),
    responseTarget: t.int({
      description: 'The reply time the supplier promises, in seconds of service time (business hours).',
      resolve: (s) => s.responseTargetSeconds,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
})

/** What a catalogue search may be (suppliers, products): a clear BAD_USER_INPUT past the limit. */
export const searchText = z.string().max(CATALOG_SEARCH_MAX, `Search text is limited to ${CATALOG_SEARCH_MAX} characters.`)

type WithTotalCount = { totalCount?: () => Promise<number> }

builder.objectFields(LimitsRef, (t) => ({
  catalogSearchMaxLength: t.int({ description: 'Characters in a `suppliers(search:)` or `products(search:)` search.', resolve: () => CATALOG_SEARCH_MAX }),
}))

builder.queryFields((t) => ({
  suppliers: t.connection(
    {
      type: SupplierRef,
      authScopes: { public: true },
      description: 'Suppliers in alphabetical order; `search` matches name, tagline or location.',
      args: { search: t.arg.string({ required: false, validate: searchText }) },
      resolve: async (_root, args, ctx) => {
        const search = args.search
        const conn = await idConnection('Supplier', args, (q) => listSuppliers({ db: ctx.db }, { ...q, search }))
        // Counted only when a client asks for it.
        return Object.assign(conn, { totalCount: () => countSuppliers({ db: ctx.db }, { search }) })
      },
    },
    {
      name: 'SupplierConnection',
      fields: (c) => ({
        totalCount: c.int({
          description: 'How many suppliers match, across all pages.',
          resolve: (conn) => (conn as WithTotalCount).totalCount?.() ?? 0,
        }),
      }),
    },
    { name: 'SupplierEdge' },
  ),
  supplier: t.field({
    type: SupplierRef,
    authScopes: { public: true },
    nullable: true,
    description: 'One supplier by its slug, or null.',
    args: { slug: t.arg.string({ required: true, validate: z.string().max(100) }) },
    resolve: (_root, args, ctx) => getSupplierBySlug({ db: ctx.db }, args.slug),
  }),
}))
