// Moderation over the wire: a buyer reports a review, people who are not moderators can neither
// see the queue nor decide, a moderator finds it in the queue and hides it with a reason, the
// public page then shows the notice without the text and the summary without the rating, and
// the supplier's team hears FLAG_DECIDED live.
import { encodeGlobalID } from '@pothos/plugin-relay'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { followReviewEvents, useReviewWorld, type Result } from './review-testing.ts'

type Who = 'maya' | 'erik' | 'agent' | 'moderator'

const FLAG = `mutation($input: FlagContentInput!) { flagContent(input: $input) {
  __typename
  ... on Flag { id kind reason details status }
  ... on Error { code message }
  ... on ValidationError { field }
} }`
const QUEUE = `query($kinds: [FlaggedContentKind!]) { moderationQueue(first: 10, kinds: $kinds) { edges { node {
  id reason details reporterName reportCount status
  content { __typename kind status supplier { name } ... on FlaggedReview { orderPlacedAt review { title body rating authorName } } ... on FlaggedConversation { buyerName lastMessages(count: 5) { body } } }
  decisions { action }
} } } }`
const DECIDE = `mutation($input: DecideFlagInput!) { decideFlag(input: $input) {
  __typename
  ... on ModerationDecision { action reason moderatorName kind }
  ... on Error { code message }
  ... on AlreadyDecidedError { currentStatus }
  ... on ValidationError { field }
} }`
const PAGE = `query { supplier(slug: "kiln") {
  ratingSummary { count average }
  reviews(first: 10, sort: NEWEST) { edges { node { id title body rating versions { body } moderation { action reason decidedAt } } } }
} }`
const EVENTS = `subscription($supplierId: ID!) { reviewEvents(supplierId: $supplierId) {
  kind cursor review { id moderation { reason } } decision { action reason kind contentId moderatorName }
} }`
const FLAGGED = `query($open: Boolean, $first: Int, $after: String) { supplier(slug: "kiln") { flaggedContent(open: $open, first: $first, after: $after) {
  openCount pageInfo { hasNextPage endCursor }
  edges { cursor node { kind contentId state contentStatus reasons reportedOn text authorName decision { action publicReason } } }
} } }`
type Ev = { reviewEvents: { kind: string; review: { id: string; moderation: { reason: string } | null } | null; decision: { action: string; reason: string; kind: string; contentId: string; moderatorName: string | null } | null } }

const world = useReviewWorld<Who>({
  timeZone: 'UTC',
  people: {
    maya: { email: 'maya@example.com', name: 'Maya', buyer: true },
    erik: { email: 'erik@example.com', name: 'Erik', buyer: true },
    agent: { email: 'agent@kiln.example', name: 'Agent', agent: true },
    moderator: { email: 'priscila@rapport.example', name: 'Priscila', platformRole: 'MODERATOR' },
  },
})
const { as } = world
const reviewIds = { rude: '', fine: '' }
let conversationFlag = ''
let reportedConversation = ''

beforeAll(async () => {
  const { prisma } = world.db
  const { maya, erik, agent } = world.people
  const review = async (buyerId: string, rating: number, title: string, body: string) => {
    const o = await prisma.order.create({
      data: { number: `R-${Math.random()}`, buyerId, supplierId: world.supplier.id, totalCents: 100, status: 'DELIVERED', deliveredAt: new Date(), items: { create: [{ productId: world.supplier.productId, quantity: 1, unitPriceCents: 100 }] } },
    })
    const r = await prisma.review.create({ data: { orderId: o.id, buyerId, supplierId: world.supplier.id, rating, title, body, versions: { create: { version: 1, rating, title, body } } } })
    return encodeGlobalID('Review', r.id)
  }
  reviewIds.rude = await review(erik.buyerId, 1, 'Crooks', 'The owner is a crook and a liar.')
  reviewIds.fine = await review(maya.buyerId, 5, 'Lovely', 'A lovely jar.')
  const c = await prisma.conversation.create({ data: { buyerId: maya.buyerId, supplierId: world.supplier.id, lastSequence: 1 } })
  await prisma.message.create({ data: { conversationId: c.id, sequence: 1, authorId: agent.userId, authorSide: 'SUPPLIER', body: 'Pay me outside the platform.' } })
  reportedConversation = encodeGlobalID('Conversation', c.id)
  conversationFlag = encodeGlobalID('Flag', (await prisma.flag.create({ data: { reporterId: maya.userId, targetType: 'CONVERSATION', targetId: c.id, reason: 'OFF_PLATFORM_CONTACT' } })).id)
})

