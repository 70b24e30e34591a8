// Follows and supplier updates as the API shows them.
import { createContextCache } from '@pothos/core'
import { encodeGlobalID } from '@pothos/plugin-relay'
import DataLoader from 'dataloader'
import { followerCounts, followsOf, RELATIONSHIP_LIMITS, type FollowDTO, type SupplierUpdateDTO } from '@rapport/relationships'
import { builder } from '../../builder.ts'
import { AttachmentRef } from '../messaging/types.ts'
import type { Context } from '../../context.ts'
import { rowsById } from '../../schema/loaders.ts'
import { viewerSpecific } from '../../schema/viewer-specific.ts'
import { SupplierRef, suppliers } from '../catalog/supplier.ts'
import { LimitsRef } from '../messaging/limits.ts'

export const FollowRef = builder.objectRef<FollowDTO>('Follow').implement({
  description: 'A buyer follows a supplier: consent to see its updates (and be notified of them unless muted).',
  fields: (t) => ({
    supplier: t.field({ type: SupplierRef, resolve: (f, _args, ctx) => suppliers.get(ctx, f.supplierId) }),
    followedAt: t.expose('createdAt', { type: 'DateTime' }),
    muted: t.boolean({ description: 'Updates still show in your feed but notify you of nothing.', resolve: (f) => f.mutedAt !== null }),
  }),
})

const authors = rowsById('supplierMember', (ctx, ids) =>
  ctx.db.supplierMember.findMany({ where: { id: { in: [...ids] } }, select: { id: true, title: true, user: { select: { displayName: true } } } }),
)

export const SupplierUpdateRef = builder.objectRef<SupplierUpdateDTO>('SupplierUpdate').implement({
  description: 'News a supplier’s team posted to its followers.',
  fields: (t) => ({
    id: t.id({ resolve: (u) => encodeGlobalID('SupplierUpdate', u.id) }),
    supplier: t.field({ type: SupplierRef, resolve: (u, _args, ctx) => suppliers.get(ctx, u.supplierId) }),
    title: t.exposeString('title'),
    body: t.exposeString('body'),
    publishedAt: t.expose('publishedAt', { type: 'DateTime' }),
    image: t.field({ type: AttachmentRef, nullable: true, description: 'The update’s picture (public, as the update is).', resolve: (u) => u.image }),
    authorName: t.string({
      description: 'Who on the team posted it, as the team presents them.',
      resolve: async (u, _args, ctx) => {
        const a = await authors.get(ctx, u.authorId)
        return a.title ?? a.user.displayName
      },
    }),
  }),
})

// Batched per request: a page of suppliers asks once for all their counts (and follows).
const counts = createContextCache(
  (ctx: Context) => new DataLoader<string, number>(async (ids) => ((m) => ids.map((id) => m.get(id) ?? 0))(await followerCounts({ db: ctx.db }, ids))),
)
const viewerFollows = createContextCache(
  (ctx: Context) =>
    new DataLoader<string, FollowDTO | null>(async (ids) => ((m) => ids.map((id) => m.get(id) ?? null))(await followsOf({ db: ctx.db }, ctx.viewer!.buyerId!, ids))),
)

builder.objectFields(SupplierRef, (t) => ({
  followerCount: t.int({
    description: 'How many buyers follow the supplier.',
    resolve: (s, _args, ctx) => counts(ctx).load(s.id),
  }),
  viewerFollow: t.field({
    type: FollowRef,
    nullable: true,
    description: 'Your follow of this supplier, if you follow it.',
    extensions: viewerSpecific,
    resolve: (s, _args, ctx) => (ctx.viewer?.buyerId ? viewerFollows(ctx).load(s.id) : null),
  }),
}))

builder.objectFields(LimitsRef, (t) => ({
  supplierUpdateTitleMaxLength: t.int({ description: 'Characters in a supplier update’s title.', resolve: () => RELATIONSHIP_LIMITS.updateTitleMax }),
  supplierUpdateBodyMaxLength: t.int({ description: 'Characters in a supplier update’s text.', resolve: () => RELATIONSHIP_LIMITS.updateBodyMax }),
  supplierUpdatesPerDay: t.int({ description: 'Updates a supplier may post per rolling 24 hours.', resolve: () => RELATIONSHIP_LIMITS.updatesPerDay }),
}))
