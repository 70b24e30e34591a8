// Moderation as the API shows it: reports (Flag), what they are about (FlaggedContent), the
// decisions, and the notice that stands in place of hidden content.
import { encodeGlobalID } from '@pothos/plugin-relay'
import { isStaff } from '@rapport/core'
import {
  decisionsAbout,
  type DECISION_ACTIONS,
  flaggedAnswers,
  flaggedQuestions,
  getDecisionsByIds,
  getFlagsByIds,
  getReviewsByIds,
  MODERATION_LIMITS,
  moderationNotices,
  publishedReason,
  QUEUE_KINDS,
  readReportedConversation,
  reportCounts,
  reportedConversations,
  responsesByIds,
  type FlagDTO,
  type FlaggedAnswerDTO,
  type FlaggedQuestionDTO,
  type FlaggableType,
  type ModerationDecisionDTO,
  type ModerationNotice,
  type QueueKind,
  type ReportedConversationDTO,
  type ReportedMessageDTO,
  type ReviewDTO,
  type ReviewResponseDTO,
} from '@rapport/reviews'
import { createContextCache } from '@pothos/core'
import DataLoader from 'dataloader'
import { builder } from '../../builder.ts'
import type { Context } from '../../context.ts'
import { rowsById } from '../../schema/loaders.ts'
import { viewerSpecific } from '../../schema/viewer-specific.ts'
import { ProductRef, products } from '../catalog/product.ts'
import { SupplierRef, suppliers } from '../catalog/supplier.ts'
import { teamMember } from '../identity/types.ts'
import { LimitsRef } from '../messaging/limits.ts'
import { ReportReasonEnum } from '../messaging/mutations.ts'
import { reviewsDeps } from '../reviews/deps.ts'
import { ProductAnswerRef, ProductQuestionRef } from '../reviews/questions.ts'
import { ReviewResponseRef } from '../reviews/responses.ts'
import { ReviewEventRef } from '../reviews/subscriptions.ts'
import { ReviewRef } from '../reviews/types.ts'

export const FlaggedContentKindEnum = builder.enumType('FlaggedContentKind', {
  description: 'What a report is about.',
  values: Object.fromEntries(QUEUE_KINDS.map((k) => [k, {}])) as Record<QueueKind, object>,
})
export const FlagStatusEnum = builder.enumType('FlagStatus', {
  values: {
    OPEN: { description: 'Waiting for a moderator.' },
    ACTIONED: { description: 'The content was hidden or removed.' },
    DISMISSED: { description: 'The content was kept (or restored).' },
  } as const,
})
export const ModerationActionEnum = builder.enumType('ModerationAction', {
  values: {
    KEEP: { description: 'Leave the content as it is; the reports are dismissed.' },
    HIDE: { description: 'Keep its place with “Removed by moderators: <reason>” instead of the text.' },
    REMOVE: { description: 'Take it off public pages (its author still sees it, with the reason).' },
    RESTORE: { description: 'Publish hidden or removed content again.' },
  } as Record<(typeof DECISION_ACTIONS)[number], { description: string }>,
})
export const ContentStatusEnum = builder.enumType('ContentStatus', { values: { PUBLISHED: {}, HIDDEN: {}, REMOVED: {} } as const })

/** The global id of the thing a report or decision is about. */
const TYPENAME: Record<QueueKind, string> = { REVIEW: 'Review', REVIEW_RESPONSE: 'ReviewResponse', PRODUCT_QUESTION: 'ProductQuestion', PRODUCT_ANSWER: 'ProductAnswer', CONVERSATION: 'Conversation' }
export const contentGlobalId = (kind: QueueKind, id: string) => encodeGlobalID(TYPENAME[kind], id)
export const KIND_BY_TYPENAME: Record<string, FlaggableType> = { Review: 'REVIEW', ReviewResponse: 'REVIEW_RESPONSE', ProductQuestion: 'PRODUCT_QUESTION', ProductAnswer: 'PRODUCT_ANSWER' }

export const ModerationNoticeRef = builder.objectRef<ModerationNotice>('ModerationNotice').implement({
  description: 'Why moderators hid or removed something: shown in its place (“Removed by moderators: <reason>”) and to its author.',
  fields: (t) => ({
    action: t.field({ type: ModerationActionEnum, resolve: (n) => n.action }),
    reason: t.exposeString('reason'),
    decidedAt: t.expose('decidedAt', { type: 'DateTime' }),
  }),
})

