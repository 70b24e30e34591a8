// Removing a team member hands their conversations back to the team: the inbox shows them as
// unassigned at once, over the API, and the unassigned filter finds them.
import { encodeGlobalID } from '@pothos/plugin-relay'
import { systemClock } from '@rapport/core'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { createSession } from '@rapport/identity'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collect, startTestGateway, type TestGateway } from './testing.ts'

type Res<T> = { data?: T; errors?: { message: string; extensions?: { code?: string } }[] }
type Inbox = { supplier: { inbox: { edges: { node: { id: string; assignee: { displayName: string } | null } }[] } } }

let db: TestDb
let gw: TestGateway
let ownerToken = ''
let agentMemberId = ''
let conversationIds: string[] = []

beforeAll(async () => {
  db = await createTestDb()
  gw = await startTestGateway(db, { redisUrl: process.env.REDIS_URL })
  const supplier = await db.prisma.supplier.create({ data: { slug: 'kaffee', name: 'Kreislauf Kaffee', timeZone: 'Europe/Berlin' } })
  const owner = await db.prisma.user.create({ data: { email: 'owner@kaffee.example', displayName: 'Owner', passwordHash: 'x' } })
  const agent = await db.prisma.user.create({ data: { email: 'jonas@kaffee.example', displayName: 'Jonas', passwordHash: 'x' } })
  await db.prisma.supplierMember.create({ data: { supplierId: supplier.id, userId: owner.id, role: 'OWNER' } })
  agentMemberId = (await db.prisma.supplierMember.create({ data: { supplierId: supplier.id, userId: agent.id, role: 'AGENT' } })).id
  const buyerUser = await db.prisma.user.create({ data: { email: 'maya@example.com', displayName: 'Maya', passwordHash: 'x' } })
  const buyer = await db.prisma.buyer.create({ data: { userId: buyerUser.id, displayName: 'Maya' } })
  ownerToken = (await createSession({ db: db.prisma, clock: systemClock }, owner.id)).token
  const rows = await Promise.all([1, 2].map(() => db.prisma.conversation.create({ data: { buyerId: buyer.id, supplierId: supplier.id } })))
  conversationIds = rows.map((r) => encodeGlobalID('Conversation', r.id))
})
afterAll(async () => {
  await gw?.close()
  await db?.drop()
})


describe('removing a team member', () => {
  it('leaves their conversations unassigned in the inbox, and found by the unassigned filter', async () => {
    const auth = { authorization: `Bearer ${ownerToken}` }
    for (const conversationId of conversationIds) {
      const { body } = await gw.post<Res<{ assignConversation: { __typename: string } }>>(
        'mutation($input: AssignConversationInput!) { assignConversation(input: $input) { __typename } }',
        { input: { conversationId, assigneeId: encodeGlobalID('TeamMember', agentMemberId) } },
        auth,
      )
      expect(body.data?.assignConversation.__typename).toBe('Conversation')
    }
    const INBOX = 'query($f: ConversationFilter) { supplier(slug: "kaffee") { inbox(first: 10, filter: $f) { edges { node { id assignee { displayName } } } } } }'
    const before = (await gw.post<Res<Inbox>>(INBOX, {}, auth)).body.data!.supplier.inbox.edges.map((e) => e.node.assignee)
    expect(before).toEqual([{ displayName: 'Jonas' }, { displayName: 'Jonas' }])
    // The owner's inbox is open in another tab: it hears of both unassignments live.
    type InboxEv = { inboxEvents: { kind: string; conversation: { id: string; assignee: { displayName: string } | null } | null } }
    const live = collect<InboxEv>(gw.wsClient({ connectionParams: { authToken: ownerToken }, lazy: false }), 'subscription { inboxEvents { kind conversation { id assignee { displayName } } } }')
    await live.waitFor((e) => e.some((x) => x.inboxEvents.kind === 'SUBSCRIBED'))

    const removed = await gw.post<Res<{ removeTeamMember: { displayName: string } }>>(
      'mutation($input: RemoveTeamMemberInput!) { removeTeamMember(input: $input) { ... on TeamMember { displayName } } }',
      { input: { memberId: encodeGlobalID('TeamMember', agentMemberId) } },
      auth,
    )
    expect(removed.body.data?.removeTeamMember).toEqual({ displayName: 'Jonas' })
    const updated = () => live.events.filter((x) => x.inboxEvents.kind === 'UPDATED').map((x) => x.inboxEvents.conversation!)
    await live.waitFor(() => updated().length >= 2)
    expect(updated().map((c) => c.id).sort()).toEqual([...conversationIds].sort())
    expect(updated().map((c) => c.assignee)).toEqual([null, null])
    live.dispose()

    const after = (await gw.post<Res<Inbox>>(INBOX, {}, auth)).body.data!.supplier.inbox.edges
    expect(after.map((e) => e.node.assignee)).toEqual([null, null])
    const unassigned = (await gw.post<Res<Inbox>>(INBOX, { f: { unassigned: true } }, auth)).body.data!.supplier.inbox.edges
    expect(unassigned.map((e) => e.node.id).sort()).toEqual([...conversationIds].sort())
  })
})
