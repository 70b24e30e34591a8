// The supplier team's view of reports on its content (Supplier.flaggedContent): what was
// reported and what moderators decided, never who reported it. The rules of what the team may
// learn are in @rapport/reviews (moderation/supplier-reports.ts).
import { encodeGlobalID } from '@pothos/plugin-relay'
import { openSupplierReportCount, supplierReports, type ReportedItemDTO } from '@rapport/reviews'
import { builder } from '../../builder.ts'
import { idConnection } from '../../schema/pagination.ts'
import { ProductRef, products } from '../catalog/product.ts'
import { SupplierRef } from '../catalog/supplier.ts'
import { ReportReasonEnum } from '../messaging/mutations.ts'
import { reviewsDeps } from '../reviews/deps.ts'
import { ContentStatusEnum, contentGlobalId, FlaggedContentKindEnum, ModerationActionEnum } from './types.ts'

const ReportedItemStateEnum = builder.enumType('ReportedItemState', {
  description: 'Where a reported thing stands for its supplier.',
  values: {
    OPEN: { description: 'Waiting for moderators.' },
    KEPT: { description: 'Moderators kept it as it is.' },
    HIDDEN: { description: 'Moderators hid it: its place shows “Removed by moderators: <reason>”.' },
    REMOVED: { description: 'Moderators took it off public pages.' },
    RESTORED: { description: 'Moderators published it again after hiding or removing it.' },
  } as const,
})

const ReportedItemDecisionRef = builder.objectRef<NonNullable<ReportedItemDTO['decision']>>('ReportedItemDecision').implement({
  description: 'The moderators’ latest decision about a reported thing, as its supplier sees it (not who decided).',
  fields: (t) => ({
    action: t.field({ type: ModerationActionEnum, resolve: (d) => d.action }),
    decidedAt: t.expose('decidedAt', { type: 'DateTime' }),
    publicReason: t.exposeString('reason', {
      nullable: true,
      description: 'For HIDE and REMOVE, the reason shown in its place; null for KEEP and RESTORE (those reasons are not published).',
    }),
  }),
})

const ReportedItemRef = builder.objectRef<ReportedItemDTO>('ReportedItem').implement({
  description:
    'A review about the supplier, one of its responses, a question about its products or an answer there, which someone reported — one item per thing, however many reports. ' +
    'Its team sees the kinds of reason and the outcome; never who reported it, how many did, their words, or the moderators’ names.',
  fields: (t) => ({
    kind: t.field({ type: FlaggedContentKindEnum, description: 'REVIEW, REVIEW_RESPONSE, PRODUCT_QUESTION or PRODUCT_ANSWER.', resolve: (i) => i.kind }),
    contentId: t.id({ description: 'The Review, ReviewResponse, ProductQuestion or ProductAnswer.', resolve: (i) => contentGlobalId(i.kind, i.id) }),
    state: t.field({ type: ReportedItemStateEnum, resolve: (i) => i.state }),
    contentStatus: t.field({ type: ContentStatusEnum, resolve: (i) => i.status }),
    reasons: t.field({ type: [ReportReasonEnum], description: 'The kinds of reason given, each once.', resolve: (i) => i.reasons }),
    reportedOn: t.string({ description: 'The day (UTC, YYYY-MM-DD) of the latest report about it; never the time.', resolve: (i) => i.reportedOn }),
    decision: t.field({ type: ReportedItemDecisionRef, nullable: true, description: 'Null until moderators decide.', resolve: (i) => i.decision }),
    fromTeam: t.boolean({ description: 'Written by the team: a response or the supplier’s answer.', resolve: (i) => i.fromTeam }),
    text: t.string({ nullable: true, description: 'Its text; null for a buyer’s text that moderators hid or removed.', resolve: (i) => i.text }),
    title: t.string({ nullable: true, description: 'A review’s title, when shown.', resolve: (i) => i.title }),
    rating: t.int({ nullable: true, description: 'A review’s stars (for a response, the answered review’s); null while moderators hide or remove that review.', resolve: (i) => i.rating }),
    authorName: t.string({ nullable: true, description: 'The review’s buyer, the question’s asker (null when anonymous) or the answer’s author; null for a response.', resolve: (i) => i.authorName }),
    reviewId: t.id({ nullable: true, description: 'The review (a response’s: the review it answers).', resolve: (i) => (i.reviewId ? encodeGlobalID('Review', i.reviewId) : null) }),
    questionId: t.id({ nullable: true, description: 'The question (an answer’s: the question it answers).', resolve: (i) => (i.questionId ? encodeGlobalID('ProductQuestion', i.questionId) : null) }),
    questionText: t.string({ nullable: true, description: 'The question’s text, unless moderators hid or removed it.', resolve: (i) => i.questionText }),
    product: t.field({ type: ProductRef, nullable: true, resolve: (i, _args, ctx) => (i.productId ? products.find(ctx, i.productId) : null) }),
  }),
})

type FlaggedConnection = Awaited<ReturnType<typeof idConnection<ReportedItemDTO>>> & { supplierId: string }

builder.objectFields(SupplierRef, (t) => ({
  flaggedContent: t.connection(
    {
      type: ReportedItemRef,
      description: 'Reported reviews about the supplier, its responses, and questions and answers about its products, the latest reported first. Members of this supplier only.',
      authScopes: (s) => ({ memberOf: s.id }),
      args: { open: t.arg.boolean({ description: 'Only those waiting for moderators.' }) },
      resolve: async (s, args, ctx): Promise<FlaggedConnection> => ({
        ...(await idConnection('ReportedItem', args, (q) => supplierReports(reviewsDeps(ctx), ctx.viewer, { ...q, supplierId: s.id, open: args.open ?? false }))),
        supplierId: s.id,
      }),
    },
    {
      fields: (c) => ({
        openCount: c.int({
          description: 'How many reported things wait for moderators (whatever the page).',
          resolve: (conn, _args, ctx) => openSupplierReportCount(reviewsDeps(ctx), ctx.viewer, (conn as unknown as FlaggedConnection).supplierId),
        }),
      }),
    },
  ),
}))
