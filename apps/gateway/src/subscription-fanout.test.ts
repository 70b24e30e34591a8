// The subscription machinery under many subscribers: one pub/sub listener per topic per
// process (not per subscriber), released when the last subscriber goes, and live events
// delivered in order, without duplicates, once the stream is Subscribed.
import { encodeGlobalID } from '@pothos/plugin-relay'
import { systemClock } from '@rapport/core'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { createSession } from '@rapport/identity'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { collect, startTestGateway, type TestGateway } from './testing.ts'

type Ev = { conversationEvents: { __typename: string; message?: { sequence: number; body: string } } }
const EVENTS = `subscription($id: ID!) { conversationEvents(conversationId: $id) { __typename ... on MessageAdded { message { sequence body } } } }`

let db: TestDb
let gw: TestGateway
let buyerToken = ''
let agentToken = ''
let conversationId = ''

beforeAll(async () => {
  db = await createTestDb()
  gw = await startTestGateway(db, { redisUrl: process.env.REDIS_URL, sendBudgets: [{ points: 1000, durationSeconds: 60 }] })
  const supplier = await db.prisma.supplier.create({
    data: { slug: 'fan', name: 'Fan & Co', timeZone: 'Europe/Lisbon', products: { create: [{ slug: 'p', name: 'P', description: '.', priceCents: 100 }] } },
    include: { products: true },
  })
  const maya = await db.prisma.user.create({ data: { email: 'maya@fan.example', displayName: 'Maya', passwordHash: 'x' } })
  await db.prisma.buyer.create({ data: { userId: maya.id, displayName: 'Maya' } })
  const tiago = await db.prisma.user.create({ data: { email: 'tiago@fan.example', displayName: 'Tiago', passwordHash: 'x' } })
  await db.prisma.supplierMember.create({ data: { supplierId: supplier.id, userId: tiago.id, role: 'AGENT' } })
  buyerToken = (await createSession({ db: db.prisma, clock: systemClock }, maya.id)).token
  agentToken = (await createSession({ db: db.prisma, clock: systemClock }, tiago.id)).token
  const { body } = await gw.post<{ data: { startConversation: { conversation: { id: string } } } }>(
    `mutation($input: StartConversationInput!) { startConversation(input: $input) { __typename ... on StartConversationPayload { conversation { id } } ... on Error { message code } } }`,
    { input: { supplierId: encodeGlobalID('Supplier', supplier.id), productId: encodeGlobalID('Product', supplier.products[0]!.id), body: 'Hello', clientMessageId: 'fanout-start' } },
    { authorization: `Bearer ${buyerToken}` },
  )
  if (!body.data?.startConversation?.conversation) throw new Error(JSON.stringify(body))
  conversationId = body.data.startConversation.conversation.id
})
afterAll(async () => {
  await gw?.close()
  await db?.drop()
})

describe('subscription fan-out', () => {
  it('shares one pub/sub listener per topic between subscribers and releases it when they leave', async () => {
    const before = gw.pubsub.dispatcher.topicCount
    const client = gw.wsClient({ connectionParams: { authToken: buyerToken }, lazy: false })
    const subs = Array.from({ length: 10 }, () => collect<Ev>(client, EVENTS, { id: conversationId }))
    await Promise.all(subs.map((s) => s.waitFor((e) => e.some((x) => x.conversationEvents.__typename === 'Subscribed'))))
    // The conversation, the counterpart's presence, and the session's revocation: 3 topics, not 21.
    expect(gw.pubsub.dispatcher.topicCount).toBe(before + 3)

    const send = (body: string) =>
      gw.post(
        `mutation($input: SendMessageInput!) { sendMessage(input: $input) { __typename } }`,
        { input: { conversationId, clientMessageId: `fanout-${body}`, body } },
        { authorization: `Bearer ${agentToken}` },
      )
    for (const body of ['one', 'two', 'three']) await send(body)
    const bodies = (s: (typeof subs)[number]) => s.events.flatMap((e) => (e.conversationEvents.message ? [e.conversationEvents.message.body] : []))
    await Promise.all(subs.map((s) => s.waitFor(() => bodies(s).length >= 3)))
    for (const s of subs) expect(bodies(s)).toEqual(['one', 'two', 'three'])

    for (const s of subs.slice(0, 9)) s.dispose()
    // Still one subscriber: the topics stay.
    await expect.poll(() => gw.pubsub.dispatcher.topicCount).toBe(before + 3)
    await client.dispose()
    await expect.poll(() => gw.pubsub.dispatcher.topicCount).toBe(before)
  })

  it('refuses to reuse the id of a subscription still starting (4409) and leaves no listener behind', async () => {
    const before = gw.pubsub.dispatcher.topicCount
    const ws = new WebSocket(gw.wsUrl, 'graphql-transport-ws')
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)))
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authToken: buyerToken } })))
    ws.on('message', (data) => {
      if ((JSON.parse(String(data)) as { type: string }).type !== 'connection_ack') return
      const subscribe = JSON.stringify({ id: 'same', type: 'subscribe', payload: { query: EVENTS, variables: { id: conversationId } } })
      // In one burst: subscribe, complete, subscribe again with the id the first still holds while it starts.
      ws.send(subscribe)
      ws.send(JSON.stringify({ id: 'same', type: 'complete' }))
      ws.send(subscribe)
    })
    expect(await closed).toBe(4409)
    // Whatever had started is ended: the conversation's topic, the presence and session topics are released.
    await expect.poll(() => gw.pubsub.dispatcher.topicCount).toBe(before)
  })
})
