// Labels, the assignee and the read positions of individual agents are the supplier team's own
// working notes. The buyer of the conversation must not see them — not in queries, not in the
// live events that are shared across viewers — while the team keeps seeing all of it.
import { encodeGlobalID } from '@pothos/plugin-relay'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collect, conversationWorld, startTestGateway, type TestGateway } from './testing.ts'

let db: TestDb
let gw: TestGateway
let buyerToken = ''
let agentToken = ''
let conversationId = ''
let agentMemberId = ''
let supplierGid = ''

type Res<T> = { data?: T; errors?: { message: string; extensions?: { code?: string } }[] }
const as = (token: string) => ({ authorization: `Bearer ${token}` })

const CONVERSATION = `query($id: ID!) {
  conversation(id: $id) { labels assignee { displayName } readPositions { side displayName } }
  node(id: $id) { ... on Conversation { labels assignee { id } } }
}`
const BUYER_INBOX = `{ viewer { conversations(first: 10) { edges { node { labels assignee { id } } } } } }`
const CONVERSATION_EVENTS = `subscription($id: ID!) { conversationEvents(conversationId: $id) {
  __typename
  ... on ConversationUpdated { fields conversation { status labels assignee { displayName } } }
  ... on ReadPositionChanged { readPosition { side displayName } }
} }`
const INBOX_EVENTS = `subscription { inboxEvents { kind conversation { labels assignee { displayName } } } }`

async function mutate(token: string, name: string, input: Record<string, unknown>) {
  const type = `${name[0]!.toUpperCase()}${name.slice(1)}Input`
  const { body } = await gw.post<Res<Record<string, { __typename: string }>>>(
    `mutation($input: ${type}!) { ${name}(input: $input) { __typename } }`,
    { input },
    as(token),
  )
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined()
  return body.data![name]!
}

beforeAll(async () => {
  db = await createTestDb()
  gw = await startTestGateway(db, { redisUrl: process.env.REDIS_URL })
  const world = await conversationWorld(db, gw, { body: 'Do you ship to Porto?', clientMessageId: 'team-only-start' })
  ;({ agentMemberId, buyerToken, agentToken, conversationId } = world)
  supplierGid = encodeGlobalID('Supplier', world.supplierId)
  // The agent reads it: a read position that names an agent.
  await mutate(agentToken, 'markRead', { conversationId, sequence: 1 })
})
afterAll(async () => {
  await gw?.close()
  await db?.drop()
})