const post = async <T>(query: string, variables: Record<string, unknown>, who?: Who) => (await world.gw.post<Result<T>>(query, variables, who ? as(who) : {})).body

describe('moderation over the API', () => {
  it('a report → only moderators see the queue and decide → hidden with a reason: the public page shows the notice, the summary drops it, the team hears it live', async () => {
    const live = await followReviewEvents<Ev>(world.client('agent', { lazy: false }), EVENTS, { supplierId: world.supplier.gid })

    // Maya reports Erik's review; she cannot report her own.
    const flagged = (await post<{ flagContent: { __typename: string; id: string; status: string } }>(FLAG, { input: { contentId: reviewIds.rude, reason: 'ABUSE', details: 'Insults the owner.' } }, 'maya')).data!.flagContent
    expect(flagged).toMatchObject({ __typename: 'Flag', kind: 'REVIEW', reason: 'ABUSE', status: 'OPEN' })
    expect((await post<{ flagContent: unknown }>(FLAG, { input: { contentId: reviewIds.fine, reason: 'SPAM' } }, 'maya')).data!.flagContent).toMatchObject({ __typename: 'CannotFlagOwnContentError', code: 'CANNOT_FLAG_OWN_CONTENT' })
    expect((await post<{ flagContent: unknown }>(FLAG, { input: { contentId: world.supplier.gid, reason: 'SPAM' } }, 'maya')).data!.flagContent).toMatchObject({ __typename: 'ValidationError', field: 'contentId' })
    const anonymous = await post<{ flagContent: unknown }>(FLAG, { input: { contentId: reviewIds.rude, reason: 'SPAM' } })
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')

    // Neither the reporter, the author nor the supplier's team sees the queue or decides.
    for (const who of ['maya', 'erik', 'agent'] as const) {
      expect((await post(QUEUE, {}, who)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
      expect((await post(DECIDE, { input: { flagId: flagged.id, action: 'HIDE', reason: 'x' } }, who)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    }
    expect(await world.db.prisma.moderationDecision.count()).toBe(0)

    // The moderator's queue: the report with its content and context; no access logged for reviews.
    type Queue = { moderationQueue: { edges: { node: { id: string; content: Record<string, unknown> } & Record<string, unknown> }[] } }
    const queue = (await post<Queue>(QUEUE, { kinds: ['REVIEW'] }, 'moderator')).data!.moderationQueue.edges.map((e) => e.node)
    expect(queue).toEqual([
      {
        id: flagged.id,
        reason: 'ABUSE',
        details: 'Insults the owner.',
        reporterName: 'Maya',
        reportCount: 1,
        status: 'OPEN',
        content: { __typename: 'FlaggedReview', kind: 'REVIEW', status: 'PUBLISHED', supplier: { name: 'Kiln' }, orderPlacedAt: expect.any(String), review: { title: 'Crooks', body: 'The owner is a crook and a liar.', rating: 1, authorName: 'Erik' } },
        decisions: [],
      },
    ])
    const before = (await post<{ supplier: { ratingSummary: { count: number } } }>(PAGE, {})).data!.supplier.ratingSummary

    // A reason is required; then it is hidden.
    expect((await post<{ decideFlag: unknown }>(DECIDE, { input: { flagId: flagged.id, action: 'HIDE', reason: ' ' } }, 'moderator')).data!.decideFlag).toMatchObject({ __typename: 'ValidationError', field: 'reason' })
    const decided = (await post<{ decideFlag: unknown }>(DECIDE, { input: { flagId: flagged.id, action: 'HIDE', reason: 'Personal attack on the owner.' } }, 'moderator')).data!.decideFlag
    expect(decided).toEqual({ __typename: 'ModerationDecision', action: 'HIDE', reason: 'Personal attack on the owner.', moderatorName: 'Priscila', kind: 'REVIEW' })
    const again = (await post<{ decideFlag: unknown }>(DECIDE, { input: { flagId: flagged.id, action: 'HIDE', reason: 'Again.' } }, 'moderator')).data!.decideFlag
    expect(again).toMatchObject({ __typename: 'AlreadyDecidedError', currentStatus: 'HIDDEN' })

    // The public page: in place, the notice, no text; the summary without it.
    type Page = { supplier: { ratingSummary: { count: number; average: number }; reviews: { edges: { node: { id: string; title: string | null; body: string; versions: unknown[]; moderation: { reason: string } | null } }[] } } }
    const publicly = (await post<Page>(PAGE, {})).data!.supplier
    const hidden = publicly.reviews.edges.map((e) => e.node).find((n) => n.id === reviewIds.rude)!
    expect(hidden).toMatchObject({ title: null, body: '', rating: null, versions: [], moderation: { action: 'HIDE', reason: 'Personal attack on the owner.' } })
    expect(publicly.ratingSummary).toEqual({ count: before.count - 1, average: 5 })
    expect(publicly.reviews.edges.find((e) => e.node.id === reviewIds.fine)!.node.moderation).toBeNull()
    // Its author still reads their text, with the reason.
    const own = (await post<Page>(PAGE, {}, 'erik')).data!.supplier.reviews.edges.find((e) => e.node.id === reviewIds.rude)!.node
    expect(own).toMatchObject({ body: 'The owner is a crook and a liar.', rating: 1, moderation: { reason: 'Personal attack on the owner.' } })

    // The team's live feed: FLAG_DECIDED with the decision (no moderator name for the team).
    await live.waitFor((es) => es.some((e) => e.reviewEvents.kind === 'FLAG_DECIDED'))
    expect(live.events.find((e) => e.reviewEvents.kind === 'FLAG_DECIDED')!.reviewEvents).toMatchObject({
      review: { id: reviewIds.rude, moderation: { reason: 'Personal attack on the owner.' } },
      decision: { action: 'HIDE', reason: 'Personal attack on the owner.', kind: 'REVIEW', contentId: reviewIds.rude, moderatorName: null },
    })
    live.dispose()

    // The reporter and the author are told (a job enqueued with the decision), and by email: on by default for decisions.
    const told = async (who: Who) =>
      (await world.db.prisma.notification.findMany({ where: { userId: world.people[who].userId, kind: 'MODERATION_DECISION' } })).map((n) => (n.payload as { text: string }).text)
    await vi.waitFor(async () => expect(await told('erik')).toEqual(['A moderator hid your review.']), { timeout: 15_000 })
    expect(await told('maya')).toEqual(['A moderator looked at the review you reported and hid it.'])
    await vi.waitFor(async () => expect(await world.db.prisma.emailLog.count({ where: { kind: 'MODERATION_DECISION' } })).toBe(2), { timeout: 15_000 })
  })

  it('shows a reported conversation to a moderator only with an access-log row, and keeps it (never hides it)', async () => {
    type Queue = { moderationQueue: { edges: { node: { id: string; content: { buyerName: string; lastMessages: { body: string }[] } } }[] } }
    const before = await world.db.prisma.accessLog.count()
    const node = (await post<Queue>(QUEUE, { kinds: ['CONVERSATION'] }, 'moderator')).data!.moderationQueue.edges[0]!.node
    expect(node.content).toMatchObject({ buyerName: 'Maya', lastMessages: [{ body: 'Pay me outside the platform.' }] })
    const log = await world.db.prisma.accessLog.findMany({ orderBy: { createdAt: 'desc' }, take: 1 })
    expect(await world.db.prisma.accessLog.count()).toBe(before + 1)
    expect(log[0]!.reason).toBe(`report #${Buffer.from(conversationFlag, 'base64').toString().split(':')[1]}`)
    // Both parties see who opened it, when and why (Conversation.accessLog); someone else sees nothing.
    type Log = { conversation: { accessLog: { actorName: string; actorRole: string; reason: string; reportId: string | null; at: string }[] } | null }
    const ACCESS = `query($id: ID!) { conversation(id: $id) { accessLog { actorName actorRole reason reportId at } } }`
    for (const who of ['maya', 'agent'] as const) {
      const entries = (await post<Log>(ACCESS, { id: reportedConversation }, who)).data!.conversation!.accessLog
      expect(entries.at(-1)).toMatchObject({ actorRole: 'MODERATOR', reason: expect.stringMatching(/^a report \(#[0-9a-f]{8}\)$/), reportId: conversationFlag })
      expect(entries.at(-1)!.actorName).toBe('Priscila')
    }
    expect((await post<Log>(ACCESS, { id: reportedConversation }, 'erik')).data?.conversation ?? null).toBeNull()

    // A legal request: refused without a reference (nothing logged), then read and shown to the parties.
    const OPEN = `mutation($input: OpenConversationForRequestInput!) { openConversationForRequest(input: $input) {
      __typename ... on OpenedConversation { messages { body } } ... on Error { message } } }`
    type Opened = { openConversationForRequest: { __typename: string; messages?: { body: string }[]; message?: string } }
    const logged = await world.db.prisma.accessLog.count()
    const refused = (await post<Opened>(OPEN, { input: { conversationId: reportedConversation, reason: 'LEGAL_REQUEST', reference: '' } }, 'moderator')).data!
    expect(refused.openConversationForRequest).toMatchObject({ __typename: 'ValidationError', message: expect.stringMatching(/reference/) })
    expect((await post<Opened>(OPEN, { input: { conversationId: reportedConversation, reason: 'LEGAL_REQUEST', reference: 'case 17' } }, 'agent')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    expect(await world.db.prisma.accessLog.count()).toBe(logged)
    const opened = (await post<Opened>(OPEN, { input: { conversationId: reportedConversation, reason: 'LEGAL_REQUEST', reference: 'case 17' } }, 'moderator')).data!
    expect(opened.openConversationForRequest.messages).toEqual([{ body: 'Pay me outside the platform.' }])
    const seen = (await post<Log>(ACCESS, { id: reportedConversation }, 'maya')).data!.conversation!.accessLog
    expect(seen.at(-1)).toMatchObject({ actorName: 'Priscila', actorRole: 'MODERATOR', reason: 'a legal request (case 17)', reportId: null })
    expect((await post<{ decideFlag: unknown }>(DECIDE, { input: { flagId: conversationFlag, action: 'HIDE', reason: 'No.' } }, 'moderator')).data!.decideFlag).toMatchObject({ __typename: 'ValidationError', field: 'action' })
    expect((await post<{ decideFlag: unknown }>(DECIDE, { input: { flagId: conversationFlag, action: 'KEEP', reason: 'Warned the supplier.' } }, 'moderator')).data!.decideFlag).toMatchObject({ action: 'KEEP', kind: 'CONVERSATION' })
  })

  it('shows the supplier’s team what of its content was reported and what moderators decided — never who reported it; live on FLAG_DECIDED', async () => {
    type Item = { kind: string; contentId: string; state: string; contentStatus: string; reasons: string[]; reportedOn: string; text: string | null; authorName: string | null; decision: { action: string; publicReason: string | null } | null }
    type Flagged = { supplier: { flaggedContent: { openCount: number; edges: { cursor: string; node: Item }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } }
    const list = (who: Who | undefined, variables: Record<string, unknown> = {}) => post<Flagged>(FLAGGED, variables, who)

    // Erik reports Maya's review; the hidden one (reported by Maya) is there too. The reported conversation is not.
    const erikFlag = (await post<{ flagContent: { id: string } }>(FLAG, { input: { contentId: reviewIds.fine, reason: 'FAKE_REVIEW', details: 'Erik here: she is the owner’s cousin.' } }, 'erik')).data!.flagContent
    const first = (await list('agent')).data!.supplier.flaggedContent
    expect(first.openCount).toBe(1)
    expect(first.edges.map((e) => e.node)).toEqual([
      { kind: 'REVIEW', contentId: reviewIds.fine, state: 'OPEN', contentStatus: 'PUBLISHED', reasons: ['FAKE_REVIEW'], reportedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), text: 'A lovely jar.', authorName: 'Maya', decision: null },
      { kind: 'REVIEW', contentId: reviewIds.rude, state: 'HIDDEN', contentStatus: 'HIDDEN', reasons: ['ABUSE'], reportedOn: expect.any(String), text: null, authorName: 'Erik', decision: { action: 'HIDE', publicReason: 'Personal attack on the owner.' } },
    ])
    // Reporters (Maya, Erik), their words and the moderator stay private.
    const seen = JSON.stringify(first)
    for (const secret of ['cousin', 'Insults', 'Priscila', 'crook']) expect(seen).not.toContain(secret)
    expect((await list('agent', { open: true })).data!.supplier.flaggedContent.edges.map((e) => e.node.contentId)).toEqual([reviewIds.fine])
    // Pages by item.
    const page1 = (await list('agent', { first: 1 })).data!.supplier.flaggedContent
    expect(page1.pageInfo.hasNextPage).toBe(true)
    const page2 = (await list('agent', { first: 1, after: page1.pageInfo.endCursor })).data!.supplier.flaggedContent
    expect([...page1.edges, ...page2.edges].map((e) => e.node.contentId)).toEqual([reviewIds.fine, reviewIds.rude])
    expect(page2.pageInfo.hasNextPage).toBe(false)

    // Team members only: not the buyers, not the moderators (they have the queue), not signed-out callers.
    for (const who of ['maya', 'erik', 'moderator'] as const) expect((await list(who)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    expect((await list(undefined)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED')

    // The moderator keeps it: the team hears FLAG_DECIDED, and reads "kept" — without the moderator's words.
    const live = await followReviewEvents<Ev>(world.client('agent', { lazy: false }), EVENTS, { supplierId: world.supplier.gid })
    const mark = live.events.length
    await post(DECIDE, { input: { flagId: erikFlag.id, action: 'KEEP', reason: 'A verified order; the reporter gave no evidence.' } }, 'moderator')
    await live.waitFor((es) => es.slice(mark).some((e) => e.reviewEvents.kind === 'FLAG_DECIDED'))
    live.dispose()
    // The live event names the decision but not its reason: that was written for the reporter and the author.
    const kept = live.events.slice(mark).find((e) => e.reviewEvents.kind === 'FLAG_DECIDED')!.reviewEvents
    expect(kept.decision).toEqual({ action: 'KEEP', reason: null, kind: 'REVIEW', contentId: reviewIds.fine, moderatorName: null })
    const after = (await list('agent')).data!.supplier.flaggedContent
    expect(after.openCount).toBe(0)
    expect(after.edges[0]!.node).toMatchObject({ contentId: reviewIds.fine, state: 'KEPT', contentStatus: 'PUBLISHED', decision: { action: 'KEEP', publicReason: null } })
    expect(JSON.stringify(after)).not.toContain('evidence')
  })
})
