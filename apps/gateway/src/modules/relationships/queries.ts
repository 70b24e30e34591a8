import { following, supplierUpdates, updatesFeed } from '@rapport/relationships'
import { builder } from '../../builder.ts'
import { forwardConnection } from '../../schema/pagination.ts'
import { viewerSpecific } from '../../schema/viewer-specific.ts'
import { SupplierRef } from '../catalog/supplier.ts'
import { ViewerRef } from '../identity/types.ts'
import { relationshipsDeps } from './deps.ts'
import { FollowRef, SupplierUpdateRef } from './types.ts'

builder.objectFields(ViewerRef, (t) => ({
  following: t.connection({
    type: FollowRef,
    description: 'The suppliers you follow, most recently followed first (empty without a buyer profile).',
    extensions: viewerSpecific,
    resolve: (v, args, ctx) =>
      forwardConnection('Follow', args, (q) => (v.buyerId ? following(relationshipsDeps(ctx), v, q) : Promise.resolve({ items: [], hasNextPage: false })), (f) => f.id),
  }),
}))

builder.objectFields(SupplierRef, (t) => ({
  updates: t.connection({
    type: SupplierUpdateRef,
    description: 'The supplier’s updates to its followers, newest first (public).',
    resolve: (s, args, ctx) => forwardConnection('SupplierUpdate', args, (q) => supplierUpdates(relationshipsDeps(ctx), s.id, q), (u) => u.id),
  }),
}))

builder.queryFields((t) => ({
  supplierUpdates: t.connection({
    type: SupplierUpdateRef,
    description: 'Your updates feed: what the suppliers you follow posted (muted ones included), newest first.',
    authScopes: { signedIn: true },
    extensions: viewerSpecific,
    resolve: (_root, args, ctx) => forwardConnection('SupplierUpdate', args, (q) => updatesFeed(relationshipsDeps(ctx), ctx.viewer, q), (u) => u.id),
  }),
}))
