// Public Q&A over the wire: a buyer asks on a product page, the supplier's team sees it live
// through reviewEvents and answers as the supplier, another buyer answers apart, votes count; a
// conversation's question becomes public only after its buyer consents.
import { encodeGlobalID } from '@pothos/plugin-relay'
import { beforeAll, describe, expect, it } from 'vitest'
import { followReviewEvents, useReviewWorld, type Result } from './review-testing.ts'

type Typed = { __typename: string; id?: string; code?: string; field?: string; status?: string }

const ASK = `mutation($input: AskQuestionInput!) { askQuestion(input: $input) { __typename ... on ProductQuestion { id body askerName } ... on Error { code } ... on ValidationError { field } } }`
const ANSWER = `mutation($input: AnswerQuestionInput!) { answerQuestion(input: $input) { __typename ... on ProductAnswer { id fromSupplier } ... on Error { code } } }`
const VOTE = `mutation($input: VoteHelpfulInput!) { voteHelpful(input: $input) { __typename ... on HelpfulVote { helpfulCount answer { helpfulCount } } ... on Error { code } } }`
const PRODUCT = `query($id: ID!) { product(id: $id) { questions(first: 10) { edges { node {
  body askerName answers { body authorName fromSupplier helpfulCount responder { displayName role } }
} } } } }`
const PROPOSE = `mutation($input: ProposePublicQuestionInput!) { proposePublicQuestion(input: $input) { __typename ... on PublicQuestionProposal { id status } ... on Error { code } ... on ValidationError { field } } }`
const CONSENT = `mutation($input: ConsentToPublicQuestionInput!) { consentToPublicQuestion(input: $input) { __typename ... on PublicQuestionProposal { status publishedQuestion { body askerName } } ... on Error { code } } }`
const PROPOSALS = `query($id: ID!) { node(id: $id) { ... on Conversation { publicQuestionProposals { question answer status proposedBy { displayName } } } } }`
const EVENTS = `subscription($supplierId: ID!) { reviewEvents(supplierId: $supplierId) { kind cursor question { body answers { body fromSupplier } } } }`
type Ev = { reviewEvents: { kind: string; question: { body: string; answers: { body: string; fromSupplier: boolean }[] } | null } }
type Question = { body: string; askerName: string | null; answers: { body: string; authorName: string; fromSupplier: boolean; helpfulCount: number; responder: { displayName: string; role: string } | null }[] }

type Who = 'maya' | 'erik' | 'agent'
const world = useReviewWorld<Who>({
  people: {
    maya: { email: 'maya@example.com', name: 'Maya', buyer: true },
    erik: { email: 'erik@example.com', name: 'Erik', buyer: true },
    agent: { email: 'ana@kiln.example', name: 'Ana', agent: true },
  },
})
const { as } = world
let conversationGid = ''

beforeAll(async () => {
  const conversation = await world.db.prisma.conversation.create({ data: { buyerId: world.people.erik.buyerId, supplierId: world.supplier.id, productId: world.supplier.productId } })
  conversationGid = encodeGlobalID('Conversation', conversation.id)
})

async function call<T = Typed>(query: string, input: Record<string, unknown>, who: Who): Promise<T> {
  const data = (await world.gw.post<Result<Record<string, T>>>(query, { input }, as(who))).body.data!
  return Object.values(data)[0]!
}
const productQuestions = async () =>
  (await world.gw.post<Result<{ product: { questions: { edges: { node: Question }[] } } }>>(PRODUCT, { id: world.supplier.productGid })).body.data!.product.questions.edges.map((e) => e.node)

