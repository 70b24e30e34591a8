// ★ Publishing a private conversation's question as public Q&A: the team proposes, the buyer
// consents (named or not) or declines; both see the proposals in the conversation.
import { encodeGlobalID } from '@pothos/plugin-relay'
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '@rapport/core'
import { consentToPublicQuestion, proposalsOf, proposePublicQuestion, type ProposalDTO } from '@rapport/reviews'
import { createContextCache } from '@pothos/core'
import DataLoader from 'dataloader'
import { builder } from '../../builder.ts'
import type { Context } from '../../context.ts'
import { decodeGlobalId } from '../../schema/ids.ts'
import { ProductRef, products } from '../catalog/product.ts'
import { teamMember, TeamMemberRef } from '../identity/types.ts'
import { ConversationRef } from '../messaging/types.ts'
import { reviewsDeps } from './deps.ts'
import { ProductQuestionRef, questions } from './questions.ts'

const byConversation = createContextCache(
  (ctx: Context) =>
    new DataLoader<string, ProposalDTO[]>(async (ids) => {
      const map = await proposalsOf(reviewsDeps(ctx), ids)
      return ids.map((id) => map.get(id) ?? [])
    }),
)

const ProposalStatusEnum = builder.enumType('PublicQuestionProposalStatus', {
  values: {
    PENDING: { description: 'Waiting for the buyer.' },
    ACCEPTED: { description: 'The buyer consented; the question is public.' },
    DECLINED: { description: 'The buyer declined; nothing was published.' },
  } as const,
})

const ProposalRef = builder.objectRef<ProposalDTO>('PublicQuestionProposal').implement({
  description: 'The supplier’s offer to publish a question from this conversation, with its answer, as public Q&A. Public only once the buyer consents.',
  fields: (t) => ({
    id: t.id({ resolve: (p) => encodeGlobalID('PublicQuestionProposal', p.id) }),
    question: t.exposeString('question', { description: 'The question as it would be published.' }),
    answer: t.exposeString('answer', { description: 'The supplier’s answer as it would be published.' }),
    status: t.field({ type: ProposalStatusEnum, resolve: (p) => p.status }),
    product: t.field({ type: ProductRef, nullable: true, resolve: (p, _args, ctx) => products.find(ctx, p.productId) }),
    proposedBy: t.field({ type: TeamMemberRef, nullable: true, resolve: (p, _args, ctx) => teamMember(ctx, p.proposedByMemberId) }),
    publishedQuestion: t.field({ type: ProductQuestionRef, nullable: true, resolve: (p, _args, ctx) => (p.questionId ? questions.find(ctx, p.questionId) : null) }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true }),
  }),
})

builder.objectFields(ConversationRef, (t) => ({
  publicQuestionProposals: t.field({
    type: [ProposalRef],
    description: 'Proposals to publish a question from this conversation as public Q&A, newest first.',
    resolve: (c, _args, ctx) => byConversation(ctx).load(c.id),
  }),
}))

const ProposePublicQuestionInput = builder.inputType('ProposePublicQuestionInput', {
  fields: (t) => ({
    conversationId: t.id({ required: true }),
    productId: t.id({ description: 'The product the question is about; defaults to the conversation’s product.' }),
    question: t.string({ required: true, description: 'The question as it should be published (edit out anything private).' }),
    answer: t.string({ required: true }),
  }),
})
const ConsentToPublicQuestionInput = builder.inputType('ConsentToPublicQuestionInput', {
  fields: (t) => ({
    proposalId: t.id({ required: true }),
    consent: t.boolean({ required: true, description: 'True publishes; false declines.' }),
    showName: t.boolean({ description: 'Show your name with the question. Default false.' }),
  }),
})

builder.mutationFields((t) => ({
  proposePublicQuestion: t.field({
    type: ProposalRef,
    description: 'From a conversation of your supplier: offers to publish a question and its answer as public Q&A. The buyer decides.',
    authScopes: { signedIn: true },
    errors: { types: [UnauthenticatedError, NotFoundError, ForbiddenError, ValidationError], directResult: true },
    args: { input: t.arg({ type: ProposePublicQuestionInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      proposePublicQuestion(reviewsDeps(ctx), ctx.viewer, {
        conversationId: decodeGlobalId(input.conversationId, 'Conversation', 'conversationId'),
        productId: input.productId == null ? null : decodeGlobalId(input.productId, 'Product', 'productId'),
        question: input.question,
        answer: input.answer,
      }),
  }),
  consentToPublicQuestion: t.field({
    type: ProposalRef,
    description: 'The conversation’s buyer publishes the proposed question (named or not) or declines it. Decided once.',
    authScopes: { signedIn: true },
    errors: { types: [UnauthenticatedError, NotFoundError, ForbiddenError, ConflictError, ValidationError], directResult: true },
    args: { input: t.arg({ type: ConsentToPublicQuestionInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      consentToPublicQuestion(reviewsDeps(ctx), ctx.viewer, {
        proposalId: decodeGlobalId(input.proposalId, 'PublicQuestionProposal', 'proposalId'),
        consent: input.consent,
        showName: input.showName ?? false,
      }),
  }),
}))
