// Public Q&A on products: questions, answers (the supplier's apart from other people's), and the
// mutations that write them. A conversation's question reaches Q&A only through its buyer's
// consent (proposals.ts).
import { ForbiddenError, isStaff, NotFoundError, UnauthenticatedError, ValidationError } from '@rapport/core'
import { answerQuestion, answersOf, askQuestion, getAnswersByIds, getQuestionsByIds, listQuestions, REVIEW_LIMITS, type AnswerDTO, type QuestionDTO } from '@rapport/reviews'
import { createContextCache } from '@pothos/core'
import DataLoader from 'dataloader'
import { builder } from '../../builder.ts'
import type { Context } from '../../context.ts'
import { decodeGlobalId } from '../../schema/ids.ts'
import { rowsById } from '../../schema/loaders.ts'
import { idConnection } from '../../schema/pagination.ts'
import { ProductRef, products } from '../catalog/product.ts'
import { SupplierRef } from '../catalog/supplier.ts'
import { teamMember, TeamMemberRef } from '../identity/types.ts'
import { LimitsRef } from '../messaging/limits.ts'
import { viewerSpecific } from '../../schema/viewer-specific.ts'
import { reviewsDeps } from './deps.ts'

/** Hidden text is shown to its author and to moderators only; others get the moderators' notice. */
const withheld = (item: { status: string }, authorUserId: string, ctx: Context) => item.status !== 'PUBLISHED' && ctx.viewer?.userId !== authorUserId && !isStaff(ctx.viewer)
const WITHHELD = 'Empty when moderators hid it, except for its author and moderators: show `moderation` instead.'

export const questions = rowsById('question', (ctx, ids) => getQuestionsByIds(reviewsDeps(ctx), ids))
export const answers = rowsById('answer', (ctx, ids) => getAnswersByIds(reviewsDeps(ctx), ids))

// One query for the answers of a page of questions.
const answersByQuestion = createContextCache(
  (ctx: Context) =>
    new DataLoader<string, AnswerDTO[]>(async (ids) => {
      const map = await answersOf(reviewsDeps(ctx), ids)
      return ids.map((id) => map.get(id) ?? [])
    }),
)

export const ProductAnswerRef = builder.objectRef<AnswerDTO>('ProductAnswer')
builder.node(ProductAnswerRef, {
  description: `An answer to a public product question (up to ${REVIEW_LIMITS.answer.toLocaleString('en')} characters): the supplier's own when \`fromSupplier\`, otherwise another person's.`,
  id: { resolve: (a) => a.id },
  loadMany: (ids, ctx) => answers.findMany(ctx, ids),
  fields: (t) => ({
    body: t.string({ description: WITHHELD, extensions: viewerSpecific, resolve: (a, _args, ctx) => (withheld(a, a.authorUserId, ctx) ? '' : a.body) }),
    authorName: t.exposeString('authorName'),
    fromSupplier: t.exposeBoolean('official', { description: 'Written by the supplier’s team, for the supplier.' }),
    responder: t.field({
      type: TeamMemberRef,
      nullable: true,
      description: 'For the supplier’s answer: who on the team wrote it, with their role.',
      resolve: (a, _args, ctx) => (a.memberId ? teamMember(ctx, a.memberId) : null),
    }),
    helpfulCount: t.exposeInt('helpfulCount'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
})

export const ProductQuestionRef = builder.objectRef<QuestionDTO>('ProductQuestion')
builder.node(ProductQuestionRef, {
  description: `A public question about a product (up to ${REVIEW_LIMITS.question.toLocaleString('en')} characters).`,
  id: { resolve: (q) => q.id },
  loadMany: (ids, ctx) => questions.findMany(ctx, ids),
  fields: (t) => ({
    body: t.string({ description: WITHHELD, extensions: viewerSpecific, resolve: (q, _args, ctx) => (withheld(q, q.askerUserId, ctx) ? '' : q.body) }),
    askerName: t.exposeString('askerName', { nullable: true, description: 'Null when the asker chose not to be named.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    product: t.field({ type: ProductRef, resolve: (q, _args, ctx) => products.get(ctx, q.productId) }),
    answers: t.field({
      type: [ProductAnswerRef],
      description: 'The supplier’s answers first, then the others, most helpful first.',
      resolve: (q, _args, ctx) => answersByQuestion(ctx).load(q.id),
    }),
  }),
})

builder.objectFields(ProductRef, (t) => ({
  questions: t.connection({
    type: ProductQuestionRef,
    description: 'Public questions about the product, newest first.',
    resolve: (p, args, ctx) => idConnection('ProductQuestion', args, (q) => listQuestions(reviewsDeps(ctx), { ...q, productId: p.id })),
  }),
}))

builder.objectFields(SupplierRef, (t) => ({
  questions: t.connection({
    type: ProductQuestionRef,
    description: 'Public questions about any of the supplier’s products, newest first; `unanswered` keeps those without a supplier answer.',
    args: { unanswered: t.arg.boolean() },
    resolve: (s, args, ctx) =>
      idConnection('ProductQuestion', args, (q) => listQuestions(reviewsDeps(ctx), { ...q, supplierId: s.id, unanswered: args.unanswered ?? false })),
  }),
}))

builder.objectFields(LimitsRef, (t) => ({
  questionMaxLength: t.int({ description: 'Characters in a public product question.', resolve: () => REVIEW_LIMITS.question }),
  answerMaxLength: t.int({ description: 'Characters in an answer to one.', resolve: () => REVIEW_LIMITS.answer }),
}))

const AskQuestionInput = builder.inputType('AskQuestionInput', {
  fields: (t) => ({ productId: t.id({ required: true }), body: t.string({ required: true }) }),
})
const AnswerQuestionInput = builder.inputType('AnswerQuestionInput', {
  fields: (t) => ({ questionId: t.id({ required: true }), body: t.string({ required: true }) }),
})

builder.mutationFields((t) => ({
  askQuestion: t.field({
    type: ProductQuestionRef,
    description: 'Asks a public question about a product; the supplier’s team and other buyers can answer it.',
    authScopes: { signedIn: true },
    errors: { types: [UnauthenticatedError, NotFoundError, ValidationError], directResult: true },
    args: { input: t.arg({ type: AskQuestionInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      askQuestion(reviewsDeps(ctx), ctx.viewer, { productId: decodeGlobalId(input.productId, 'Product', 'productId'), body: input.body }),
  }),
  answerQuestion: t.field({
    type: ProductAnswerRef,
    description: 'Answers a public question. Answers by the product’s supplier team are the supplier’s answer; anyone else’s are shown apart.',
    authScopes: { signedIn: true },
    errors: { types: [UnauthenticatedError, NotFoundError, ValidationError, ForbiddenError], directResult: true },
    args: { input: t.arg({ type: AnswerQuestionInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      answerQuestion(reviewsDeps(ctx), ctx.viewer, { questionId: decodeGlobalId(input.questionId, 'ProductQuestion', 'questionId'), body: input.body }),
  }),
}))