// One query per kind for the notices a page needs.
const notices = createContextCache(
  (ctx: Context) =>
    new DataLoader<string, ModerationNotice | null>(async (keys) => {
      const byKind = new Map<FlaggableType, string[]>()
      for (const k of keys) {
        const [kind, id] = k.split(':') as [FlaggableType, string]
        byKind.set(kind, [...(byKind.get(kind) ?? []), id])
      }
      const found = new Map<string, ModerationNotice>()
      for (const [kind, ids] of byKind) for (const [id, n] of await moderationNotices(reviewsDeps(ctx), kind, ids)) found.set(`${kind}:${id}`, n)
      return keys.map((k) => found.get(k) ?? null)
    }),
)
const noticeField = 'Why moderators hid or removed it; null while it is published.'
builder.objectFields(ReviewRef, (t) => ({
  moderation: t.field({ type: ModerationNoticeRef, nullable: true, description: noticeField, resolve: (r, _args, ctx) => (r.status === 'PUBLISHED' ? null : notices(ctx).load(`REVIEW:${r.id}`)) }),
}))
builder.objectFields(ReviewResponseRef, (t) => ({
  moderation: t.field({ type: ModerationNoticeRef, nullable: true, description: noticeField, resolve: (r, _args, ctx) => (r.status === 'PUBLISHED' ? null : notices(ctx).load(`REVIEW_RESPONSE:${r.id}`)) }),
}))
builder.objectFields(ProductQuestionRef, (t) => ({
  moderation: t.field({ type: ModerationNoticeRef, nullable: true, description: noticeField, resolve: (q, _args, ctx) => (q.status === 'PUBLISHED' ? null : notices(ctx).load(`PRODUCT_QUESTION:${q.id}`)) }),
}))
builder.objectFields(ProductAnswerRef, (t) => ({
  moderation: t.field({ type: ModerationNoticeRef, nullable: true, description: noticeField, resolve: (a, _args, ctx) => (a.status === 'PUBLISHED' ? null : notices(ctx).load(`PRODUCT_ANSWER:${a.id}`)) }),
}))

const flags = rowsById('flag', (ctx, ids) => getFlagsByIds(reviewsDeps(ctx), ctx.viewer, ids))
const decisions = rowsById('moderationDecision', (ctx, ids) => getDecisionsByIds(reviewsDeps(ctx), ids))
const targetKey = (f: { targetType: string; targetId: string }) => `${f.targetType}:${f.targetId}`
const decisionLog = createContextCache(
  (ctx: Context) =>
    new DataLoader<string, ModerationDecisionDTO[]>(async (keys) => {
      const map = await decisionsAbout(reviewsDeps(ctx), keys.map(parseKey))
      return keys.map((k) => map.get(k) ?? [])
    }),
)
const counts = createContextCache(
  (ctx: Context) =>
    new DataLoader<string, number>(async (keys) => {
      const map = await reportCounts(reviewsDeps(ctx), keys.map(parseKey))
      return keys.map((k) => map.get(k) ?? 0)
    }),
)
function parseKey(k: string) {
  const [type, id] = k.split(':') as [QueueKind, string]
  return { type, id }
}

export const ModerationDecisionRef = builder.objectRef<ModerationDecisionDTO>('ModerationDecision').implement({
  description: 'A moderator’s decision about reported content. Every decision is kept; the reason is shown to the author.',
  fields: (t) => ({
    action: t.field({ type: ModerationActionEnum, resolve: (d) => d.action }),
    reason: t.string({
      nullable: true,
      description:
        'Why. Moderators and admins always see it; everyone else (a supplier’s team on its live feed) only for HIDE and REMOVE, where it is the public notice — null for KEEP and RESTORE.',
      extensions: viewerSpecific,
      resolve: (d, _args, ctx) => (isStaff(ctx.viewer) ? d.reason : publishedReason(d.action, d.reason)),
    }),
    decidedAt: t.expose('createdAt', { type: 'DateTime' }),
    kind: t.field({ type: FlaggedContentKindEnum, resolve: (d) => d.targetType }),
    contentId: t.id({ description: 'The Review, ReviewResponse, ProductQuestion, ProductAnswer or Conversation it was about.', resolve: (d) => contentGlobalId(d.targetType, d.targetId) }),
    moderatorName: t.string({
      nullable: true,
      description: 'Who decided; moderators and admins only (null for everyone else).',
      extensions: viewerSpecific,
      resolve: async (d, _args, ctx) => (isStaff(ctx.viewer) ? ((await ctx.db.user.findUnique({ where: { id: d.moderatorId }, select: { displayName: true } }))?.displayName ?? null) : null),
    }),
    flag: t.field({ type: FlagRef, nullable: true, description: 'The report it decided; moderators only.', resolve: (d, _args, ctx) => (d.flagId ? flags.find(ctx, d.flagId) : null) }),
  }),
})

