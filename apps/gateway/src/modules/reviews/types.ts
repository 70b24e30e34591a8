// Reviews as the API shows them: the Review node, rating summaries, and the lists on suppliers
// and products.
import { isStaff } from '@rapport/core'
import { getReviewsByIds, listReviews, ratingSummaries, REVIEW_LIMITS, REVIEW_SORTS, reviewResolutions, reviewVersions, type RatingSummary, type ReviewDTO, type ReviewVersionDTO } from '@rapport/reviews'
import { encodeGlobalID } from '@pothos/plugin-relay'
import { createContextCache } from '@pothos/core'
import DataLoader from 'dataloader'
import { builder } from '../../builder.ts'
import type { Context } from '../../context.ts'
import { viewerSpecific } from '../../schema/viewer-specific.ts'
import { rowsById } from '../../schema/loaders.ts'
import { idConnection } from '../../schema/pagination.ts'
import { ProductRef, products } from '../catalog/product.ts'
import { SupplierRef, suppliers } from '../catalog/supplier.ts'
import { buyers } from '../identity/types.ts'
import { LimitsRef } from '../messaging/limits.ts'
import { reviewsDeps } from './deps.ts'

// As the viewer may see them: hidden ones for everyone (their text withheld), removed ones for their author and moderators.
export const reviews = rowsById('review', (ctx, ids) => getReviewsByIds(reviewsDeps(ctx), ids, ctx.viewer))

/** A hidden or removed review's text is shown to its author and to moderators only; others get the notice. */
export const isWithheld = (r: ReviewDTO, ctx: Context) => r.status !== 'PUBLISHED' && ctx.viewer?.buyerId !== r.buyerId && !isStaff(ctx.viewer)
const WITHHELD = 'Null (title) or empty (body) when moderators hid or removed the review, except for its author and moderators: show `moderation` instead.'

