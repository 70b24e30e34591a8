// Live messaging over the wire: real HTTP, real graphql-ws clients, a real database (and
// Redis when REDIS_URL is set, as in CI).
import { encodeGlobalID } from '@pothos/plugin-relay'
import { systemClock } from '@rapport/core'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { createSession } from '@rapport/identity'
import type { Client } from 'graphql-ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collect, startTestGateway, wsExecute, type TestGateway } from './testing.ts'

type Result<T> = { data?: T; errors?: { message: string; extensions?: { code?: string } }[] }
type Ev = { conversationEvents: { __typename: string; lastSequence?: number; message?: { id: string; sequence: number; body: string; author: { side: string } }; readPosition?: { side: string; lastReadSequence: number }; typing?: boolean; participant?: { side: string } } }

const EVENTS = `subscription($id: ID!, $after: Int) { conversationEvents(conversationId: $id, afterSequence: $after) {
  __typename
  ... on Subscribed { lastSequence }
  ... on MessageAdded { message { id sequence body author { side } } }
  ... on ReadPositionChanged { readPosition { side lastReadSequence } }
  ... on TypingChanged { typing participant { side } }
} }`
const START = `mutation($input: StartConversationInput!) { startConversation(input: $input) {
  __typename ... on StartConversationPayload { conversation { id } sentMessage { id sequence } } ... on Error { message code } } }`
const SEND = `mutation($input: SendMessageInput!) { sendMessage(input: $input) {
  __typename ... on SendMessagePayload { duplicate sentMessage { id sequence body } } ... on Error { message code } } }`

let db: TestDb
let gw: TestGateway
const tokens: Record<'buyer' | 'agent' | 'otherBuyer', string> = { buyer: '', agent: '', otherBuyer: '' }
let supplierId = ''
let productId = ''

async function person(email: string, name: string) {
  return db.prisma.user.create({ data: { email, displayName: name, passwordHash: 'x' } })
}

beforeAll(async () => {
  db = await createTestDb()
  // Generous budgets: these tests send many messages on purpose (the limit has its own test).
  gw = await startTestGateway(db, { redisUrl: process.env.REDIS_URL, sendBudgets: [{ points: 1000, durationSeconds: 60 }] })
  const supplier = await db.prisma.supplier.create({
    data: { slug: 'oak', name: 'Olive & Oak', timeZone: 'Europe/Lisbon', products: { create: [{ slug: 'oil', name: 'Oil', description: '.', priceCents: 100 }] } },
    include: { products: true },
  })
  supplierId = encodeGlobalID('Supplier', supplier.id)
  productId = encodeGlobalID('Product', supplier.products[0]!.id)
  const maya = await person('maya@example.com', 'Maya')
  await db.prisma.buyer.create({ data: { userId: maya.id, displayName: 'Maya' } })
  const erik = await person('erik@example.com', 'Erik')
  await db.prisma.buyer.create({ data: { userId: erik.id, displayName: 'Erik' } })
  const tiago = await person('tiago@oak.example', 'Tiago')
  await db.prisma.supplierMember.create({ data: { supplierId: supplier.id, userId: tiago.id, role: 'AGENT' } })
  const deps = { db: db.prisma, clock: systemClock }
  tokens.buyer = (await createSession(deps, maya.id)).token
  tokens.otherBuyer = (await createSession(deps, erik.id)).token
  tokens.agent = (await createSession(deps, tiago.id)).token
})
afterAll(async () => {
  await gw?.close()
  await db?.drop()
})

const as = (who: keyof typeof tokens) => ({ authorization: `Bearer ${tokens[who]}` })
const socket = (who: keyof typeof tokens): Client => gw.wsClient({ connectionParams: { authToken: tokens[who] }, lazy: false })
let n = 0
const cid = () => `test-${Date.now()}-${n++}`

async function startConversation(body = 'Is this year’s oil ready?') {
  const { body: res } = await gw.post<Result<{ startConversation: { conversation: { id: string } } }>>(
    START,
    { input: { supplierId, productId, body, clientMessageId: cid() } },
    as('buyer'),
  )
  if (!res.data) throw new Error(JSON.stringify(res.errors))
  return res.data.startConversation.conversation.id
}
async function send(who: keyof typeof tokens, conversationId: string, body: string, clientMessageId = cid()) {
  const { body: res } = await gw.post<Result<{ sendMessage: { __typename: string; duplicate?: boolean; sentMessage?: { id: string; sequence: number } } }>>(
    SEND,
    { input: { conversationId, clientMessageId, body } },
    as(who),
  )
  if (res.errors) throw new Error(JSON.stringify(res.errors))
  return res.data!.sendMessage
}
const added = (events: Ev[]) => events.filter((e) => e.conversationEvents.__typename === 'MessageAdded').map((e) => e.conversationEvents.message!)
const subscribed = (events: Ev[]) => events.some((e) => e.conversationEvents.__typename === 'Subscribed')