builder.objectFields(ReviewEventRef, (t) => ({
  decision: t.field({
    type: ModerationDecisionRef,
    nullable: true,
    description: 'For FLAG_DECIDED: what moderators decided, about which review, response, question or answer.',
    resolve: (e, _args, ctx) => (e.decision ? decisions.find(ctx, e.decision.decisionId) : null),
  }),
}))

// ── what a report is about, as moderators see it (every status, full text)

type Flagged =
  | { kind: 'REVIEW'; flagId: string; review: ReviewDTO }
  | { kind: 'REVIEW_RESPONSE'; flagId: string; response: ReviewResponseDTO }
  | { kind: 'PRODUCT_QUESTION'; flagId: string; question: FlaggedQuestionDTO }
  | { kind: 'PRODUCT_ANSWER'; flagId: string; answer: FlaggedAnswerDTO }
  | { kind: 'CONVERSATION'; flagId: string; conversation: ReportedConversationDTO }
type Row = ReviewDTO | ReviewResponseDTO | FlaggedQuestionDTO | FlaggedAnswerDTO | ReportedConversationDTO

const contents = createContextCache(
  (ctx: Context) =>
    new DataLoader<string, Row | null>(async (keys) => {
      const ids = (kind: QueueKind) => keys.filter((k) => k.startsWith(`${kind}:`)).map((k) => k.slice(kind.length + 1))
      const deps = reviewsDeps(ctx)
      const rows: [QueueKind, Row[]][] = [
        ['REVIEW', await getReviewsByIds(deps, ids('REVIEW'), ctx.viewer)],
        ['REVIEW_RESPONSE', await responsesByIds(deps, ids('REVIEW_RESPONSE'))],
        ['PRODUCT_QUESTION', await flaggedQuestions(deps, ids('PRODUCT_QUESTION'))],
        ['PRODUCT_ANSWER', await flaggedAnswers(deps, ids('PRODUCT_ANSWER'))],
        ['CONVERSATION', await reportedConversations(deps, ids('CONVERSATION'))],
      ]
      const found = new Map<string, Row>(rows.flatMap(([kind, list]) => list.map((r): [string, Row] => [`${kind}:${r.id}`, r])))
      return keys.map((k) => found.get(k) ?? null)
    }),
)

async function flaggedContent(ctx: Context, f: FlagDTO): Promise<Flagged | null> {
  const row = await contents(ctx).load(targetKey(f))
  if (!row) return null
  const kind = f.targetType as QueueKind
  const base = { flagId: f.id }
  if (kind === 'REVIEW') return { kind, ...base, review: row as ReviewDTO }
  if (kind === 'REVIEW_RESPONSE') return { kind, ...base, response: row as ReviewResponseDTO }
  if (kind === 'PRODUCT_QUESTION') return { kind, ...base, question: row as FlaggedQuestionDTO }
  if (kind === 'PRODUCT_ANSWER') return { kind, ...base, answer: row as FlaggedAnswerDTO }
  return { kind: 'CONVERSATION', ...base, conversation: row as ReportedConversationDTO }
}