describe('public Q&A over the API', () => {
  it('shows a question asked on a product to the team live, with the supplier’s answer apart from a buyer’s', async () => {
    const live = await followReviewEvents<Ev>(world.client('agent', { lazy: false }), EVENTS, { supplierId: world.supplier.gid })

    const before = await world.db.prisma.productQuestion.count()
    expect(await call(ASK, { productId: world.supplier.productGid, body: '   ' }, 'maya')).toMatchObject({ __typename: 'ValidationError', field: 'body' })
    expect(await call(ASK, { productId: encodeGlobalID('Product', '01900000-0000-7000-8000-000000000000'), body: 'Hm?' }, 'maya')).toMatchObject({ __typename: 'NotFoundError' })
    expect(await world.db.prisma.productQuestion.count()).toBe(before)

    const question = await call(ASK, { productId: world.supplier.productGid, body: 'Is the glaze food safe?' }, 'maya')
    expect(question).toMatchObject({ __typename: 'ProductQuestion', askerName: 'Maya' })
    await live.waitFor((es) => es.some((e) => e.reviewEvents.kind === 'QUESTION_ASKED'))
    expect(live.events.at(-1)!.reviewEvents.question).toEqual({ body: 'Is the glaze food safe?', answers: [] })

    const fromBuyer = await call(ANSWER, { questionId: question.id, body: 'I use mine daily.' }, 'erik')
    const fromTeam = await call(ANSWER, { questionId: question.id, body: 'Yes: lead-free, fired at 1240 °C.' }, 'agent')
    expect([fromBuyer, fromTeam]).toMatchObject([{ fromSupplier: false }, { fromSupplier: true }])
    await live.waitFor((es) => es.filter((e) => e.reviewEvents.kind === 'QUESTION_ANSWERED').length === 2)

    // Voting on the buyer's answer; the author cannot vote on their own.
    expect(await call(VOTE, { answerId: fromBuyer.id }, 'maya')).toMatchObject({ __typename: 'HelpfulVote', helpfulCount: 1, answer: { helpfulCount: 1 } })
    expect(await call(VOTE, { answerId: fromBuyer.id }, 'erik')).toMatchObject({ __typename: 'ForbiddenError' })
    expect(await call(VOTE, {}, 'maya')).toMatchObject({ __typename: 'ValidationError' })

    const [shown] = await productQuestions()
    expect(shown).toEqual({
      body: 'Is the glaze food safe?',
      askerName: 'Maya',
      answers: [
        { body: 'Yes: lead-free, fired at 1240 °C.', authorName: 'Ana', fromSupplier: true, helpfulCount: 0, responder: { displayName: 'Ana', role: 'AGENT' } },
        { body: 'I use mine daily.', authorName: 'Erik', fromSupplier: false, helpfulCount: 1, responder: null },
      ],
    })
    live.dispose()
  })

  it('publishes a conversation’s question only after its buyer consents, without their name if they choose', async () => {
    const input = { conversationId: conversationGid, question: 'Can it go in the oven?', answer: 'Yes, up to 250 °C.' }
    expect(await call(PROPOSE, input, 'erik')).toMatchObject({ __typename: 'ForbiddenError' })
    expect(await call(PROPOSE, input, 'maya')).toMatchObject({ __typename: 'NotFoundError' })
    const proposal = await call(PROPOSE, input, 'agent')
    expect(proposal).toMatchObject({ __typename: 'PublicQuestionProposal', status: 'PENDING' })
    expect((await productQuestions()).map((q) => q.body)).not.toContain('Can it go in the oven?')

    // The buyer sees the proposal in the conversation, exactly as it would be published.
    const seen = (await world.gw.post<Result<{ node: { publicQuestionProposals: unknown[] } }>>(PROPOSALS, { id: conversationGid }, as('erik'))).body.data!.node
    expect(seen.publicQuestionProposals).toEqual([{ question: 'Can it go in the oven?', answer: 'Yes, up to 250 °C.', status: 'PENDING', proposedBy: { displayName: 'Ana' } }])

    expect(await call(CONSENT, { proposalId: proposal.id, consent: true }, 'agent')).toMatchObject({ __typename: 'ForbiddenError' })
    expect(await call(CONSENT, { proposalId: proposal.id, consent: true, showName: false }, 'erik')).toEqual({
      __typename: 'PublicQuestionProposal',
      status: 'ACCEPTED',
      publishedQuestion: { body: 'Can it go in the oven?', askerName: null },
    })
    expect(await call(CONSENT, { proposalId: proposal.id, consent: false }, 'erik')).toMatchObject({ __typename: 'ConflictError' })
    const published = (await productQuestions()).find((q) => q.body === 'Can it go in the oven?')!
    expect(published.askerName).toBeNull()
    expect(published.answers).toMatchObject([{ body: 'Yes, up to 250 °C.', fromSupplier: true, responder: { displayName: 'Ana' } }])
  })
})
