// A field whose value depends on who asks says so on the field (extensions: viewerSpecific),
// and the subscription fan-out follows: this test adds such a field to the schema without
// touching the fan-out, and two people on the same side get their own values.
import { encodeGlobalID } from '@pothos/plugin-relay'
import { systemClock } from '@rapport/core'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { createSession } from '@rapport/identity'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { builder } from './builder.ts'
import { MessageRef } from './modules/messaging/types.ts'
import { viewerSpecific } from './schema/viewer-specific.ts'

// Registered before the schema is built (testing.ts builds it, so it is imported below, after).
builder.objectField(MessageRef, 'probeForViewer', (t) =>
  t.string({ nullable: true, extensions: viewerSpecific, resolve: (_m, _args, ctx) => ctx.viewer?.userId ?? null }),
)
// The same value, not marked: one execution per side, shared by everyone on it.
builder.objectField(MessageRef, 'probeUnmarked', (t) => t.string({ nullable: true, resolve: (_m, _args, ctx) => ctx.viewer?.userId ?? null }))
const { collect, startTestGateway } = await import('./testing.ts')

type Ev = { conversationEvents: { __typename: string; message?: { body: string; probeForViewer?: string; probeUnmarked?: string } } }
const subscription = (field: string) =>
  `subscription($id: ID!) { conversationEvents(conversationId: $id) { __typename ... on MessageAdded { message { body ${field} } } } }`

let db: TestDb
let gw: Awaited<ReturnType<typeof startTestGateway>>
let buyerToken = ''
const agents: { userId: string; token: string }[] = []
let conversationId = ''

beforeAll(async () => {
  db = await createTestDb()
  gw = await startTestGateway(db, { redisUrl: process.env.REDIS_URL, sendBudgets: [{ points: 1000, durationSeconds: 60 }] })
  const supplier = await db.prisma.supplier.create({ data: { slug: 'probe', name: 'Probe & Co', timeZone: 'Europe/Lisbon' } })
  const buyer = await db.prisma.user.create({ data: { email: 'buyer@probe.example', displayName: 'Bea', passwordHash: 'x' } })
  await db.prisma.buyer.create({ data: { userId: buyer.id, displayName: 'Bea' } })
  buyerToken = (await createSession({ db: db.prisma, clock: systemClock }, buyer.id)).token
  for (const name of ['ana', 'tiago']) {
    const user = await db.prisma.user.create({ data: { email: `${name}@probe.example`, displayName: name, passwordHash: 'x' } })
    await db.prisma.supplierMember.create({ data: { supplierId: supplier.id, userId: user.id, role: 'AGENT' } })
    agents.push({ userId: user.id, token: (await createSession({ db: db.prisma, clock: systemClock }, user.id)).token })
  }
  const { body } = await gw.post<{ data: { startConversation: { conversation: { id: string } } } }>(
    `mutation($input: StartConversationInput!) { startConversation(input: $input) { ... on StartConversationPayload { conversation { id } } } }`,
    { input: { supplierId: encodeGlobalID('Supplier', supplier.id), body: 'Hello', clientMessageId: 'probe-start' } },
    { authorization: `Bearer ${buyerToken}` },
  )
  conversationId = body.data.startConversation.conversation.id
})
afterAll(async () => {
  await gw?.close()
  await db?.drop()
})

/** Both agents subscribe with the same document; the buyer sends one message; what each agent got. */
async function deliveredTo(field: 'probeForViewer' | 'probeUnmarked', body: string) {
  const subs = agents.map((a) => collect<Ev>(gw.wsClient({ connectionParams: { authToken: a.token }, lazy: false }), subscription(field), { id: conversationId }))
  await Promise.all(subs.map((s) => s.waitFor((e) => e.some((x) => x.conversationEvents.__typename === 'Subscribed'))))
  await gw.post(`mutation($input: SendMessageInput!) { sendMessage(input: $input) { __typename } }`, { input: { conversationId, clientMessageId: `probe-${body.replace(/\W/g, "-")}`, body } }, { authorization: `Bearer ${buyerToken}` })
  const messageOf = (s: (typeof subs)[number]) => s.events.find((e) => e.conversationEvents.message?.body === body)?.conversationEvents.message
  await Promise.all(subs.map((s) => s.waitFor(() => !!messageOf(s))))
  for (const s of subs) s.dispose()
  return subs.map((s) => messageOf(s)![field])
}

describe('viewer-specific fields', () => {
  it('are executed per viewer in a shared subscription: two agents on one team each get their own value', async () => {
    expect(await deliveredTo('probeForViewer', 'for each')).toEqual(agents.map((a) => a.userId))
  })

  it('must be marked: an unmarked field is executed once per side and both agents get the same value', async () => {
    const [first, second] = await deliveredTo('probeUnmarked', 'shared')
    expect(first).toBe(second)
    expect(agents.map((a) => a.userId)).toContain(first)
  })
})