const FlaggedContentRef = builder.interfaceRef<Flagged>('FlaggedContent').implement({
  description: 'What a report is about, as moderators see it: whatever its status, with its full text.',
  fields: (t) => ({
    kind: t.field({ type: FlaggedContentKindEnum, resolve: (c) => c.kind }),
    status: t.field({
      type: ContentStatusEnum,
      nullable: true,
      description: 'Null for a conversation (private, never hidden).',
      resolve: (c) => (c.kind === 'REVIEW' ? c.review.status : c.kind === 'REVIEW_RESPONSE' ? c.response.status : c.kind === 'PRODUCT_QUESTION' ? c.question.status : c.kind === 'PRODUCT_ANSWER' ? c.answer.status : null),
    }),
    supplier: t.field({
      type: SupplierRef,
      nullable: true,
      description: 'The supplier it concerns.',
      resolve: async (c, _args, ctx) => {
        if (c.kind === 'REVIEW') return suppliers.get(ctx, c.review.supplierId)
        if (c.kind === 'REVIEW_RESPONSE') return suppliers.get(ctx, c.response.supplierId)
        if (c.kind === 'CONVERSATION') return suppliers.get(ctx, c.conversation.supplierId)
        const product = await products.find(ctx, c.kind === 'PRODUCT_QUESTION' ? c.question.productId : c.answer.productId)
        return product ? suppliers.find(ctx, product.supplierId) : null
      },
    }),
  }),
})

builder.objectRef<Extract<Flagged, { kind: 'REVIEW' }>>('FlaggedReview').implement({
  interfaces: [FlaggedContentRef],
  isTypeOf: (c) => (c as Flagged).kind === 'REVIEW',
  fields: (t) => ({
    review: t.field({ type: ReviewRef, resolve: (c) => c.review }),
    orderPlacedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the reviewed order was placed.',
      resolve: async (c, _args, ctx) => (await ctx.db.order.findUnique({ where: { id: c.review.orderId }, select: { placedAt: true } }))?.placedAt ?? null,
    }),
  }),
})
builder.objectRef<Extract<Flagged, { kind: 'REVIEW_RESPONSE' }>>('FlaggedReviewResponse').implement({
  interfaces: [FlaggedContentRef],
  isTypeOf: (c) => (c as Flagged).kind === 'REVIEW_RESPONSE',
  fields: (t) => ({
    response: t.field({ type: ReviewResponseRef, resolve: (c) => c.response }),
    review: t.field({
      type: ReviewRef,
      nullable: true,
      description: 'The review it answers.',
      resolve: async (c, _args, ctx) => (await contents(ctx).load(`REVIEW:${c.response.reviewId}`)) as ReviewDTO | null,
    }),
    responderName: t.string({ nullable: true, resolve: async (c, _args, ctx) => (await teamMember(ctx, c.response.authorMemberId))?.displayName ?? null }),
  }),
})
builder.objectRef<Extract<Flagged, { kind: 'PRODUCT_QUESTION' }>>('FlaggedProductQuestion').implement({
  interfaces: [FlaggedContentRef],
  isTypeOf: (c) => (c as Flagged).kind === 'PRODUCT_QUESTION',
  fields: (t) => ({
    questionId: t.id({ resolve: (c) => encodeGlobalID('ProductQuestion', c.question.id) }),
    body: t.string({ resolve: (c) => c.question.body }),
    authorName: t.string({ resolve: (c) => c.question.authorName }),
    createdAt: t.field({ type: 'DateTime', resolve: (c) => c.question.createdAt }),
    product: t.field({ type: ProductRef, nullable: true, resolve: (c, _args, ctx) => products.find(ctx, c.question.productId) }),
  }),
})
builder.objectRef<Extract<Flagged, { kind: 'PRODUCT_ANSWER' }>>('FlaggedProductAnswer').implement({
  interfaces: [FlaggedContentRef],
  isTypeOf: (c) => (c as Flagged).kind === 'PRODUCT_ANSWER',
  fields: (t) => ({
    answerId: t.id({ resolve: (c) => encodeGlobalID('ProductAnswer', c.answer.id) }),
    body: t.string({ resolve: (c) => c.answer.body }),
    authorName: t.string({ resolve: (c) => c.answer.authorName }),
    official: t.boolean({ description: 'The supplier’s official answer.', resolve: (c) => c.answer.official }),
    createdAt: t.field({ type: 'DateTime', resolve: (c) => c.answer.createdAt }),
    question: t.string({ description: 'The question it answers.', resolve: (c) => c.answer.questionBody }),
    product: t.field({ type: ProductRef, nullable: true, resolve: (c, _args, ctx) => products.find(ctx, c.answer.productId) }),
  }),
})

