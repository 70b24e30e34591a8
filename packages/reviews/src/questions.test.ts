import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError, type Clock, type Viewer } from '@rapport/core'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consentToPublicQuestion, proposalsOf, proposePublicQuestion } from './public-questions.ts'
import { answerQuestion, answersOf, askQuestion, listQuestions } from './questions.ts'
import { lastEventId, reviewEventsAfter } from './review-events.ts'
import { reviewEventNotices } from './review-notices.ts'
import { voteHelpful } from './vote-helpful.ts'
import { decideFlag } from './moderation/decide-flag.ts'
import { flagContent } from './moderation/flag-content.ts'

let db: TestDb
let supplierId: string
let productId: string
let otherProductId: string
let seq = 0
let now = new Date('2026-11-01T10:00:00Z')
const clock: Clock = { now: () => now }
const announced: string[] = []
const deps = () => ({ db: db.prisma, clock, announce: (id: string) => void announced.push(id) })
const tick = () => (now = new Date(now.getTime() + 60_000))

async function person(name: string): Promise<Viewer> {
  const user = await db.prisma.user.create({ data: { email: `${name}.${seq++}@example.com`, passwordHash: 'x', displayName: name } })
  const buyer = await db.prisma.buyer.create({ data: { userId: user.id, displayName: name } })
  return { userId: user.id, sessionId: 's', email: user.email, displayName: name, platformRole: 'USER', buyerId: buyer.id, memberships: [] }
}

async function teamMember(name: string, role: 'OWNER' | 'AGENT' = 'AGENT', supplier = supplierId): Promise<Viewer & { memberId: string }> {
  const user = await db.prisma.user.create({ data: { email: `${name}.${seq++}@kiln.example`, passwordHash: 'x', displayName: name } })
  const m = await db.prisma.supplierMember.create({ data: { supplierId: supplier, userId: user.id, role } })
  return { userId: user.id, sessionId: 's', email: user.email, displayName: name, platformRole: 'USER', buyerId: null, memberships: [{ supplierId: supplier, memberId: m.id, role }], memberId: m.id }
}

beforeAll(async () => {
  db = await createTestDb()
  const s = await db.prisma.supplier.create({
    data: { slug: 'kiln', name: 'Kiln', timeZone: 'Europe/Lisbon', products: { create: [{ slug: 'jar', name: 'Jar', description: 'Clay.', priceCents: 1000 }] } },
    include: { products: true },
  })
  supplierId = s.id
  productId = s.products[0]!.id
  const other = await db.prisma.supplier.create({
    data: { slug: 'loom', name: 'Loom', timeZone: 'UTC', products: { create: [{ slug: 'rug', name: 'Rug', description: 'Wool.', priceCents: 9000 }] } },
    include: { products: true },
  })
  otherProductId = other.products[0]!.id
})
afterAll(() => db.drop())

