import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError, type Clock, type Viewer } from '@rapport/core'
import { availableKinds, createTestDb, type TestDb } from '@rapport/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deleteReview, updateReview } from '../edit-review.ts'
import { getReviewsByIds, listReviews } from '../list-reviews.ts'
import { ratingSummary } from '../rating-summary.ts'
import { respondToReview, responsesFor } from '../respond-to-review.ts'
import { lastEventId, reviewEventsAfter } from '../review-events.ts'
import { writeReview } from '../write-review.ts'
import { decideFlag, decisionsAbout, getDecisionsByIds } from './decide-flag.ts'
import { AlreadyDecidedError, CannotFlagOwnContentError } from './errors.ts'
import { flagContent } from './flag-content.ts'
import { flaggedAnswers, readConversationForRequest, readReportedConversation, reportedConversations } from './flagged-content.ts'
import { getFlagsByIds, moderationQueue, reportCounts } from './moderation-queue.ts'
import { moderationNotices } from './notices.ts'

const DAY = 24 * 60 * 60 * 1000
const DELIVERED = new Date('2026-10-01T12:00:00Z')

// Every rule on embedded PGlite, and on PostgreSQL too when DATABASE_URL names one (CI).
describe.each(availableKinds())('moderation on %s', (kind) => {
  let db: TestDb
  let supplierId: string
  let productId: string
  let seq = 0
  let now = new Date(DELIVERED.getTime() + 10 * DAY)
  const clock: Clock = { now: () => now }
  const announced: string[] = []
  const deps = () => ({ db: db.prisma, clock, announce: (id: string) => announced.push(id) })
  let moderator: Viewer
  let admin: Viewer
  let owner: Viewer

  async function person(name: string, platformRole: Viewer['platformRole'] = 'USER'): Promise<Viewer> {
    const user = await db.prisma.user.create({ data: { email: `${name}.${seq++}@example.com`, passwordHash: 'x', displayName: name, platformRole } })
    const buyer = await db.prisma.buyer.create({ data: { userId: user.id, displayName: name } })
    return { userId: user.id, sessionId: 's', email: user.email, displayName: name, platformRole, buyerId: buyer.id, memberships: [] }
  }

  async function review(author: Viewer, rating = 2, body = 'Arrived broken.') {
    const o = await db.prisma.order.create({
      data: { number: `M-${seq++}`, buyerId: author.buyerId!, supplierId, totalCents: 1, status: 'DELIVERED', deliveredAt: DELIVERED, items: { create: [{ productId, quantity: 1, unitPriceCents: 1 }] } },
    })
    return writeReview(deps(), author, { orderId: o.id, rating, body })
  }

  const flagsOn = (targetId: string) => db.prisma.flag.findMany({ where: { targetId }, orderBy: { createdAt: 'asc' } })

  beforeAll(async () => {
    db = await createTestDb(kind)
    const s = await db.prisma.supplier.create({
      data: { slug: 'mod', name: 'Mod', timeZone: 'UTC', products: { create: [{ slug: 'p', name: 'P', description: 'p', priceCents: 1 }] } },
      include: { products: true },
    })
    supplierId = s.id
    productId = s.products[0]!.id
    moderator = await person('priscila', 'MODERATOR')
    admin = await person('alex', 'ADMIN')
    const o = await person('ana')
    const member = await db.prisma.supplierMember.create({ data: { supplierId, userId: o.userId, role: 'OWNER' } })
    owner = { ...o, memberships: [{ supplierId, memberId: member.id, role: 'OWNER' }] }
  })
  afterAll(() => db.drop())

  describe('flagging', () => {
    it('lets anyone signed in report a review, a response, a question or an answer with a reason; one report per person and thing', async () => {
      const author = await person('author')
      const reporter = await person('reporter')
      const r = await review(author)
      const response = await respondToReview(deps(), owner, { reviewId: r.id, body: 'Call us.' })
      const question = await db.prisma.productQuestion.create({ data: { productId, askerId: author.userId, body: 'Is it oak?' } })
      const answer = await db.prisma.productAnswer.create({ data: { questionId: question.id, authorId: author.userId, body: 'Buy elsewhere, cheaper: 555-0100.' } })

      const first = await flagContent(deps(), reporter, { targetType: 'REVIEW', targetId: r.id, reason: 'FAKE_REVIEW', details: '  Never ordered.  ' })
      expect(first).toMatchObject({ targetType: 'REVIEW', targetId: r.id, reason: 'FAKE_REVIEW', details: 'Never ordered.', status: 'OPEN', reporterId: reporter.userId })
      await flagContent(deps(), reporter, { targetType: 'REVIEW_RESPONSE', targetId: response.id, reason: 'ABUSE' })
      await flagContent(deps(), reporter, { targetType: 'PRODUCT_QUESTION', targetId: question.id, reason: 'SPAM' })
      await flagContent(deps(), owner, { targetType: 'PRODUCT_ANSWER', targetId: answer.id, reason: 'OFF_PLATFORM_CONTACT' })

      // Reporting again updates the one report.
      const again = await flagContent(deps(), reporter, { targetType: 'REVIEW', targetId: r.id, reason: 'ABUSE', details: '' })
      expect(again.id).toBe(first.id)
      expect(again).toMatchObject({ reason: 'ABUSE', details: null })
      expect(await flagsOn(r.id)).toHaveLength(1)
    })

    it('refuses one’s own content with a clear error, and signed-out reporters, and writes nothing', async () => {
      const author = await person('own')
      const r = await review(author)
      await respondToReview(deps(), owner, { reviewId: r.id, body: 'Thanks.' })
      const response = (await responsesFor(deps(), [r.id])).get(r.id)!
      const question = await db.prisma.productQuestion.create({ data: { productId, askerId: author.userId, body: 'Dishwasher safe?' } })
      const official = await db.prisma.productAnswer.create({ data: { questionId: question.id, authorId: owner.userId, supplierId, body: 'Yes.' } })
      const agentUser = await person('agent')
      const agent: Viewer = { ...agentUser, memberships: [{ supplierId, memberId: owner.memberships[0]!.memberId, role: 'AGENT' }] }

      const own = await flagContent(deps(), author, { targetType: 'REVIEW', targetId: r.id, reason: 'SPAM' }).catch((e: unknown) => e)
      expect(own).toBeInstanceOf(CannotFlagOwnContentError)
      expect((own as Error).message).toBe('You cannot report your own content. You can edit or delete it instead.')
      await expect(flagContent(deps(), author, { targetType: 'PRODUCT_QUESTION', targetId: question.id, reason: 'SPAM' })).rejects.toBeInstanceOf(CannotFlagOwnContentError)
      // The team's own response and official answer: no teammate reports them.
      await expect(flagContent(deps(), agent, { targetType: 'REVIEW_RESPONSE', targetId: response.id, reason: 'SPAM' })).rejects.toBeInstanceOf(CannotFlagOwnContentError)
      await expect(flagContent(deps(), agent, { targetType: 'PRODUCT_ANSWER', targetId: official.id, reason: 'SPAM' })).rejects.toBeInstanceOf(CannotFlagOwnContentError)
      await expect(flagContent(deps(), null, { targetType: 'REVIEW', targetId: r.id, reason: 'SPAM' })).rejects.toBeInstanceOf(UnauthenticatedError)
      expect(await db.prisma.flag.count({ where: { targetId: { in: [r.id, response.id, question.id, official.id] } } })).toBe(0)
    })

    it('checks the target exists and is public, the reason and the details', async () => {
      const author = await person('checked')
      const reporter = await person('checker')
      const r = await review(author)
      const field = (input: Parameters<typeof flagContent>[2]) =>
        flagContent(deps(), reporter, input).then(
          () => 'flagged',
          (e: unknown) => (e instanceof ValidationError ? e.field : e instanceof NotFoundError ? 'not found' : String(e)),
        )
      expect(await field({ targetType: 'REVIEW', targetId: 'nope', reason: 'SPAM' })).toBe('not found')
      expect(await field({ targetType: 'REVIEW', targetId: '01900000-0000-7000-8000-000000000000', reason: 'SPAM' })).toBe('not found')
      expect(await field({ targetType: 'REVIEW_RESPONSE', targetId: r.id, reason: 'SPAM' })).toBe('not found')
      expect(await field({ targetType: 'REVIEW', targetId: r.id, reason: 'BORING' as 'SPAM' })).toBe('reason')
      expect(await field({ targetType: 'CONVERSATION' as 'REVIEW', targetId: r.id, reason: 'SPAM' })).toBe('targetType')
      expect(await field({ targetType: 'REVIEW', targetId: r.id, reason: 'SPAM', details: 'x'.repeat(2001) })).toBe('details')
      await db.prisma.review.update({ where: { id: r.id }, data: { status: 'HIDDEN' } })
      expect(await field({ targetType: 'REVIEW', targetId: r.id, reason: 'SPAM' })).toBe('not found')
      expect(await flagsOn(r.id)).toEqual([])
    })
  })

  describe('deciding', () => {
    it('is for moderators and admins only, with a reason, and changes nothing otherwise', async () => {
      const author = await person('d-author')
      const reporter = await person('d-reporter')
      const r = await review(author)
      const flag = await flagContent(deps(), reporter, { targetType: 'REVIEW', targetId: r.id, reason: 'ABUSE' })
      await expect(decideFlag(deps(), null, { flagId: flag.id, action: 'HIDE', reason: 'Abusive.' })).rejects.toBeInstanceOf(UnauthenticatedError)
      for (const who of [reporter, author, owner]) await expect(decideFlag(deps(), who, { flagId: flag.id, action: 'HIDE', reason: 'Abusive.' })).rejects.toBeInstanceOf(ForbiddenError)
      const field = (input: { action: string; reason: string; flagId?: string }) =>
        decideFlag(deps(), moderator, { flagId: flag.id, ...input } as Parameters<typeof decideFlag>[2]).then(
          () => 'decided',
          (e: unknown) => (e instanceof ValidationError ? e.field : e instanceof NotFoundError ? 'not found' : String(e)),
        )
      expect(await field({ action: 'HIDE', reason: '   ' })).toBe('reason')
      expect(await field({ action: 'HIDE', reason: 'x'.repeat(1001) })).toBe('reason')
      expect(await field({ action: 'BAN', reason: 'Abusive.' })).toBe('action')
      expect(await field({ action: 'HIDE', reason: 'Abusive.', flagId: 'junk' })).toBe('not found')
      expect((await db.prisma.review.findUniqueOrThrow({ where: { id: r.id } })).status).toBe('PUBLISHED')
      expect(await db.prisma.moderationDecision.count({ where: { targetId: r.id } })).toBe(0)
      expect((await flagsOn(r.id))[0]!.status).toBe('OPEN')
    })

    it('hides in one transaction: status, decision, every open report closed, FLAG_DECIDED recorded and announced; the summary drops it', async () => {
      const author = await person('h-author')
      const [a, b] = [await person('h-rep-a'), await person('h-rep-b')]
      const keep = await review(await person('h-other'), 5, 'Lovely.')
      const r = await review(author, 1, 'Worst shop, the owner is a crook.')
      const before = await ratingSummary(deps(), { supplierId })
      const start = await lastEventId(deps())
      const flag = await flagContent(deps(), a, { targetType: 'REVIEW', targetId: r.id, reason: 'ABUSE' })
      await flagContent(deps(), b, { targetType: 'REVIEW', targetId: r.id, reason: 'ABUSE' })
      announced.length = 0

      now = new Date(now.getTime() + 1000)
      const decision = await decideFlag(deps(), moderator, { flagId: flag.id, action: 'HIDE', reason: '  Personal attack on the owner.  ' })
      expect(decision).toMatchObject({ action: 'HIDE', reason: 'Personal attack on the owner.', targetType: 'REVIEW', targetId: r.id, flagId: flag.id, moderatorId: moderator.userId })
      const row = await db.prisma.review.findUniqueOrThrow({ where: { id: r.id } })
      expect(row.status).toBe('HIDDEN')
      expect(row.updatedAt).toEqual(r.updatedAt) // a decision is not an edit
      expect((await flagsOn(r.id)).map((f) => [f.status, f.resolvedAt?.getTime()])).toEqual([
        ['ACTIONED', now.getTime()],
        ['ACTIONED', now.getTime()],
      ])
      const events = await reviewEventsAfter(deps(), supplierId, start)
      expect(events.map((e) => [e.type, e.reviewId, e.decision])).toEqual([['FLAG_DECIDED', r.id, { decisionId: decision.id, targetType: 'REVIEW', targetId: r.id, action: 'HIDE' }]])
      expect(announced).toEqual([supplierId])

      const after = await ratingSummary(deps(), { supplierId })
      expect(after.count).toBe(before.count - 1)
      expect(after.distribution[0]).toBe(before.distribution[0]! - 1)
      // Kept in place in the public list; its notice says why.
      const listed = await listReviews(deps(), { supplierId, sort: 'NEWEST', limit: 100 })
      expect(listed.find((x) => x.id === r.id)?.status).toBe('HIDDEN')
      expect(listed.some((x) => x.id === keep.id)).toBe(true)
      // …but not where stars choose or order the list: its place would tell the rating it no longer shows.
      for (const view of [{ stars: [1] }, { sort: 'LOWEST' as const }, { sort: 'HIGHEST' as const }]) {
        const ids = (await listReviews(deps(), { supplierId, limit: 100, ...view })).map((x) => x.id)
        expect(ids).not.toContain(r.id)
        if (!('stars' in view)) expect(ids).toContain(keep.id)
      }
      // Its author still finds it under its stars.
      expect((await listReviews(deps(), { supplierId, stars: [1], limit: 100, viewer: author })).map((x) => x.id)).toContain(r.id)
      expect((await moderationNotices(deps(), 'REVIEW', [r.id, keep.id])).get(r.id)).toEqual({ action: 'HIDE', reason: 'Personal attack on the owner.', decidedAt: now })
      expect((await moderationNotices(deps(), 'REVIEW', [keep.id])).size).toBe(0)

      // Deciding again what is already so: a typed refusal, nothing written.
      const twice = await decideFlag(deps(), admin, { flagId: flag.id, action: 'HIDE', reason: 'Again.' }).catch((e: unknown) => e)
      expect(twice).toBeInstanceOf(AlreadyDecidedError)
      expect((twice as AlreadyDecidedError).currentStatus).toBe('HIDDEN')
      await expect(decideFlag(deps(), admin, { flagId: flag.id, action: 'KEEP', reason: 'Fine.' })).rejects.toBeInstanceOf(AlreadyDecidedError)
      expect(await db.prisma.moderationDecision.count({ where: { targetId: r.id } })).toBe(1)
      // It cannot be reported again while hidden, nor voted on or answered.
      await expect(flagContent(deps(), b, { targetType: 'REVIEW', targetId: r.id, reason: 'SPAM' })).rejects.toBeInstanceOf(NotFoundError)
      await expect(respondToReview(deps(), owner, { reviewId: r.id, body: 'Hm.' })).rejects.toBeInstanceOf(NotFoundError)
    })

    it('removes: off public lists and lookups, still listed to its author and shown to moderators; restoring publishes it again', async () => {
      const author = await person('r-author')
      const reader = await person('r-reader')
      const r = await review(author, 1, 'Spam spam spam.')
      const flag = await flagContent(deps(), reader, { targetType: 'REVIEW', targetId: r.id, reason: 'SPAM' })
      await decideFlag(deps(), moderator, { flagId: flag.id, action: 'REMOVE', reason: 'Advertising.' })
      const ids = async (viewer: Viewer | null) => (await listReviews(deps(), { supplierId, sort: 'NEWEST', limit: 100, viewer })).map((x) => x.id)
      expect(await ids(null)).not.toContain(r.id)
      expect(await ids(reader)).not.toContain(r.id)
      expect(await ids(author)).toContain(r.id)
      expect(await getReviewsByIds(deps(), [r.id], reader)).toEqual([])
      expect((await getReviewsByIds(deps(), [r.id], author))[0]?.status).toBe('REMOVED')
      expect((await getReviewsByIds(deps(), [r.id], moderator))[0]?.status).toBe('REMOVED')
      expect((await moderationNotices(deps(), 'REVIEW', [r.id])).get(r.id)).toMatchObject({ action: 'REMOVE', reason: 'Advertising.' })
      // A removed review cannot be edited (it can still be deleted by its author).
      await expect(updateReview(deps(), author, { reviewId: r.id, rating: 5, body: 'Edited.' })).rejects.toBeInstanceOf(ForbiddenError)

      // Restoring it: published, no notice, counted again; the report it came through stays closed.
      await decideFlag(deps(), admin, { flagId: flag.id, action: 'RESTORE', reason: 'Appeal: a genuine order.' })
      expect((await db.prisma.review.findUniqueOrThrow({ where: { id: r.id } })).status).toBe('PUBLISHED')
      expect((await moderationNotices(deps(), 'REVIEW', [r.id])).size).toBe(0)
      expect(await ids(null)).toContain(r.id)
      const log = (await decisionsAbout(deps(), [{ type: 'REVIEW', id: r.id }])).get(`REVIEW:${r.id}`)!
      expect(log.map((d) => [d.action, d.reason])).toEqual([
        ['REMOVE', 'Advertising.'],
        ['RESTORE', 'Appeal: a genuine order.'],
      ])
      await expect(decideFlag(deps(), admin, { flagId: flag.id, action: 'RESTORE', reason: 'Again.' })).rejects.toBeInstanceOf(AlreadyDecidedError)
    })

    it('keeps: the content unchanged, the reports dismissed, the decision logged as a dismissal', async () => {
      const r = await review(await person('k-author'), 3, 'Fine, slow delivery.')
      const flag = await flagContent(deps(), await person('k-rep'), { targetType: 'REVIEW', targetId: r.id, reason: 'FAKE_REVIEW' })
      const d = await decideFlag(deps(), moderator, { flagId: flag.id, action: 'KEEP', reason: 'A verified order; an honest opinion.' })
      expect(d.action).toBe('KEEP')
      expect((await db.prisma.moderationDecision.findUniqueOrThrow({ where: { id: d.id } })).action).toBe('DISMISS')
      expect((await getDecisionsByIds(deps(), [d.id]))[0]!.action).toBe('KEEP')
      expect((await db.prisma.review.findUniqueOrThrow({ where: { id: r.id } })).status).toBe('PUBLISHED')
      expect((await flagsOn(r.id))[0]!.status).toBe('DISMISSED')
      expect((await moderationNotices(deps(), 'REVIEW', [r.id])).size).toBe(0)
    })

    it('lets one of two moderators deciding at once win; the other is told it was already decided', async () => {
      const r = await review(await person('c-author'))
      const flag = await flagContent(deps(), await person('c-rep'), { targetType: 'REVIEW', targetId: r.id, reason: 'ABUSE' })
      const outcomes = await Promise.allSettled([
        decideFlag(deps(), moderator, { flagId: flag.id, action: 'HIDE', reason: 'Abuse.' }),
        decideFlag(deps(), admin, { flagId: flag.id, action: 'KEEP', reason: 'Fine.' }),
        decideFlag(deps(), admin, { flagId: flag.id, action: 'HIDE', reason: 'Abuse too.' }),
      ])
      const won = outcomes.filter((o) => o.status === 'fulfilled')
      expect(won.length).toBeGreaterThanOrEqual(1)
      for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(AlreadyDecidedError)
      // Whatever the order, the log and the content agree: at most one HIDE and never both kept and hidden.
      const log = (await decisionsAbout(deps(), [{ type: 'REVIEW', id: r.id }])).get(`REVIEW:${r.id}`)!
      expect(log.filter((d) => d.action === 'HIDE').length).toBeLessThanOrEqual(1)
      const status = (await db.prisma.review.findUniqueOrThrow({ where: { id: r.id } })).status
      expect(status).toBe(log.some((d) => d.action === 'HIDE') ? 'HIDDEN' : 'PUBLISHED')
    })

    it('closes the report of content its author deleted only by keeping it', async () => {
      const author = await person('gone')
      const r = await review(author)
      const flag = await flagContent(deps(), await person('gone-rep'), { targetType: 'REVIEW', targetId: r.id, reason: 'SPAM' })
      await deleteReview(deps(), author, { reviewId: r.id })
      await expect(decideFlag(deps(), moderator, { flagId: flag.id, action: 'HIDE', reason: 'Spam.' })).rejects.toBeInstanceOf(NotFoundError)
      await decideFlag(deps(), moderator, { flagId: flag.id, action: 'KEEP', reason: 'Deleted by its author.' })
      expect((await flagsOn(r.id))[0]!.status).toBe('DISMISSED')
    })

    it('hides a response, a question and an answer the same way: notices by kind, FLAG_DECIDED for the supplier', async () => {
      const author = await person('q-author')
      const reporter = await person('q-rep')
      const r = await review(author, 4, 'Good.')
      const response = await respondToReview(deps(), owner, { reviewId: r.id, body: 'Idiot.' })
      const question = await db.prisma.productQuestion.create({ data: { productId, askerId: author.userId, body: 'Spam question' } })
      const answer = await db.prisma.productAnswer.create({ data: { questionId: question.id, authorId: author.userId, body: 'Call 555-0100' } })
      const start = await lastEventId(deps())
      const decide = async (targetType: 'REVIEW_RESPONSE' | 'PRODUCT_QUESTION' | 'PRODUCT_ANSWER', targetId: string, action: 'HIDE' | 'REMOVE') => {
        const f = await flagContent(deps(), reporter, { targetType, targetId, reason: 'ABUSE' })
        return decideFlag(deps(), moderator, { flagId: f.id, action, reason: `${action} ${targetType}` })
      }
      await decide('REVIEW_RESPONSE', response.id, 'HIDE')
      await decide('PRODUCT_QUESTION', question.id, 'REMOVE')
      await decide('PRODUCT_ANSWER', answer.id, 'HIDE')
      expect((await moderationNotices(deps(), 'REVIEW_RESPONSE', [response.id])).get(response.id)?.reason).toBe('HIDE REVIEW_RESPONSE')
      expect((await moderationNotices(deps(), 'PRODUCT_QUESTION', [question.id])).get(question.id)?.action).toBe('REMOVE')
      expect((await moderationNotices(deps(), 'PRODUCT_ANSWER', [answer.id, question.id])).get(answer.id)?.action).toBe('HIDE')
      expect((await db.prisma.productAnswer.findUniqueOrThrow({ where: { id: answer.id } })).status).toBe('HIDDEN')
      expect((await flaggedAnswers(deps(), [answer.id]))[0]).toMatchObject({ status: 'HIDDEN', questionBody: 'Spam question', authorName: 'q-author' })
      const events = await reviewEventsAfter(deps(), supplierId, start)
      expect(events.map((e) => [e.type, e.reviewId, e.decision?.targetType])).toEqual([
        ['FLAG_DECIDED', r.id, 'REVIEW_RESPONSE'],
        ['FLAG_DECIDED', null, 'PRODUCT_QUESTION'],
        ['FLAG_DECIDED', null, 'PRODUCT_ANSWER'],
      ])

      // A hidden response stays under its review (with its status) for everyone; the team may rewrite it.
      expect((await responsesFor(deps(), [r.id], null)).get(r.id)?.status).toBe('HIDDEN')
      await respondToReview(deps(), owner, { reviewId: r.id, body: 'Sorry, that was rude.' })
      expect((await responsesFor(deps(), [r.id], null)).get(r.id)).toMatchObject({ status: 'HIDDEN', body: 'Sorry, that was rude.' })
      // Removed: only the team and moderators see it, and it cannot be edited.
      const f = await flagContent(deps(), reporter, { targetType: 'REVIEW', targetId: r.id, reason: 'OTHER' })
      await decideFlag(deps(), moderator, { flagId: f.id, action: 'KEEP', reason: 'Fine.' })
      await db.prisma.reviewResponse.update({ where: { id: response.id }, data: { status: 'REMOVED' } })
      expect((await responsesFor(deps(), [r.id], reporter)).has(r.id)).toBe(false)
      expect((await responsesFor(deps(), [r.id], owner)).get(r.id)?.status).toBe('REMOVED')
      expect((await responsesFor(deps(), [r.id], moderator)).get(r.id)?.status).toBe('REMOVED')
      await expect(respondToReview(deps(), owner, { reviewId: r.id, body: 'Back.' })).rejects.toBeInstanceOf(ForbiddenError)
    })
  })

  describe('reported conversations', () => {
    it('are opened for a support or legal request only with its reference, logged before anything is read', async () => {
      const buyer = await person('req-buyer')
      const c = await db.prisma.conversation.create({ data: { buyerId: buyer.buyerId!, supplierId, lastSequence: 1 } })
      await db.prisma.message.create({ data: { conversationId: c.id, sequence: 1, authorId: buyer.userId, authorSide: 'BUYER', body: 'Please delete my address.' } })
      const open = (viewer: Viewer, input: Partial<Parameters<typeof readConversationForRequest>[2]>) =>
        readConversationForRequest(deps(), viewer, { conversationId: c.id, reason: 'LEGAL_REQUEST', reference: 'case 2026-17', count: 10, ...input })
      // Refused, and nothing logged: not staff, no reference, an unknown reason, a conversation that doesn't exist.
      await expect(open(buyer, {})).rejects.toBeInstanceOf(ForbiddenError)
      await expect(open(moderator, { reference: '  ' })).rejects.toThrow('Give the request’s reference')
      await expect(open(moderator, { reason: 'CURIOSITY' as never })).rejects.toBeInstanceOf(ValidationError)
      await expect(open(moderator, { conversationId: 'nope' })).rejects.toBeInstanceOf(NotFoundError)
      expect(await db.prisma.accessLog.count({ where: { conversationId: c.id } })).toBe(0)

      const opened = await open(moderator, { reference: ' case   2026-17 ' })
      expect(opened.messages.map((m) => m.body)).toEqual(['Please delete my address.'])
      expect(opened.reason).toBe('a legal request (case 2026-17)')
      const logs = await db.prisma.accessLog.findMany({ where: { conversationId: c.id } })
      expect(logs.map((l) => [l.actorId, l.reason])).toEqual([[moderator.userId, 'legal request: case 2026-17']])
    })

    it('are kept (dismissed) only, and reading their messages for a report is logged with the report’s number', async () => {
      const buyer = await person('conv-buyer')
      const c = await db.prisma.conversation.create({ data: { buyerId: buyer.buyerId!, supplierId, lastSequence: 2, subject: 'Refund' } })
      await db.prisma.message.createMany({
        data: [
          { conversationId: c.id, sequence: 1, authorId: buyer.userId, authorSide: 'BUYER', body: 'Where is my refund?' },
          { conversationId: c.id, sequence: 2, authorId: owner.userId, authorSide: 'SUPPLIER', body: 'Call me at [hidden]', originalBody: 'Call me at 555-0100', masked: true },
        ],
      })
      const flag = await db.prisma.flag.create({ data: { reporterId: buyer.userId, targetType: 'CONVERSATION', targetId: c.id, reason: 'OFF_PLATFORM_CONTACT' } })
      await expect(decideFlag(deps(), moderator, { flagId: flag.id, action: 'HIDE', reason: 'x' })).rejects.toBeInstanceOf(ValidationError)
      await expect(readReportedConversation(deps(), buyer, { flagId: flag.id, count: 10 })).rejects.toBeInstanceOf(ForbiddenError)
      expect(await db.prisma.accessLog.count({ where: { conversationId: c.id } })).toBe(0)
      expect((await reportedConversations(deps(), [c.id]))[0]).toMatchObject({ buyerName: 'conv-buyer', subject: 'Refund', messageCount: 2 })
      expect(await db.prisma.accessLog.count({ where: { conversationId: c.id } })).toBe(0)

      const messages = await readReportedConversation(deps(), moderator, { flagId: flag.id, count: 10, ip: '203.0.113.9' })
      expect(messages.map((m) => [m.sequence, m.authorSide, m.body, m.originalBody])).toEqual([
        [1, 'BUYER', 'Where is my refund?', null],
        [2, 'SUPPLIER', 'Call me at [hidden]', 'Call me at 555-0100'],
      ])
      const logs = await db.prisma.accessLog.findMany({ where: { conversationId: c.id } })
      expect(logs.map((l) => [l.actorId, l.targetType, l.targetId, l.reason, l.ip])).toEqual([[moderator.userId, 'CONVERSATION', c.id, `report #${flag.id}`, '203.0.113.9']])

      const start = await lastEventId(deps())
      announced.length = 0
      await decideFlag(deps(), moderator, { flagId: flag.id, action: 'KEEP', reason: 'Warned the supplier by email.' })
      expect((await db.prisma.flag.findUniqueOrThrow({ where: { id: flag.id } })).status).toBe('DISMISSED')
      // A private conversation is not part of the supplier's public review feed.
      expect(await reviewEventsAfter(deps(), supplierId, start)).toEqual([])
      expect(announced).toEqual([])
    })
  })

  describe('the queue', () => {
    it('is for moderators only: open reports oldest first, filtered by kind, age and status, in pages, with report counts', async () => {
      // A queue of its own: everything earlier is decided first.
      await db.prisma.flag.updateMany({ where: { status: 'OPEN' }, data: { status: 'DISMISSED', resolvedAt: now } })
      const author = await person('queue-author')
      const r1 = await review(author, 1, 'one')
      const r2 = await review(await person('queue-author2'), 1, 'two')
      const question = await db.prisma.productQuestion.create({ data: { productId, askerId: author.userId, body: 'q' } })
      const reporters = await Promise.all(['qa', 'qb', 'qc'].map((n) => person(n)))
      const at = (days: number) => new Date(now.getTime() - days * DAY)
      const made: string[] = []
      for (const [i, [type, id, age]] of ([
        ['REVIEW', r1.id, 5],
        ['PRODUCT_QUESTION', question.id, 3],
        ['REVIEW', r2.id, 1],
      ] as const).entries()) {
        const f = await flagContent(deps(), reporters[i]!, { targetType: type, targetId: id, reason: 'SPAM' })
        await db.prisma.flag.update({ where: { id: f.id }, data: { createdAt: at(age) } })
        made.push(f.id)
      }
      const second = await flagContent(deps(), reporters[2]!, { targetType: 'REVIEW', targetId: r1.id, reason: 'ABUSE' })
      await db.prisma.flag.update({ where: { id: second.id }, data: { createdAt: at(0.5) } })

      await expect(moderationQueue(deps(), owner, { limit: 10 })).rejects.toBeInstanceOf(ForbiddenError)
      await expect(moderationQueue(deps(), null, { limit: 10 })).rejects.toBeInstanceOf(UnauthenticatedError)
      expect(await getFlagsByIds(deps(), owner, made)).toEqual([])
      const ids = async (input: Partial<Parameters<typeof moderationQueue>[2]>) => (await moderationQueue(deps(), moderator, { limit: 10, ...input })).map((f) => f.id)
      // r1 reported twice is one row: its first report (the second only adds to its count).
      expect(await ids({})).toEqual(made)
      expect(await ids({ kinds: ['PRODUCT_QUESTION'] })).toEqual([made[1]])
      expect(await ids({ kinds: ['REVIEW'], olderThan: at(2) })).toEqual([made[0]])
      expect(await ids({ newerThan: at(2) })).toEqual([made[2]])
      // Pages of two, no repeats.
      const page1 = await moderationQueue(deps(), moderator, { limit: 2 })
      const page2 = await moderationQueue(deps(), moderator, { limit: 2, afterId: page1.at(-1)!.id })
      expect([...page1, ...page2].map((f) => f.id)).toEqual(made)
      const counts = await reportCounts(deps(), [
        { type: 'REVIEW', id: r1.id },
        { type: 'PRODUCT_QUESTION', id: question.id },
      ])
      expect([counts.get(`REVIEW:${r1.id}`), counts.get(`PRODUCT_QUESTION:${question.id}`)]).toEqual([2, 1])

      // Deciding one report of r1 closes both; decided ones are listed under their status, latest first.
      now = new Date(now.getTime() + 1000)
      await decideFlag(deps(), admin, { flagId: second.id, action: 'HIDE', reason: 'Spam.' })
      expect(await ids({})).toEqual([made[1], made[2]])
      expect((await ids({ status: 'ACTIONED' })).slice(0, 1)).toEqual([made[0]])
      expect(await ids({ status: 'ACTIONED' })).not.toContain(second.id)
      expect((await getFlagsByIds(deps(), moderator, [made[0]!]))[0]!.status).toBe('ACTIONED')
    })
  })
})
