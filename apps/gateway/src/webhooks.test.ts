// Webhooks over the wire, against a real HTTP receiver on loopback: the owner adds an endpoint;
// a buyer's message → `message.created` arrives, signed, and verifies with the documented
// snippet; the delivery log shows it; a replay arrives again with a new delivery id; a key with
// the webhooks scope reads the deliveries, one without it is refused.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { encodeGlobalID } from '@pothos/plugin-relay'
import { systemClock } from '@rapport/core'
import { createSession, resolveSession } from '@rapport/identity'
import { createApiKey } from '@rapport/partners'
import { verifyRapportSignature } from '@rapport/partners/verify-example'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useReviewWorld } from './review-testing.ts'
import { startTestGateway } from './testing.ts'
import { notifyEndpointDisabled } from './modules/partners/webhook-jobs.ts'

const CREATE = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) {
  __typename ... on IssuedWebhookEndpoint { secret endpoint { id url events enabled } } ... on Error { message code } } }`
const SEND = `mutation($input: SendMessageInput!) { sendMessage(input: $input) { __typename ... on Error { message } } }`
const DELIVERIES = `query($id: ID!) { webhookEndpoints(supplierId: $id) { id deliveries(first: 5) { edges { node { id eventType status attempts replayOf log { statusCode latencyMs responseExcerpt } } } pageInfo { hasNextPage } } } }`
const REPLAY = `mutation($input: ReplayWebhookDeliveryInput!) { replayWebhookDelivery(input: $input) { __typename ... on WebhookDelivery { id status replayOf } ... on Error { message } } }`

type Hit = { headers: Record<string, string | string[] | undefined>; body: string; at: number }

describe('webhooks over the wire', () => {
  const world = useReviewWorld({
    people: { olga: { email: 'olga@kiln.example', name: 'Olga' }, maya: { email: 'maya@example.com', name: 'Maya', buyer: true } },
    gateway: (db) => startTestGateway(db, { webhooksAllowPrivate: true }),
  })
  let receiver: Server
  let url: string
  const hits: Hit[] = []
  let conversationGid: string
  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = ''
      req.on('data', (c: Buffer) => (body += c.toString()))
      req.on('end', () => {
        hits.push({ headers: req.headers, body, at: Date.now() })
        res.end('received')
      })
    })
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r))
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/rapport`
    await world.db.prisma.supplierMember.create({ data: { supplierId: world.supplier.id, userId: world.people.olga.userId, role: 'OWNER' } })
    const c = await world.db.prisma.conversation.create({ data: { buyerId: world.people.maya.buyerId, supplierId: world.supplier.id, subject: 'Porto?' } })
    conversationGid = encodeGlobalID('Conversation', c.id)
  })
  afterAll(() => receiver?.close())

  const waitFor = async (test: () => boolean, ms = 15_000) => {
    const until = Date.now() + ms
    while (!test()) {
      if (Date.now() > until) throw new Error(`timed out; hits: ${JSON.stringify(hits.map((h) => h.body))}`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }

  it("a buyer's message arrives as message.created, signed; its replay arrives with a new delivery id", async () => {
    const created = await world.gw.post<{ data: { createWebhookEndpoint: { __typename: string; secret: string; endpoint: { id: string } } } }>(
      CREATE,
      { input: { supplierId: world.supplier.gid, url, events: ['message.created', 'review.created'] } },
      world.as('olga'),
    )
    expect(created.body.data.createWebhookEndpoint.__typename).toBe('IssuedWebhookEndpoint')
    const { secret } = created.body.data.createWebhookEndpoint
    expect(secret).toMatch(/^whsec_/)

    const sent = await world.gw.post<{ data: { sendMessage: { __typename: string } } }>(SEND, { input: { conversationId: conversationGid, body: 'Do you ship to Porto?', clientMessageId: 'webhook-test-1' } }, world.as('maya'))
    expect(sent.body.data.sendMessage.__typename).toBe('SendMessagePayload')
    await waitFor(() => hits.length >= 1)
    const hit = hits[0]!
    expect(verifyRapportSignature(String(hit.headers['rapport-signature']), hit.body, secret)).toBe(true)
    expect(verifyRapportSignature(String(hit.headers['rapport-signature']), hit.body.replace('Porto', 'Braga'), secret)).toBe(false)
    const event = JSON.parse(hit.body) as { id: string; type: string; data: { message: { body: string; authorSide: string; sequence: number } } }
    expect(event).toMatchObject({ type: 'message.created', data: { message: { body: 'Do you ship to Porto?', authorSide: 'BUYER', sequence: 1 } } })
    expect(hit.headers['rapport-delivery-id']).toBe(event.id)

    type Node = { id: string; status: string; attempts: number; replayOf: string | null; log: { statusCode: number }[] }
    type Page = { data: { webhookEndpoints: { deliveries: { edges: { node: Node }[] } }[] } }
    const read = async () => {
      const r = await world.gw.post<Page>(DELIVERIES, { id: world.supplier.gid }, world.as('olga'))
      if (!r.body.data) throw new Error(JSON.stringify(r.body))
      return r.body.data.webhookEndpoints[0]!.deliveries.edges.map((e) => e.node)
    }
    let nodes = await read()
    for (let i = 0; i < 100 && nodes[0]?.status !== 'DELIVERED'; i++) nodes = (await new Promise((r) => setTimeout(r, 50)), await read())
    expect(nodes[0]).toMatchObject({ status: 'DELIVERED', attempts: 1, replayOf: null, log: [{ statusCode: 200 }] })

    const replay = await world.gw.post<{ data: { replayWebhookDelivery: { id: string; replayOf: string } } }>(REPLAY, { input: { deliveryId: nodes[0]!.id } }, world.as('olga'))
    expect(replay.body.data.replayWebhookDelivery.replayOf).toBe(nodes[0]!.id)
    await waitFor(() => hits.length >= 2)
    const again = JSON.parse(hits[1]!.body) as { id: string; type: string }
    expect(again.type).toBe('message.created')
    expect(again.id).not.toBe(event.id)
    expect(verifyRapportSignature(String(hits[1]!.headers['rapport-signature']), hits[1]!.body, secret)).toBe(true)
  })

  it('a status change arrives as conversation.updated, once the endpoint asks for it', async () => {
    const endpoint = await world.db.prisma.webhookEndpoint.findFirstOrThrow({ where: { partner: { supplierId: world.supplier.id } } })
    const UPDATE = `mutation($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { __typename ... on WebhookEndpoint { events } } }`
    const updated = await world.gw.post<{ data: { updateWebhookEndpoint: { events: string[] } } }>(
      UPDATE,
      { input: { id: encodeGlobalID('WebhookEndpoint', endpoint.id), events: ['message.created', 'conversation.updated'] } },
      world.as('olga'),
    )
    expect(updated.body.data.updateWebhookEndpoint.events).toEqual(['message.created', 'conversation.updated'])
    const before = hits.length
    const STATUS = `mutation($input: SetConversationStatusInput!) { setConversationStatus(input: $input) { __typename } }`
    await world.gw.post(STATUS, { input: { conversationId: conversationGid, status: 'AWAITING_BUYER' } }, world.as('olga'))
    await waitFor(() => hits.length > before)
    expect(JSON.parse(hits.at(-1)!.body)).toMatchObject({ type: 'conversation.updated', data: { conversation: { status: 'AWAITING_BUYER', subject: 'Porto?' }, changed: ['status'] } })
  })

  it('a key with the webhooks scope reads deliveries; one without it is refused, naming the scope', async () => {
    const deps = { db: world.db.prisma, clock: systemClock }
    const owner = await resolveSession(deps, (await createSession(deps, world.people.olga.userId)).token)
    const withScope = (await createApiKey(deps, owner, { supplierId: world.supplier.id, name: 'hooks', scopes: ['webhooks'] })).secret
    const without = (await createApiKey(deps, owner, { supplierId: world.supplier.id, name: 'reads', scopes: ['read:suppliers'] })).secret
    const ok = await world.gw.post<{ data?: { webhookEndpoints: unknown[] } }>(DELIVERIES, { id: world.supplier.gid }, { authorization: `Bearer ${withScope}` })
    expect(ok.body).toMatchObject({ data: { webhookEndpoints: [expect.anything()] } })
    const refused = await world.gw.post<{ errors?: { extensions: { code: string; requiredScope: string } }[] }>(DELIVERIES, { id: world.supplier.gid }, { authorization: `Bearer ${without}` })
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'INSUFFICIENT_SCOPE', requiredScope: 'webhooks' })
  })

  it('an endpoint switched off after repeated failures notifies the supplier’s owners', async () => {
    const endpoint = await world.db.prisma.webhookEndpoint.findFirstOrThrow({ where: { partner: { supplierId: world.supplier.id } } })
    const notified = await notifyEndpointDisabled({ db: world.db, jobs: world.gw.jobs, pubsub: world.gw.pubsub, clock: systemClock }, endpoint.id)
    expect(notified).toEqual([world.people.olga.userId])
    const n = await world.db.prisma.notification.findFirstOrThrow({ where: { userId: world.people.olga.userId, kind: 'WEBHOOK_DISABLED' } })
    expect(n.payload).toMatchObject({ link: '/developers?supplier=kiln', text: expect.stringContaining(url) })
  })
})