describe('live messaging between a buyer and a supplier agent', () => {
  it('delivers a message sent by one to the other live, with read position and typing', async () => {
    const conversationId = await startConversation()
    const buyerSocket = socket('buyer')
    const agentSocket = socket('agent')
    const buyerSide = collect<Ev>(buyerSocket, EVENTS, { id: conversationId })
    const agentSide = collect<Ev>(agentSocket, EVENTS, { id: conversationId })
    await Promise.all([buyerSide.waitFor(subscribed), agentSide.waitFor(subscribed)])

    await send('agent', conversationId, 'Yes! Pressed last week.')
    await buyerSide.waitFor((e) => added(e).some((m) => m.body === 'Yes! Pressed last week.'))
    expect(added(buyerSide.events).at(-1)).toMatchObject({ sequence: 2, author: { side: 'SUPPLIER' } })

    await gw.post('mutation($input: MarkReadInput!) { markRead(input: $input) { __typename } }', { input: { conversationId, sequence: 2 } }, as('buyer'))
    await agentSide.waitFor((e) => e.some((x) => x.conversationEvents.readPosition?.side === 'BUYER' && x.conversationEvents.readPosition.lastReadSequence === 2))

    await wsExecute(buyerSocket, 'mutation($input: SetTypingInput!) { setTyping(input: $input) }', { input: { conversationId, typing: true } })
    await agentSide.waitFor((e) => e.some((x) => x.conversationEvents.__typename === 'TypingChanged' && x.conversationEvents.participant?.side === 'BUYER'))
    // The typist does not hear their own typing.
    expect(buyerSide.events.some((x) => x.conversationEvents.__typename === 'TypingChanged')).toBe(false)

    await send('buyer', conversationId, 'Lovely, ordering now.')
    await agentSide.waitFor((e) => added(e).some((m) => m.body === 'Lovely, ordering now.'))
  })

  it('refuses the subscription to anyone outside the conversation', async () => {
    const conversationId = await startConversation()
    const outsider = collect<Ev>(socket('otherBuyer'), EVENTS, { id: conversationId })
    await expect(outsider.waitFor(() => false, 3000)).rejects.toThrow(/NOT_FOUND|No such conversation|subscription failed/)
  })
})

describe('idempotent sends', () => {
  it('stores one row and publishes one event for the same clientMessageId sent 3 times at once and again after a dropped socket', async () => {
    const conversationId = await startConversation()
    const watcher = collect<Ev>(socket('agent'), EVENTS, { id: conversationId })
    await watcher.waitFor(subscribed)
    const id = cid()
    const first = await Promise.all([1, 2, 3].map(() => send('buyer', conversationId, 'Only once, please', id)))

    // Over a socket that drops right after sending: the retry on a new socket gets the same message.
    const flaky = socket('buyer')
    await wsExecute(flaky, SEND, { input: { conversationId, clientMessageId: id, body: 'Only once, please' } })
    await flaky.dispose()
    const retry = await wsExecute<{ sendMessage: { duplicate: boolean; sentMessage: { id: string } } }>(socket('buyer'), SEND, {
      input: { conversationId, clientMessageId: id, body: 'Only once, please' },
    })

    const ids = new Set([...first.map((r) => r.sentMessage!.id), retry.data!.sendMessage.sentMessage.id])
    expect(ids.size).toBe(1)
    expect(first.filter((r) => r.duplicate === false)).toHaveLength(1)
    expect(retry.data!.sendMessage.duplicate).toBe(true)
    expect(await db.prisma.message.count({ where: { clientMessageId: id } })).toBe(1)
    // One more message as a marker: everything before it has been delivered by then.
    await send('buyer', conversationId, 'marker')
    await watcher.waitFor((e) => added(e).some((m) => m.body === 'marker'))
    expect(added(watcher.events).filter((m) => m.body === 'Only once, please')).toHaveLength(1)
  })
})

describe('resuming after a disconnect', () => {
  it('delivers exactly the 50 messages sent while away, in order, after the last sequence seen', async () => {
    const conversationId = await startConversation()
    const first = collect<Ev>(socket('buyer'), EVENTS, { id: conversationId })
    await first.waitFor(subscribed)
    const lastSeen = first.events.find((e) => e.conversationEvents.__typename === 'Subscribed')!.conversationEvents.lastSequence!
    first.dispose()

    for (let i = 1; i <= 50; i++) await send(i % 2 ? 'agent' : 'buyer', conversationId, `while away ${i}`)

    const resumed = collect<Ev>(socket('buyer'), EVENTS, { id: conversationId, after: lastSeen })
    await resumed.waitFor(subscribed)
    const got = added(resumed.events)
    expect(got.map((m) => m.body)).toEqual(Array.from({ length: 50 }, (_, i) => `while away ${i + 1}`))
    expect(got.map((m) => m.sequence)).toEqual(Array.from({ length: 50 }, (_, i) => lastSeen + i + 1))
    // And live again afterwards, without duplicates.
    await send('agent', conversationId, 'welcome back')
    await resumed.waitFor((e) => added(e).some((m) => m.body === 'welcome back'))
    const seqs = added(resumed.events).map((m) => m.sequence)
    expect(new Set(seqs).size).toBe(seqs.length)
  })
})