describe('team-only conversation fields', () => {
  it('are empty for the buyer and filled for the team once the team labels and assigns, over HTTP', async () => {
    await mutate(agentToken, 'setConversationLabels', { conversationId, labels: ['difficult-customer'] })
    await mutate(agentToken, 'assignConversation', { conversationId, assigneeId: encodeGlobalID('TeamMember', agentMemberId) })

    const team = (await gw.post<Res<{ conversation: { labels: string[]; assignee: unknown } }>>(CONVERSATION, { id: conversationId }, as(agentToken))).body
    expect(team.data?.conversation).toMatchObject({ labels: ['difficult-customer'], assignee: { displayName: 'Tiago' } })

    const buyer = (await gw.post<Res<{ conversation: { labels: string[]; assignee: unknown; readPositions: { side: string; displayName: string }[] }; node: unknown }>>(CONVERSATION, { id: conversationId }, as(buyerToken))).body
    expect(buyer.errors).toBeUndefined()
    expect(buyer.data?.conversation).toMatchObject({ labels: [], assignee: null })
    expect(buyer.data?.node).toEqual({ labels: [], assignee: null })
    // The buyer sees that the supplier read the message, not which agent did.
    expect(buyer.data?.conversation.readPositions).toContainEqual({ side: 'SUPPLIER', displayName: 'Olive & Oak' })
    expect(JSON.stringify(buyer)).not.toContain('Tiago')
    expect(JSON.stringify(buyer)).not.toContain('difficult-customer')

    const inbox = (await gw.post<Res<unknown>>(BUYER_INBOX, {}, as(buyerToken))).body
    expect(inbox).toEqual({ data: { viewer: { conversations: { edges: [{ node: { labels: [], assignee: null } }] } } } })
  })

  it('cannot be probed by the buyer through inbox filters', async () => {
    const { body } = await gw.post<Res<unknown>>(
      `{ viewer { conversations(first: 10, filter: { label: "difficult-customer" }) { edges { node { id } } } } }`,
      {},
      as(buyerToken),
    )
    expect(body.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED')
    expect(body.errors?.[0]?.message).toMatch(/supplier team/i)
  })

  it('never reach the buyer through live events over graphql-ws, while the team gets them', async () => {
    const buyerWs = gw.wsClient({ connectionParams: { authToken: buyerToken } })
    const agentWs = gw.wsClient({ connectionParams: { authToken: agentToken } })
    type ConvEv = { conversationEvents: { __typename: string; fields?: string[]; conversation?: { status: string; labels: string[]; assignee: unknown }; readPosition?: { side: string; displayName: string } } }
    type InboxEv = { inboxEvents: { kind: string; conversation: { labels: string[]; assignee: unknown } | null } }
    const buyerConv = collect<ConvEv>(buyerWs, CONVERSATION_EVENTS, { id: conversationId })
    const agentConv = collect<ConvEv>(agentWs, CONVERSATION_EVENTS, { id: conversationId })
    const buyerInbox = collect<InboxEv>(buyerWs, INBOX_EVENTS)
    const agentInbox = collect<InboxEv>(agentWs, INBOX_EVENTS)
    await Promise.all([
      buyerConv.waitFor((e) => e.some((x) => x.conversationEvents.__typename === 'Subscribed')),
      agentConv.waitFor((e) => e.some((x) => x.conversationEvents.__typename === 'Subscribed')),
      buyerInbox.waitFor((e) => e.some((x) => x.inboxEvents.kind === 'SUBSCRIBED')),
      agentInbox.waitFor((e) => e.some((x) => x.inboxEvents.kind === 'SUBSCRIBED')),
    ])

    await mutate(agentToken, 'setConversationLabels', { conversationId, labels: ['difficult-customer', 'vip'] })
    await mutate(agentToken, 'assignConversation', { conversationId, assigneeId: null })
    await mutate(agentToken, 'assignConversation', { conversationId, assigneeId: encodeGlobalID('TeamMember', agentMemberId) })
    await mutate(agentToken, 'markRead', { conversationId, sequence: 1 })
    // A change the buyer is meant to see, after the team-only ones: once it arrives, so would they have.
    await mutate(agentToken, 'setConversationStatus', { conversationId, status: 'AWAITING_BUYER' })

    const statusSeen = (e: ConvEv[]) => e.some((x) => x.conversationEvents.fields?.includes('status'))
    await agentConv.waitFor(statusSeen)
    await buyerConv.waitFor(statusSeen)
    await agentInbox.waitFor((e) => e.filter((x) => x.inboxEvents.kind === 'UPDATED').length >= 4)
    await buyerInbox.waitFor((e) => e.some((x) => x.inboxEvents.kind === 'UPDATED'))

    // The team sees every change, with its data.
    expect(agentConv.events.map((x) => x.conversationEvents.fields).filter(Boolean)).toEqual([['labels'], ['assignee'], ['assignee'], ['status']])
    expect(agentConv.events.at(-1)?.conversationEvents.conversation).toMatchObject({ labels: ['difficult-customer', 'vip'], assignee: { displayName: 'Tiago' } })

    // The buyer hears about the status only: no label or assignment event, no label or agent in any payload.
    const buyerUpdates = buyerConv.events.filter((x) => x.conversationEvents.__typename === 'ConversationUpdated')
    expect(buyerUpdates).toEqual([{ conversationEvents: { __typename: 'ConversationUpdated', fields: ['status'], conversation: { status: 'AWAITING_BUYER', labels: [], assignee: null } } }])
    expect(buyerInbox.events.filter((x) => x.inboxEvents.kind === 'UPDATED')).toEqual([{ inboxEvents: { kind: 'UPDATED', conversation: { labels: [], assignee: null } } }])
    for (const x of buyerConv.events) if (x.conversationEvents.readPosition?.side === 'SUPPLIER') expect(x.conversationEvents.readPosition.displayName).toBe('Olive & Oak')
    const seenByBuyer = JSON.stringify([buyerConv.events, buyerInbox.events])
    expect(seenByBuyer).not.toContain('difficult-customer')
    expect(seenByBuyer).not.toContain('Tiago')
    expect(buyerConv.errors).toEqual([])
    expect(buyerInbox.errors).toEqual([])
  })
  it('stay the team’s when changed in bulk: labels reach the team live, the buyer hears only the status', async () => {
    const buyerWs = gw.wsClient({ connectionParams: { authToken: buyerToken } })
    const agentWs = gw.wsClient({ connectionParams: { authToken: agentToken } })
    type ConvEv = { conversationEvents: { __typename: string; fields?: string[]; conversation?: { status: string; labels: string[] } } }
    const buyerConv = collect<ConvEv>(buyerWs, CONVERSATION_EVENTS, { id: conversationId })
    const agentConv = collect<ConvEv>(agentWs, CONVERSATION_EVENTS, { id: conversationId })
    const subscribed = (e: ConvEv[]) => e.some((x) => x.conversationEvents.__typename === 'Subscribed')
    await Promise.all([buyerConv.waitFor(subscribed), agentConv.waitFor(subscribed)])

    const bulk = async (input: Record<string, unknown>) =>
      (
        await gw.post<Res<{ updateConversations: { __typename: string; conversations?: { labels: string[]; status: string }[]; message?: string } }>>(
          `mutation($input: UpdateConversationsInput!) { updateConversations(input: $input) {
            __typename ... on UpdateConversationsPayload { conversations { labels status } } ... on Error { message } } }`,
          { input: { supplierId: supplierGid, conversationIds: [conversationId], ...input } },
          as(agentToken),
        )
      ).body.data!.updateConversations
    expect(await bulk({ addLabels: ['bulk-only'] })).toMatchObject({ __typename: 'UpdateConversationsPayload', conversations: [{ labels: expect.arrayContaining(['bulk-only']) }] })
    // Bad input: a clear error, nothing changed.
    expect(await bulk({})).toMatchObject({ __typename: 'ValidationError', message: expect.stringMatching(/Choose something to change/) })
    expect(await bulk({ conversationIds: [encodeGlobalID('Conversation', '0190a0a0-0000-7000-8000-000000000000')], status: 'RESOLVED' })).toMatchObject({ __typename: 'NotFoundError' })
    expect(await bulk({ status: 'OPEN', removeLabels: ['bulk-only'] })).toMatchObject({ conversations: [{ status: 'OPEN' }] })

    const statusSeen = (e: ConvEv[]) => e.some((x) => x.conversationEvents.fields?.includes('status'))
    await Promise.all([agentConv.waitFor(statusSeen), buyerConv.waitFor(statusSeen)])
    expect(agentConv.events.map((x) => x.conversationEvents.fields).filter(Boolean)).toEqual([['labels'], ['status', 'labels']])
    const buyerUpdates = buyerConv.events.filter((x) => x.conversationEvents.__typename === 'ConversationUpdated')
    // Mixed changes reach the buyer with the team's fields left out of `fields` too.
    expect(buyerUpdates).toEqual([{ conversationEvents: { __typename: 'ConversationUpdated', fields: ['status'], conversation: { status: 'OPEN', labels: [], assignee: null } } }])
    expect(JSON.stringify(buyerConv.events)).not.toContain('bulk-only')
  })
})
