// On embedded PGlite (one transaction at a time), a send must not wait inside its transaction
// for the "who listens to this supplier's messages" lookup: it once did, and the first message
// after an endpoint existed hung the gateway. Here the endpoint is made behind the gateway's back
// (so its set of listeners is stale) and the message must still be answered, and its webhook
// enqueued.
import { encodeGlobalID } from '@pothos/plugin-relay'
import { useReviewWorld } from './review-testing.ts'
import { createTestDb } from '@rapport/db/testing'
import { describe, expect, it } from 'vitest'
import { startTestGateway } from './testing.ts'

describe('webhooks on embedded PGlite', () => {
  const world = useReviewWorld({
    people: { olga: { email: 'olga@kiln.example', name: 'Olga' }, maya: { email: 'maya@example.com', name: 'Maya', buyer: true } },
    database: () => createTestDb('pglite'),
    gateway: (db) => startTestGateway(db, { webhooksAllowPrivate: true, runJobs: false }),
  })

  it('a send answers although an endpoint appeared since the gateway last looked', async () => {
    const { db, supplier, people } = world
    const conversation = await db.prisma.conversation.create({ data: { buyerId: people.maya.buyerId, supplierId: supplier.id } })
    const SEND = `mutation($input: SendMessageInput!) { sendMessage(input: $input) { __typename } }`
    const send = (n: number) =>
      world.gw.post<{ data: { sendMessage: { __typename: string } } }>(SEND, { input: { conversationId: encodeGlobalID('Conversation', conversation.id), body: `Hello ${n}`, clientMessageId: `pglite-send-${n}` } }, world.as('maya'))
    expect((await send(1)).body.data.sendMessage.__typename).toBe('SendMessagePayload')
    const partner = await db.prisma.partner.create({ data: { name: 'Kiln', contactEmail: 'olga@kiln.example', supplierId: supplier.id, createdById: people.olga.userId } })
    await db.prisma.webhookEndpoint.create({ data: { partnerId: partner.id, url: 'http://127.0.0.1:9/none', events: ['message.created'], secret: 'whsec_test' } })
    const answered = await Promise.race([send(2), new Promise<'hung'>((r) => setTimeout(() => r('hung'), 10_000))])
    expect(answered).not.toBe('hung')
    expect((answered as Awaited<ReturnType<typeof send>>).body.data.sendMessage.__typename).toBe('SendMessagePayload')
  })
})