export const ReportedMessageRef = builder.objectRef<ReportedMessageDTO>('ReportedMessage').implement({
  description: 'A message of a reported conversation, as a moderator reads it.',
  fields: (t) => ({
    sequence: t.exposeInt('sequence'),
    authorSide: t.exposeString('authorSide', { description: 'BUYER, SUPPLIER or SYSTEM.' }),
    authorName: t.exposeString('authorName', { nullable: true }),
    body: t.exposeString('body', { description: 'What the participants saw.' }),
    originalBody: t.exposeString('originalBody', { nullable: true, description: 'The text before contact details were masked; null when nothing was.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    deletedAt: t.expose('deletedAt', { type: 'DateTime', nullable: true, description: 'Set when its author deleted it (kept for moderation).' }),
  }),
})

builder.objectRef<Extract<Flagged, { kind: 'CONVERSATION' }>>('FlaggedConversation').implement({
  interfaces: [FlaggedContentRef],
  isTypeOf: (c) => (c as Flagged).kind === 'CONVERSATION',
  fields: (t) => ({
    conversationId: t.id({ resolve: (c) => encodeGlobalID('Conversation', c.conversation.id) }),
    subject: t.string({ nullable: true, resolve: (c) => c.conversation.subject }),
    buyerName: t.string({ resolve: (c) => c.conversation.buyerName }),
    messageCount: t.int({ resolve: (c) => c.conversation.messageCount }),
    lastMessages: t.field({
      type: [ReportedMessageRef],
      description: 'The last messages, oldest first. Reading them is recorded in the access log (“report #<flag id>”), which the conversation’s parties can be shown.',
      args: { count: t.arg.int({ description: '1 to 100; default 20.' }) },
      resolve: (c, args, ctx) => readReportedConversation(reviewsDeps(ctx), ctx.viewer, { flagId: c.flagId, count: args.count ?? 20, ip: ctx.ip }),
    }),
  }),
})

export const FlagRef = builder.objectRef<FlagDTO>('Flag')
builder.node(FlagRef, {
  description: 'A report about a review, response, question, answer or conversation. Moderators see everything; the reporter gets theirs back from flagContent.',
  id: { resolve: (f) => f.id },
  loadMany: (ids, ctx) => flags.findMany(ctx, ids),
  fields: (t) => ({
    kind: t.field({ type: FlaggedContentKindEnum, resolve: (f) => f.targetType as QueueKind }),
    contentId: t.id({ resolve: (f) => contentGlobalId(f.targetType as QueueKind, f.targetId) }),
    reason: t.field({ type: ReportReasonEnum, resolve: (f) => f.reason }),
    details: t.exposeString('details', { nullable: true }),
    status: t.field({ type: FlagStatusEnum, resolve: (f) => f.status }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    resolvedAt: t.expose('resolvedAt', { type: 'DateTime', nullable: true }),
    reporterName: t.string({
      authScopes: { staff: true },
      resolve: async (f, _args, ctx) => (await ctx.db.user.findUnique({ where: { id: f.reporterId }, select: { displayName: true } }))?.displayName ?? '',
    }),
    reportCount: t.int({ authScopes: { staff: true }, description: 'Reports about the same thing, this one included, whatever their status.', resolve: (f, _args, ctx) => counts(ctx).load(targetKey(f)) }),
    content: t.field({
      type: FlaggedContentRef,
      nullable: true,
      authScopes: { staff: true },
      description: 'The reported thing with its context; null once its author deleted it.',
      resolve: (f, _args, ctx) => flaggedContent(ctx, f),
    }),
    decisions: t.field({
      type: [ModerationDecisionRef],
      authScopes: { staff: true },
      description: 'Every decision about the same thing so far, oldest first.',
      resolve: (f, _args, ctx) => decisionLog(ctx).load(targetKey(f)),
    }),
  }),
})

builder.objectFields(LimitsRef, (t) => ({
  flagDetailsMaxLength: t.int({ description: 'Characters a reporter may add to a report’s reason (flagContent).', resolve: () => MODERATION_LIMITS.flagDetails }),
  moderationReasonMaxLength: t.int({ description: 'Characters in a moderator’s reason (decideFlag).', resolve: () => MODERATION_LIMITS.decisionReason }),
}))