describe('abuse limits', () => {
  it('answers a burst of sends with RateLimitedError once the budget is spent', async () => {
    const strict = await startTestGateway(db, { redisUrl: process.env.REDIS_URL, sendBudgets: [{ points: 3, durationSeconds: 60 }] })
    try {
      const conversationId = await startConversation()
      const results = []
      for (let i = 0; i < 4; i++) {
        const { body } = await strict.post<Result<{ sendMessage: { __typename: string; message?: string } }>>(
          SEND,
          { input: { conversationId, clientMessageId: cid(), body: `burst ${i}` } },
          as('agent'),
        )
        results.push(body.data!.sendMessage.__typename)
      }
      expect(results).toEqual(['SendMessagePayload', 'SendMessagePayload', 'SendMessagePayload', 'RateLimitedError'])
    } finally {
      await strict.close()
    }
  })

  it('spends nothing on sends that do not count: retries, unknown conversations, bad input', async () => {
    const strict = await startTestGateway(db, { redisUrl: process.env.REDIS_URL, sendBudgets: [{ points: 2, durationSeconds: 60 }] })
    try {
      const conversationId = await startConversation()
      const send = async (input: Record<string, unknown>) =>
        (await strict.post<Result<{ sendMessage: { __typename: string } }>>(SEND, { input }, as('agent'))).body.data!.sendMessage.__typename
      const first = { conversationId, clientMessageId: cid(), body: 'counted once' }
      expect(await send(first)).toBe('SendMessagePayload')
      // The budget is spent while the conversation is read; these get their point back.
      for (let i = 0; i < 3; i++) expect(await send(first)).toBe('SendMessagePayload') // retries
      const unknown = encodeGlobalID('Conversation', '01900000-0000-7000-8000-000000000000')
      for (let i = 0; i < 3; i++) expect(await send({ conversationId: unknown, clientMessageId: cid(), body: 'nowhere' })).toBe('NotFoundError')
      for (let i = 0; i < 3; i++) expect(await send({ conversationId, clientMessageId: cid(), body: '' })).toBe('ValidationError')
      // The second point is still there.
      expect(await send({ conversationId, clientMessageId: cid(), body: 'second' })).toBe('SendMessagePayload')
      expect(await send({ conversationId, clientMessageId: cid(), body: 'third' })).toBe('RateLimitedError')
    } finally {
      await strict.close()
    }
  })

  it('refuses more than 25 subscriptions on one connection', async () => {
    const conversationId = await startConversation()
    const client = socket('buyer')
    const subs = Array.from({ length: 25 }, () => collect<Ev>(client, EVENTS, { id: conversationId }))
    await Promise.all(subs.map((s) => s.waitFor(subscribed)))
    const extra = collect<Ev>(client, EVENTS, { id: conversationId })
    await expect(extra.waitFor(() => false, 3000)).rejects.toThrow(/TOO_MANY_SUBSCRIPTIONS/)
  })
})

describe('shared fan-out', () => {
  it('still answers viewer-specific fields per viewer when one event reaches many subscribers', async () => {
    const conversationId = await startConversation()
    const q = `subscription($id: ID!) { conversationEvents(conversationId: $id) { __typename ... on MessageAdded { message { body isViewerAuthor } } } }`
    type E = { conversationEvents: { __typename: string; message?: { body: string; isViewerAuthor: boolean } } }
    const buyer = collect<E>(socket('buyer'), q, { id: conversationId })
    const agent = collect<E>(socket('agent'), q, { id: conversationId })
    const agent2 = collect<E>(socket('agent'), q, { id: conversationId })
    const ready = (e: E[]) => e.some((x) => x.conversationEvents.__typename === 'Subscribed')
    await Promise.all([buyer.waitFor(ready), agent.waitFor(ready), agent2.waitFor(ready)])
    await send('agent', conversationId, 'shared?')
    const got = (c: typeof buyer) => c.waitFor((e) => e.some((x) => x.conversationEvents.message?.body === 'shared?'))
    await Promise.all([got(buyer), got(agent), got(agent2)])
    const flag = (c: typeof buyer) => c.events.find((x) => x.conversationEvents.message?.body === 'shared?')!.conversationEvents.message!.isViewerAuthor
    expect([flag(buyer), flag(agent), flag(agent2)]).toEqual([false, true, true])
  })
})
