// The buyer's invitations to review delivered orders (made once, at delivery): listed until
// reviewed, dismissed ("not now") or the review window closes.
import { encodeGlobalID } from '@pothos/plugin-relay'
import { UnauthenticatedError, ValidationError } from '@rapport/core'
import { dismissReviewInvitation, NotYourOrderError, openReviewInvitationCount, openReviewInvitations, type ReviewInvitationDTO } from '@rapport/reviews'
import { builder } from '../../builder.ts'
import { decodeGlobalId } from '../../schema/ids.ts'
import { idConnection } from '../../schema/pagination.ts'
import { ViewerRef } from '../identity/types.ts'
import { OrderRef, orders } from '../messaging/relationship.ts'
import { reviewsDeps } from './deps.ts'

const ReviewInvitationRef = builder.objectRef<ReviewInvitationDTO>('ReviewInvitation').implement({
  description: 'An invitation to review a delivered order, made once when it was delivered. No conditions, no incentive.',
  fields: (t) => ({
    order: t.field({ type: OrderRef, resolve: (i, _args, ctx) => orders.get(ctx, i.orderId) }),
    invitedAt: t.expose('invitedAt', { type: 'DateTime' }),
    closesAt: t.expose('closesAt', { type: 'DateTime', description: 'When the order’s review window closes.' }),
  }),
})

builder.objectFields(ViewerRef, (t) => ({
  reviewInvitations: t.connection({
    type: ReviewInvitationRef,
    description: 'Your open invitations to review delivered orders, newest first (empty without a buyer profile).',
    resolve: (v, args, ctx) =>
      idConnection('ReviewInvitation', args, (q) => (v.buyerId ? openReviewInvitations(reviewsDeps(ctx), v.buyerId, q) : Promise.resolve([]))),
  }),
  reviewInvitationCount: t.int({
    description: 'How many invitations are open.',
    resolve: (v, _args, ctx) => (v.buyerId ? openReviewInvitationCount(reviewsDeps(ctx), v.buyerId) : 0),
  }),
}))

const DismissReviewInvitationInput = builder.inputType('DismissReviewInvitationInput', {
  fields: (t) => ({ orderId: t.id({ required: true, description: 'The invited order (an Order id).' }) }),
})
const DismissedReviewInvitationRef = builder.objectRef<{ orderId: string }>('DismissedReviewInvitation').implement({
  fields: (t) => ({ orderId: t.id({ resolve: (d) => encodeGlobalID('Order', d.orderId) }) }),
})

builder.mutationFields((t) => ({
  dismissReviewInvitation: t.field({
    type: DismissedReviewInvitationRef,
    description: '“Not now”: the invitation stops showing. The order can still be reviewed until its window closes.',
    authScopes: { signedIn: true },
    errors: { types: [UnauthenticatedError, ValidationError, NotYourOrderError], directResult: true },
    args: { input: t.arg({ type: DismissReviewInvitationInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      dismissReviewInvitation(reviewsDeps(ctx), ctx.viewer, decodeGlobalId(String(input.orderId), 'Order', 'orderId')),
  }),
}))
