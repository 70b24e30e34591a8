// ★ A private conversation's question, made public only with its buyer's consent. The supplier's
// team proposes the question and its answer (edited as they see fit, e.g. without the buyer's
// order details); the buyer reads exactly that text and publishes it, named or not, or declines.
// Until then nothing of the conversation is public.
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError, membershipOf, type Viewer } from '@rapport/core'
import type { PublicQuestionProposal } from '@rapport/db'
import type { ReviewsDeps } from './deps.ts'
import { isUuid } from './input.ts'
import { answerBody, parseText, questionBody } from './questions.ts'
import { recordReviewEvent } from './review-events.ts'

export type ProposalDTO = {
  id: string
  conversationId: string
  supplierId: string
  productId: string
  proposedByMemberId: string
  question: string
  answer: string
  status: PublicQuestionProposal['status']
  /** The published question, once the buyer consented. */
  questionId: string | null
  createdAt: Date
  decidedAt: Date | null
}

export type ProposePublicQuestionInput = { conversationId: string; productId?: string | null; question: string; answer: string }
export type ConsentToPublicQuestionInput = { proposalId: string; consent: boolean; showName: boolean }

const toDTO = (p: PublicQuestionProposal): ProposalDTO => ({
  id: p.id,
  conversationId: p.conversationId,
  supplierId: p.supplierId,
  productId: p.productId,
  proposedByMemberId: p.proposedById,
  question: p.question,
  answer: p.answer,
  status: p.status,
  questionId: p.questionId,
  createdAt: p.createdAt,
  decidedAt: p.decidedAt,
})

/** The conversation, if the viewer is one of its parties (anyone else learns nothing). */
async function partyConversation(deps: ReviewsDeps, viewer: Viewer, conversationId: string) {
  const c = isUuid(conversationId)
    ? await deps.db.conversation.findUnique({ where: { id: conversationId }, select: { id: true, buyerId: true, supplierId: true, productId: true } })
    : null
  if (!c || (c.buyerId !== viewer.buyerId && !membershipOf(viewer, c.supplierId))) throw new NotFoundError('No such conversation.')
  return c
}

export async function proposePublicQuestion(deps: ReviewsDeps, viewer: Viewer | null, input: ProposePublicQuestionInput): Promise<ProposalDTO> {
  if (!viewer) throw new UnauthenticatedError('Sign in to propose a public question.')
  const conversation = await partyConversation(deps, viewer, input.conversationId)
  const member = membershipOf(viewer, conversation.supplierId)
  if (!member) throw new ForbiddenError('Only the supplier’s team can propose publishing a question.')
  const productId = input.productId ?? conversation.productId
  const product = productId && isUuid(productId) ? await deps.db.product.findUnique({ where: { id: productId }, select: { id: true, supplierId: true } }) : null
  if (!product || product.supplierId !== conversation.supplierId) throw new ValidationError('Choose one of your products for the question.', 'productId')
  const question = parseText(questionBody, input.question, 'question')
  const answer = parseText(answerBody, input.answer, 'answer')
  const created = await deps.db.publicQuestionProposal.create({
    data: { conversationId: conversation.id, supplierId: conversation.supplierId, productId: product.id, proposedById: member.memberId, question, answer, createdAt: deps.clock.now() },
  })
  return toDTO(created)
}

/** The buyer's answer to a proposal: publish (named or not) or decline. Decided once. */
export async function consentToPublicQuestion(deps: ReviewsDeps, viewer: Viewer | null, input: ConsentToPublicQuestionInput): Promise<ProposalDTO> {
  if (!viewer) throw new UnauthenticatedError('Sign in to answer the proposal.')
  const proposal = isUuid(input.proposalId)
    ? await deps.db.publicQuestionProposal.findUnique({
        where: { id: input.proposalId },
        include: { conversation: { select: { buyerId: true, buyer: { select: { userId: true } } } }, proposedBy: { select: { userId: true } } },
      })
    : null
  if (!proposal) throw new NotFoundError('No such proposal.')
  const isBuyer = proposal.conversation.buyerId === viewer.buyerId
  if (!isBuyer && !membershipOf(viewer, proposal.supplierId)) throw new NotFoundError('No such proposal.')
  if (!isBuyer) throw new ForbiddenError('Only the buyer can publish their question.')
  const now = deps.clock.now()
  const decided = await deps.db.$transaction(async (tx) => {
    // Claimed by status: a double submit (or two tabs) publishes once.
    const claimed = await tx.publicQuestionProposal.updateMany({
      where: { id: proposal.id, status: 'PENDING' },
      data: { status: input.consent ? 'ACCEPTED' : 'DECLINED', decidedAt: now },
    })
    if (claimed.count === 0) throw new ConflictError('You have already answered this proposal.')
    if (!input.consent) return tx.publicQuestionProposal.findUniqueOrThrow({ where: { id: proposal.id } })
    const question = await tx.productQuestion.create({
      data: { productId: proposal.productId, askerId: proposal.conversation.buyer.userId, body: proposal.question, anonymous: !input.showName, createdAt: now },
    })
    await tx.productAnswer.create({
      data: { questionId: question.id, authorId: proposal.proposedBy.userId, supplierId: proposal.supplierId, body: proposal.answer, createdAt: now },
    })
    await recordReviewEvent(deps, tx, { supplierId: proposal.supplierId, type: 'QUESTION_ANSWERED', questionId: question.id, at: now })
    return tx.publicQuestionProposal.update({ where: { id: proposal.id }, data: { questionId: question.id } })
  })
  if (decided.status === 'ACCEPTED') deps.announce?.(proposal.supplierId)
  return toDTO(decided)
}

/** A conversation's proposals, newest first, for its parties. */
export async function proposalsOf(deps: Pick<ReviewsDeps, 'db'>, conversationIds: readonly string[]): Promise<Map<string, ProposalDTO[]>> {
  const valid = conversationIds.filter(isUuid)
  const rows = valid.length ? await deps.db.publicQuestionProposal.findMany({ where: { conversationId: { in: valid } }, orderBy: { createdAt: 'desc' } }) : []
  const map = new Map<string, ProposalDTO[]>(valid.map((id) => [id, []]))
  for (const r of rows) map.get(r.conversationId)!.push(toDTO(r))
  return map
}