const ReviewVersionRef = builder.objectRef<ReviewVersionDTO>('ReviewVersion').implement({
  description: 'A review as it read from `createdAt` until the next version.',
  fields: (t) => ({
    version: t.exposeInt('version'),
    rating: t.exposeInt('rating'),
    title: t.exposeString('title', { nullable: true }),
    body: t.exposeString('body'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
})

export const ReviewRef = builder.objectRef<ReviewDTO>('Review')
builder.node(ReviewRef, {
  description: `A verified buyer's review of one delivered order (1–5 stars, a title up to ${REVIEW_LIMITS.title} and a body up to ${REVIEW_LIMITS.body.toLocaleString('en')} characters). Edits keep every earlier version.`,
  id: { resolve: (r) => r.id },
  loadMany: (ids, ctx) => reviews.findMany(ctx, ids),
  fields: (t) => ({
    rating: t.int({
      nullable: true,
      description: 'Stars, 1–5. Null with the text where it is withheld (see `body`): a hidden review is not counted in the rating summary, so its stars are not shown either.',
      extensions: viewerSpecific,
      resolve: (r, _args, ctx) => (isWithheld(r, ctx) ? null : r.rating),
    }),
    title: t.string({ nullable: true, description: WITHHELD, extensions: viewerSpecific, resolve: (r, _args, ctx) => (isWithheld(r, ctx) ? null : r.title) }),
    body: t.string({ description: WITHHELD, extensions: viewerSpecific, resolve: (r, _args, ctx) => (isWithheld(r, ctx) ? '' : r.body) }),
    version: t.exposeInt('version', { description: '1 for a review never edited.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    editedAt: t.field({ type: 'DateTime', nullable: true, description: 'When it was last edited ("updated on …"); null if never.', resolve: (r) => (r.version > 1 ? r.updatedAt : null) }),
    versions: t.field({
      type: [ReviewVersionRef],
      description: 'Every version, newest first (the first is the current text); empty where the text is withheld (see `body`).',
      extensions: viewerSpecific,
      resolve: (r, _args, ctx) => (isWithheld(r, ctx) ? [] : reviewVersions(reviewsDeps(ctx), r.id)),
    }),
    helpfulCount: t.exposeInt('helpfulCount', { description: 'How many people found it helpful.' }),
    authorName: t.string({ description: 'The buyer’s display name.', resolve: async (r, _args, ctx) => (await buyers.get(ctx, r.buyerId)).displayName }),
    supplier: t.field({ type: SupplierRef, resolve: (r, _args, ctx) => suppliers.get(ctx, r.supplierId) }),
    product: t.field({
      type: ProductRef,
      nullable: true,
      description: 'The product, when the order had one kind; null for an order of several.',
      resolve: (r, _args, ctx) => (r.productId ? products.find(ctx, r.productId) : null),
    }),
  }),
})

const RatingSummaryRef = builder.objectRef<RatingSummary>('RatingSummary').implement({
  description: 'Published reviews at a glance.',
  fields: (t) => ({
    count: t.exposeInt('count'),
    average: t.exposeFloat('average', { nullable: true, description: 'Mean stars, two decimals; null without reviews.' }),
    distribution: t.exposeIntList('distribution', { description: 'How many reviews gave 1, 2, 3, 4 and 5 stars.' }),
    lastTwelveMonthsAverage: t.exposeFloat('lastTwelveMonthsAverage', { nullable: true, description: 'Mean stars of reviews written in the last 12 months; null without any.' }),
  }),
})

const ReviewSortEnum = builder.enumType('ReviewSort', {
  values: Object.fromEntries(REVIEW_SORTS.map((s) => [s, {}])) as Record<(typeof REVIEW_SORTS)[number], object>,
})

const reviewList = (scope: 'supplier' | 'product') =>
  ({
    description: `Reviews${scope === 'product' ? ' of orders that contained the product' : ''}, most helpful first unless \`sort\` says otherwise; \`stars\` keeps only those ratings. A review moderators hid keeps its place with its \`moderation\` notice and no text; a removed one is listed to its author only.`,
    extensions: viewerSpecific,
  }) as const

// One query for whether a page of reviews' named conversations were resolved.
const resolutions = createContextCache(
  (ctx: Context) =>
    new DataLoader<string, Date | null>(async (ids) => {
      const map = await reviewResolutions(reviewsDeps(ctx), ids)
      return ids.map((id) => map.get(id) ?? null)
    }),
)

builder.objectFields(ReviewRef, (t) => ({
  resolvedBySupplierAt: t.field({
    type: 'DateTime',
    nullable: true,
    description: 'When the buyer confirmed that the conversation named by the review resolved the problem ("the supplier resolved this"); null otherwise.',
    resolve: (r, _args, ctx) => (r.conversationId ? resolutions(ctx).load(r.id) : null),
  }),
  conversationId: t.id({
    nullable: true,
    extensions: viewerSpecific,
    description: 'The conversation the review names (a Conversation id): for its author only.',
    resolve: (r, _args, ctx) => (r.conversationId && ctx.viewer?.buyerId === r.buyerId ? encodeGlobalID('Conversation', r.conversationId) : null),
  }),
  updateSuggested: t.boolean({
    extensions: viewerSpecific,
    description: 'For its author: the supplier resolved the problem after the review was last written — invite them to update it (the earlier version stays visible).',
    resolve: async (r, _args, ctx) => {
      if (!r.conversationId || ctx.viewer?.buyerId !== r.buyerId) return false
      const resolvedAt = await resolutions(ctx).load(r.id)
      return !!resolvedAt && resolvedAt > r.updatedAt
    },
  }),
}))

builder.objectFields(SupplierRef, (t) => ({
  ratingSummary: t.loadable({
    type: RatingSummaryRef,
    load: async (ids: string[], ctx) => {
      const map = await ratingSummaries(reviewsDeps(ctx), { supplierIds: ids })
      return ids.map((id) => map.get(id)!)
    },
    resolve: (s) => s.id,
  }),
  reviews: t.connection({
    type: ReviewRef,
    ...reviewList('supplier'),
    args: { sort: t.arg({ type: ReviewSortEnum }), stars: t.arg.intList() },
    resolve: (s, args, ctx) =>
      idConnection('Review', args, (q) => listReviews(reviewsDeps(ctx), { ...q, viewer: ctx.viewer, supplierId: s.id, sort: args.sort ?? undefined, stars: args.stars ?? undefined })),
  }),
}))

builder.objectFields(ProductRef, (t) => ({
  ratingSummary: t.loadable({
    type: RatingSummaryRef,
    load: async (ids: string[], ctx) => {
      const map = await ratingSummaries(reviewsDeps(ctx), { productIds: ids })
      return ids.map((id) => map.get(id)!)
    },
    resolve: (p) => p.id,
  }),
  reviews: t.connection({
    type: ReviewRef,
    ...reviewList('product'),
    args: { sort: t.arg({ type: ReviewSortEnum }), stars: t.arg.intList() },
    resolve: (p, args, ctx) =>
      idConnection('Review', args, (q) => listReviews(reviewsDeps(ctx), { ...q, viewer: ctx.viewer, productId: p.id, sort: args.sort ?? undefined, stars: args.stars ?? undefined })),
  }),
}))

// The review rules' numbers, read by forms and partners from Query.limits.
builder.objectFields(LimitsRef, (t) => ({
  reviewTitleMaxLength: t.int({ resolve: () => REVIEW_LIMITS.title }),
  reviewBodyMaxLength: t.int({ resolve: () => REVIEW_LIMITS.body }),
  reviewResponseMaxLength: t.int({ description: 'Characters in a supplier’s public response.', resolve: () => REVIEW_LIMITS.response }),
  reviewWindowDays: t.int({ description: 'Days after delivery during which an order can be reviewed.', resolve: () => REVIEW_LIMITS.windowDays }),
}))
