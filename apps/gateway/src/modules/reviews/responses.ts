// The supplier's public response under a review, and the mutation that writes it.
import { ForbiddenError, isStaff, membershipOf, NotFoundError, UnauthenticatedError, ValidationError } from '@rapport/core'
import { REVIEW_LIMITS, respondToReview, responsesByIds, responsesFor, responseVersions, type ReviewResponseDTO, type ReviewResponseVersionDTO } from '@rapport/reviews'
import { createContextCache } from '@pothos/core'
import DataLoader from 'dataloader'
import { builder } from '../../builder.ts'
import type { Context } from '../../context.ts'
import { decodeGlobalId } from '../../schema/ids.ts'
import { rowsById } from '../../schema/loaders.ts'
import { viewerSpecific } from '../../schema/viewer-specific.ts'
import { teamMember, TeamMemberRef } from '../identity/types.ts'
import { reviewsDeps } from './deps.ts'
import { ReviewRef } from './types.ts'

// One query for the responses of a page of reviews.
const responses = createContextCache(
  (ctx: Context) =>
    new DataLoader<string, ReviewResponseDTO | null>(async (reviewIds) => {
      const map = await responsesFor(reviewsDeps(ctx), reviewIds, ctx.viewer)
      return reviewIds.map((id) => map.get(id) ?? null)
    }),
)

const responder = (ctx: Context, memberId: string) => teamMember(ctx, memberId)

/** A hidden or removed response's text is shown to the supplier's team and moderators only. */
const isWithheld = (r: ReviewResponseDTO, ctx: Context) => r.status !== 'PUBLISHED' && !membershipOf(ctx.viewer, r.supplierId) && !isStaff(ctx.viewer)

// node(id:): as listed to the viewer (a removed response only to its team and moderators).
export const reviewResponses = rowsById('reviewResponse', async (ctx, ids) =>
  (await responsesByIds(reviewsDeps(ctx), ids)).filter((r) => r.status !== 'REMOVED' || membershipOf(ctx.viewer, r.supplierId) || isStaff(ctx.viewer)),
)

const ResponseVersionRef = builder.objectRef<ReviewResponseVersionDTO>('ReviewResponseVersion').implement({
  description: 'A response as it read from `createdAt` until the next version.',
  fields: (t) => ({
    version: t.exposeInt('version'),
    body: t.exposeString('body'),
    responder: t.field({ type: TeamMemberRef, nullable: true, resolve: (v, _args, ctx) => responder(ctx, v.authorMemberId) }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
})

export const ReviewResponseRef = builder.objectRef<ReviewResponseDTO>('ReviewResponse')
builder.node(ReviewResponseRef, {
  description: `The supplier’s public response to a review (up to ${REVIEW_LIMITS.response.toLocaleString('en')} characters), with who wrote it. Edits keep earlier versions.`,
  id: { resolve: (r) => r.id },
  loadMany: (ids, ctx) => reviewResponses.findMany(ctx, ids),
  fields: (t) => ({
    body: t.string({
      description: 'Empty when moderators hid or removed the response, except for the supplier’s team and moderators: show `moderation` instead.',
      extensions: viewerSpecific,
      resolve: (r, _args, ctx) => (isWithheld(r, ctx) ? '' : r.body),
    }),
    version: t.exposeInt('version'),
    responder: t.field({
      type: TeamMemberRef,
      nullable: true,
      description: 'Who wrote the current version, with their role.',
      resolve: (r, _args, ctx) => responder(ctx, r.authorMemberId),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    editedAt: t.field({ type: 'DateTime', nullable: true, resolve: (r) => (r.version > 1 ? r.updatedAt : null) }),
    versions: t.field({
      type: [ResponseVersionRef],
      description: 'Every version, newest first; empty where the text is withheld (see `body`).',
      extensions: viewerSpecific,
      resolve: (r, _args, ctx) => (isWithheld(r, ctx) ? [] : responseVersions(reviewsDeps(ctx), r.id)),
    }),
  }),
})

builder.objectFields(ReviewRef, (t) => ({
  response: t.field({
    type: ReviewResponseRef,
    nullable: true,
    description: 'The supplier’s public response, if there is one (a removed one only for the team and moderators).',
    extensions: viewerSpecific,
    resolve: (r, _args, ctx) => responses(ctx).load(r.id),
  }),
}))

const RespondToReviewInput = builder.inputType('RespondToReviewInput', {
  fields: (t) => ({ reviewId: t.id({ required: true }), body: t.string({ required: true }) }),
})

builder.mutationFields((t) => ({
  respondToReview: t.field({
    type: ReviewResponseRef,
    description: 'Writes your supplier’s public response to a review of it, or edits it (a new version). Owners and agents.',
    authScopes: { signedIn: true },
    errors: { types: [UnauthenticatedError, NotFoundError, ForbiddenError, ValidationError], directResult: true },
    args: { input: t.arg({ type: RespondToReviewInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      respondToReview(reviewsDeps(ctx), ctx.viewer, { reviewId: decodeGlobalId(input.reviewId, 'Review', 'reviewId'), body: input.body }),
  }),
}))
