// Handing a conversation to a teammate tells them: live in their notification feed, and by
// email (on by default for assignments). Taking it oneself, or assigning it again to the same
// person, tells no one.
import { encodeGlobalID } from '@pothos/plugin-relay'
import { systemClock } from '@rapport/core'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { createSession } from '@rapport/identity'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { collect, startTestGateway, type TestGateway } from './testing.ts'

let db: TestDb
let gw: TestGateway
const tokens = { maya: '', rita: '', tiago: '' }
const users = { tiago: '', rita: '' }
const members = { tiago: '', rita: '' }
let conversationId = ''

type Res<T> = { data?: T; errors?: { message: string }[] }
const as = (who: keyof typeof tokens) => ({ authorization: `Bearer ${tokens[who]}` })
const EVENTS = `subscription { notificationEvents { kind notification { kind text link } } }`
type Ev = { notificationEvents: { kind: string; notification: { kind: string; text: string; link: string } | null } }

async function assign(who: keyof typeof tokens, member: string) {
  const { body } = await gw.post<Res<{ assignConversation: { __typename: string } }>>(
    `mutation($input: AssignConversationInput!) { assignConversation(input: $input) { __typename } }`,
    { input: { conversationId, assigneeId: encodeGlobalID('TeamMember', member) } },
    as(who),
  )
  expect(body.errors).toBeUndefined()
}

beforeAll(async () => {
  db = await createTestDb()
  gw = await startTestGateway(db, { redisUrl: process.env.REDIS_URL })
  const supplier = await db.prisma.supplier.create({ data: { slug: 'olive', name: 'Olive & Oak', timeZone: 'UTC' } })
  const user = (email: string, name: string) => db.prisma.user.create({ data: { email, displayName: name, passwordHash: 'x' } })
  const maya = await user('maya@example.com', 'Maya')
  await db.prisma.buyer.create({ data: { userId: maya.id, displayName: 'Maya' } })
  const rita = await user('rita@olive.example', 'Rita')
  const tiago = await user('tiago@olive.example', 'Tiago')
  users.rita = rita.id
  users.tiago = tiago.id
  members.rita = (await db.prisma.supplierMember.create({ data: { supplierId: supplier.id, userId: rita.id, role: 'OWNER' } })).id
  members.tiago = (await db.prisma.supplierMember.create({ data: { supplierId: supplier.id, userId: tiago.id, role: 'AGENT' } })).id
  for (const [who, u] of [['maya', maya], ['rita', rita], ['tiago', tiago]] as const) tokens[who] = (await createSession({ db: db.prisma, clock: systemClock }, u.id)).token
  const { body } = await gw.post<Res<{ startConversation: { conversation: { id: string } } }>>(
    `mutation($input: StartConversationInput!) { startConversation(input: $input) { ... on StartConversationPayload { conversation { id } } } }`,
    { input: { supplierId: encodeGlobalID('Supplier', supplier.id), subject: 'Porto', body: 'Do you ship to Porto?', clientMessageId: 'assign-start' } },
    as('maya'),
  )
  conversationId = body.data!.startConversation.conversation.id
})
afterAll(async () => {
  await gw?.close()
  await db?.drop()
})

describe('assigning a conversation', () => {
  it('tells the teammate it was handed to, live and by email; taking it oneself or reassigning the same person tells no one', async () => {
    const feed = collect<Ev>(gw.wsClient({ connectionParams: { authToken: tokens.tiago } }), EVENTS)
    await feed.waitFor((es) => es.some((e) => e.notificationEvents.kind === 'SUBSCRIBED'))
    await assign('rita', members.tiago)
    await feed.waitFor((es) => es.some((e) => e.notificationEvents.notification?.kind === 'CONVERSATION_ASSIGNED'))
    const n = feed.events.find((e) => e.notificationEvents.notification)!.notificationEvents.notification!
    expect(n.text).toBe('Rita assigned you the conversation with Maya: “Porto”.')
    expect(n.link).toBe(`/conversations/${encodeURIComponent(conversationId)}`)
    await vi.waitFor(async () => expect(await db.prisma.emailLog.count({ where: { userId: users.tiago, kind: 'CONVERSATION_ASSIGNED' } })).toBe(1), { timeout: 15_000 })

    await assign('rita', members.tiago)
    await assign('rita', members.rita)
    await assign('tiago', members.tiago)
    expect(await db.prisma.notification.count({ where: { kind: 'CONVERSATION_ASSIGNED' } })).toBe(1)
    feed.dispose()
  })
})
