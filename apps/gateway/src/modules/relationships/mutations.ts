import { ForbiddenError, NotFoundError, RateLimitedError, UnauthenticatedError, ValidationError } from '@rapport/core'
import { follow, muteSupplier, postSupplierUpdate, RELATIONSHIP_LIMITS, unfollow } from '@rapport/relationships'
import { builder } from '../../builder.ts'
import { decodeGlobalId } from '../../schema/ids.ts'
import { SupplierRef, suppliers } from '../catalog/supplier.ts'
import { relationshipsDeps } from './deps.ts'
import { FollowRef, SupplierUpdateRef } from './types.ts'

const common = [UnauthenticatedError, ForbiddenError, NotFoundError, ValidationError]

const SupplierInput = (name: string) =>
  builder.inputType(name, { fields: (t) => ({ supplierId: t.id({ required: true, description: 'A Supplier id.' }) }) })
const FollowInput = SupplierInput('FollowInput')
const UnfollowInput = SupplierInput('UnfollowInput')
const MuteSupplierInput = builder.inputType('MuteSupplierInput', {
  fields: (t) => ({ supplierId: t.id({ required: true }), muted: t.boolean({ required: true, description: 'True to mute, false to hear from it again.' }) }),
})
const PostSupplierUpdateInput = builder.inputType('PostSupplierUpdateInput', {
  fields: (t) => ({
    supplierId: t.id({ required: true }),
    title: t.string({ required: true, description: `At most ${RELATIONSHIP_LIMITS.updateTitleMax} characters.` }),
    body: t.string({ required: true, description: `At most ${RELATIONSHIP_LIMITS.updateBodyMax} characters.` }),
    imageId: t.id({ description: 'A picture you uploaded (POST /attachments; an image), shown with the update. Public once posted.' }),
  }),
})
const UnfollowPayload = builder.objectRef<{ supplierId: string }>('UnfollowPayload').implement({
  fields: (t) => ({ supplier: t.field({ type: SupplierRef, resolve: (p, _args, ctx) => suppliers.get(ctx, p.supplierId) }) }),
})

const supplierId = (id: unknown) => decodeGlobalId(String(id), 'Supplier', 'supplierId')

builder.mutationFields((t) => ({
  follow: t.field({
    type: FollowRef,
    description: 'Follow a supplier (buyers): its updates reach your feed and notify you. Following again changes nothing.',
    authScopes: { signedIn: true },
    errors: { types: common, directResult: true },
    args: { input: t.arg({ type: FollowInput, required: true }) },
    resolve: (_root, { input }, ctx) => follow(relationshipsDeps(ctx), ctx.viewer, supplierId(input.supplierId)),
  }),
  unfollow: t.field({
    type: UnfollowPayload,
    description: 'Stop following a supplier. Unfollowing one you do not follow changes nothing.',
    authScopes: { signedIn: true },
    errors: { types: common, directResult: true },
    args: { input: t.arg({ type: UnfollowInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = supplierId(input.supplierId)
      await unfollow(relationshipsDeps(ctx), ctx.viewer, id)
      return { supplierId: id }
    },
  }),
  muteSupplier: t.field({
    type: FollowRef,
    description: 'Mute (or unmute) a supplier you follow: its updates stay in your feed but notify you of nothing.',
    authScopes: { signedIn: true },
    errors: { types: common, directResult: true },
    args: { input: t.arg({ type: MuteSupplierInput, required: true }) },
    resolve: (_root, { input }, ctx) => muteSupplier(relationshipsDeps(ctx), ctx.viewer, { supplierId: supplierId(input.supplierId), muted: input.muted }),
  }),
  postSupplierUpdate: t.field({
    type: SupplierUpdateRef,
    description: `Post an update to the supplier’s followers (its team). At most ${RELATIONSHIP_LIMITS.updatesPerDay} per rolling 24 hours.`,
    authScopes: { signedIn: true },
    errors: { types: [...common, RateLimitedError], directResult: true },
    args: { input: t.arg({ type: PostSupplierUpdateInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      postSupplierUpdate(relationshipsDeps(ctx), ctx.viewer, { supplierId: supplierId(input.supplierId), title: input.title, body: input.body, imageId: input.imageId == null ? null : String(input.imageId) }),
  }),
}))