describe('public questions and answers', () => {
  it('let anyone signed in ask; the team answers as the supplier, named with its member; others answer as buyers', async () => {
    const maya = await person('maya')
    const ben = await person('ben')
    const ana = await teamMember('Ana', 'OWNER')
    const before = await db.prisma.productQuestion.count()
    await expect(askQuestion(deps(), null, { productId, body: 'Dishwasher safe?' })).rejects.toBeInstanceOf(UnauthenticatedError)
    await expect(askQuestion(deps(), maya, { productId, body: '  ' })).rejects.toMatchObject({ field: 'body' })
    await expect(askQuestion(deps(), maya, { productId, body: 'x'.repeat(1001) })).rejects.toBeInstanceOf(ValidationError)
    await expect(askQuestion(deps(), maya, { productId: 'not-a-uuid', body: 'Hi?' })).rejects.toBeInstanceOf(NotFoundError)
    expect(await db.prisma.productQuestion.count()).toBe(before)

    const q = await askQuestion(deps(), maya, { productId, body: ' Dishwasher safe? ' })
    expect(q).toMatchObject({ body: 'Dishwasher safe?', askerName: 'maya', productId, supplierId })
    tick()
    const buyerAnswer = await answerQuestion(deps(), ben, { questionId: q.id, body: 'Mine has been fine for a year.' })
    tick()
    const official = await answerQuestion(deps(), ana, { questionId: q.id, body: 'Yes, the glaze is fired at 1240 °C.' })
    expect(buyerAnswer).toMatchObject({ official: false, memberId: null, authorName: 'ben' })
    expect(official).toMatchObject({ official: true, memberId: ana.memberId, authorName: 'Ana' })
    await expect(answerQuestion(deps(), ben, { questionId: q.id, body: '' })).rejects.toBeInstanceOf(ValidationError)
    await expect(answerQuestion(deps(), ben, { questionId: crypto.randomUUID(), body: 'Hi' })).rejects.toBeInstanceOf(NotFoundError)

    // The supplier's answer comes first, whatever the votes; then the most helpful.
    expect((await answersOf(deps(), [q.id])).get(q.id)!.map((a) => a.id)).toEqual([official.id, buyerAnswer.id])
  })

  it('list newest first, page without repeats, and show the team what it has not answered', async () => {
    const zoe = await person('zoe')
    const ana = await teamMember('Ana2')
    const asked = []
    for (let i = 0; i < 5; i++) {
      tick()
      asked.push(await askQuestion(deps(), zoe, { productId: otherProductId, body: `Question ${i}?` }))
    }
    const page1 = await listQuestions(deps(), { productId: otherProductId, limit: 3 })
    const page2 = await listQuestions(deps(), { productId: otherProductId, limit: 3, afterId: page1.at(-1)!.id })
    expect([...page1, ...page2].map((q) => q.body)).toEqual(['Question 4?', 'Question 3?', 'Question 2?', 'Question 1?', 'Question 0?'])

    const mine = await askQuestion(deps(), zoe, { productId, body: 'Gift wrapping?' })
    const unanswered = async () => (await listQuestions(deps(), { supplierId, unanswered: true, limit: 100 })).map((q) => q.id)
    expect(await unanswered()).toContain(mine.id)
    // A buyer's answer does not answer for the supplier.
    await answerQuestion(deps(), await person('kit'), { questionId: mine.id, body: 'They did mine.' })
    expect(await unanswered()).toContain(mine.id)
    await answerQuestion(deps(), ana, { questionId: mine.id, body: 'Yes, free.' })
    expect(await unanswered()).not.toContain(mine.id)
    // Another supplier's member answering is a buyer's answer for this supplier.
    const outsider = await teamMember('Olga', 'OWNER', (await db.prisma.product.findUniqueOrThrow({ where: { id: otherProductId } })).supplierId)
    expect(await answerQuestion(deps(), outsider, { questionId: mine.id, body: 'We wrap too.' })).toMatchObject({ official: false })
  })

  it('count helpful votes on answers one per person, never the author’s own, equal to the votes', async () => {
    const asker = await person('asker')
    const author = await person('author')
    const q = await askQuestion(deps(), asker, { productId, body: 'Size?' })
    const a = await answerQuestion(deps(), author, { questionId: q.id, body: '20 cm.' })
    await expect(voteHelpful(deps(), author, { answerId: a.id, helpful: true })).rejects.toBeInstanceOf(ForbiddenError)
    await expect(voteHelpful(deps(), null, { answerId: a.id, helpful: true })).rejects.toBeInstanceOf(UnauthenticatedError)
    const voters = await Promise.all([person('v1'), person('v2'), person('v3')])
    await Promise.all([...voters, voters[0]!].map((v) => voteHelpful(deps(), v, { answerId: a.id, helpful: true })))
    expect(await voteHelpful(deps(), voters[1]!, { answerId: a.id, helpful: false })).toMatchObject({ answerId: a.id, reviewId: null, helpfulCount: 2, voted: false })
    const row = await db.prisma.productAnswer.findUniqueOrThrow({ where: { id: a.id } })
    expect(row.helpfulCount).toBe(await db.prisma.productAnswerHelpfulVote.count({ where: { answerId: a.id } }))
  })

  it('record QUESTION_ASKED and QUESTION_ANSWERED events for the supplier’s team, announced after the commit', async () => {
    const start = await lastEventId(deps())
    announced.length = 0
    const q = await askQuestion(deps(), await person('eve'), { productId, body: 'Colours?' })
    await answerQuestion(deps(), await teamMember('Ana3'), { questionId: q.id, body: 'Blue and ochre.' })
    const events = await reviewEventsAfter(deps(), supplierId, start)
    expect(events.map((e) => [e.type, e.questionId, e.reviewId])).toEqual([
      ['QUESTION_ASKED', q.id, null],
      ['QUESTION_ANSWERED', q.id, null],
    ])
    expect(announced).toEqual([supplierId, supplierId])
  })
})

describe('moderated questions and answers', () => {
  it('keep a hidden one in place (its status says so), leave out a removed one, and refuse answers and votes on them', async () => {
    const asker = await person('mod-asker')
    const reporter = await person('mod-reporter')
    const user = await db.prisma.user.create({ data: { email: `mod${seq++}@rapport.example`, passwordHash: 'x', displayName: 'Mod', platformRole: 'MODERATOR' } })
    const moderator: Viewer = { userId: user.id, sessionId: 's', email: user.email, displayName: 'Mod', platformRole: 'MODERATOR', buyerId: null, memberships: [] }
    const hidden = await askQuestion(deps(), asker, { productId: otherProductId, body: 'Call me on 555-0100?' })
    const removed = await askQuestion(deps(), asker, { productId: otherProductId, body: 'Buy cheap watches at …' })
    const answer = await answerQuestion(deps(), reporter, { questionId: hidden.id, body: 'Spam link here.' })
    const decide = async (targetType: 'PRODUCT_QUESTION' | 'PRODUCT_ANSWER', targetId: string, action: 'HIDE' | 'REMOVE') => {
      const flag = await flagContent(deps(), targetType === 'PRODUCT_ANSWER' ? asker : reporter, { targetType, targetId, reason: 'SPAM' })
      await decideFlag(deps(), moderator, { flagId: flag.id, action, reason: 'Contact details are not allowed.' })
    }
    await decide('PRODUCT_QUESTION', hidden.id, 'HIDE')
    await decide('PRODUCT_QUESTION', removed.id, 'REMOVE')
    await decide('PRODUCT_ANSWER', answer.id, 'HIDE')
    const listed = await listQuestions(deps(), { productId: otherProductId, limit: 100 })
    expect(listed.find((q) => q.id === hidden.id)?.status).toBe('HIDDEN')
    expect(listed.map((q) => q.id)).not.toContain(removed.id)
    expect((await answersOf(deps(), [hidden.id])).get(hidden.id)!.map((a) => [a.id, a.status])).toEqual([[answer.id, 'HIDDEN']])
    await expect(answerQuestion(deps(), reporter, { questionId: hidden.id, body: 'More.' })).rejects.toBeInstanceOf(NotFoundError)
    await expect(voteHelpful(deps(), reporter, { answerId: answer.id, helpful: true })).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('publishing a question from a conversation', () => {
  async function conversation(buyer: Viewer, product: string | null = productId) {
    return db.prisma.conversation.create({ data: { buyerId: buyer.buyerId!, supplierId, productId: product, subject: 'Jar' } })
  }

  it('is proposed by the team only, and nothing is public until the buyer consents', async () => {
    const maya = await person('maya-c')
    const ana = await teamMember('Ana-c')
    const c = await conversation(maya)
    const stranger = await person('stranger')
    const input = { conversationId: c.id, question: 'Can it hold hot soup?', answer: 'Yes, up to boiling.' }
    await expect(proposePublicQuestion(deps(), maya, input)).rejects.toBeInstanceOf(ForbiddenError)
    await expect(proposePublicQuestion(deps(), stranger, input)).rejects.toBeInstanceOf(NotFoundError)
    await expect(proposePublicQuestion(deps(), ana, { ...input, answer: '' })).rejects.toMatchObject({ field: 'answer' })
    await expect(proposePublicQuestion(deps(), ana, { ...input, productId: otherProductId })).rejects.toMatchObject({ field: 'productId' })
    const none = await conversation(maya, null)
    await expect(proposePublicQuestion(deps(), ana, { ...input, conversationId: none.id })).rejects.toMatchObject({ field: 'productId' })

    const questionsBefore = await db.prisma.productQuestion.count()
    const p = await proposePublicQuestion(deps(), ana, input)
    expect(p).toMatchObject({ status: 'PENDING', productId, proposedByMemberId: ana.memberId, questionId: null })
    expect(await db.prisma.productQuestion.count()).toBe(questionsBefore)
    expect((await proposalsOf(deps(), [c.id])).get(c.id)!.map((x) => x.id)).toEqual([p.id])

    // Only the buyer decides; the team and strangers cannot.
    await expect(consentToPublicQuestion(deps(), ana, { proposalId: p.id, consent: true, showName: true })).rejects.toBeInstanceOf(ForbiddenError)
    await expect(consentToPublicQuestion(deps(), stranger, { proposalId: p.id, consent: true, showName: true })).rejects.toBeInstanceOf(NotFoundError)

    // Published without the buyer's name, answered by the proposer; a second click changes nothing.
    const results = await Promise.allSettled([1, 2].map(() => consentToPublicQuestion(deps(), maya, { proposalId: p.id, consent: true, showName: false })))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(results.find((r) => r.status === 'rejected')!.reason).toBeInstanceOf(ConflictError)
    const published = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<Awaited<ReturnType<typeof consentToPublicQuestion>>>).value
    expect(published.status).toBe('ACCEPTED')
    const [q] = await listQuestions(deps(), { productId, limit: 1 })
    expect(q).toMatchObject({ id: published.questionId, body: 'Can it hold hot soup?', askerName: null, askerUserId: maya.userId })
    expect((await answersOf(deps(), [q!.id])).get(q!.id)).toEqual([expect.objectContaining({ official: true, memberId: ana.memberId, body: 'Yes, up to boiling.' })])
  })

  it('publishes nothing when the buyer declines, and keeps their name when they choose to show it', async () => {
    const ben = await person('ben-c')
    const ana = await teamMember('Ana-d')
    const c = await conversation(ben)
    const count = await db.prisma.productQuestion.count()
    const declined = await proposePublicQuestion(deps(), ana, { conversationId: c.id, question: 'Q1?', answer: 'A1.' })
    expect(await consentToPublicQuestion(deps(), ben, { proposalId: declined.id, consent: false, showName: true })).toMatchObject({ status: 'DECLINED', questionId: null })
    expect(await db.prisma.productQuestion.count()).toBe(count)
    await expect(consentToPublicQuestion(deps(), ben, { proposalId: declined.id, consent: true, showName: true })).rejects.toBeInstanceOf(ConflictError)

    const named = await proposePublicQuestion(deps(), ana, { conversationId: c.id, question: 'Q2?', answer: 'A2.' })
    const done = await consentToPublicQuestion(deps(), ben, { proposalId: named.id, consent: true, showName: true })
    const q = await db.prisma.productQuestion.findUniqueOrThrow({ where: { id: done.questionId! }, include: { asker: true } })
    expect(q).toMatchObject({ anonymous: false, body: 'Q2?' })
    expect(q.asker.displayName).toBe('ben-c')
  })

  it('tells the team of a question and the asker of each answer but their own, through the event recorded with each', async () => {
    const events: bigint[] = []
    const withEvents = () => ({ ...deps(), onEvent: async (_tx: unknown, id: bigint) => void events.push(id) })
    const maya = await person('maya')
    const ben = await person('ben')
    const ana = await teamMember('Ana')
    const q = await askQuestion(withEvents(), maya, { productId, body: 'Does the lid seal?' })
    tick()
    await answerQuestion(withEvents(), ben, { questionId: q.id, body: 'Mine does.' })
    tick()
    await answerQuestion(withEvents(), ana, { questionId: q.id, body: 'Yes, airtight.' })
    tick()
    await answerQuestion(withEvents(), maya, { questionId: q.id, body: 'Thanks both!' })
    const paths = { supplierFeedback: (s: string) => `/s/${s}/feedback`, supplierQuestions: (s: string) => `/s/${s}/questions`, supplierReviews: (s: string) => `/s/${s}/reviews`, product: (id: string) => `/p/${id}` }
    const notices = await Promise.all(events.map((id) => db.prisma.$transaction((tx) => reviewEventNotices(tx, paths, id))))
    const team = (await db.prisma.supplierMember.findMany({ where: { supplierId, removedAt: null }, select: { userId: true } })).map((m) => m.userId)
    // Asked: every member of the team. Answered: the asker, named by who answered; not for their own answer.
    expect(notices).toHaveLength(4)
    expect(notices[0]!.map((n) => n.userId).sort()).toEqual([...team].sort())
    expect(notices[0]![0]).toMatchObject({ kind: 'NEW_QUESTION', text: 'New question about Jar: “Does the lid seal?”', link: '/s/kiln/questions' })
    const told = (i: number) => notices[i]!.map((n) => [n.userId, n.kind, n.text, n.link])
    expect(told(1)).toEqual([[maya.userId, 'QUESTION_ANSWERED', 'ben answered your question about Jar.', `/p/${productId}#question-${q.id}`]])
    expect(told(2)).toEqual([[maya.userId, 'QUESTION_ANSWERED', 'Kiln answered your question about Jar.', `/p/${productId}#question-${q.id}`]])
    expect(told(3)).toEqual([])
  })
})
