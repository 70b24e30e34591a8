// Two real gateway processes on one PostgreSQL and one Redis: a subscriber on the first
// receives what a sender posts through the second. Runs when DATABASE_URL names PostgreSQL
// and REDIS_URL is set (CI); embedded PGlite serves a single process by design. The same again
// on a local 3-node Redis Cluster (sharded pub/sub), the scale-out step SCALING.md names.
import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { encodeGlobalID } from '@pothos/plugin-relay'
import { systemClock } from '@rapport/core'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { createSession } from '@rapport/identity'
import { deleteKeysWithPrefix } from '@rapport/realtime'
import { startRedisCluster } from '@rapport/realtime/testing'
import { createClient } from 'graphql-ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { collect, startGatewayProcess, stopGatewayProcesses } from './testing.ts'

const enabled = !!process.env.REDIS_URL && !!process.env.DATABASE_URL?.startsWith('postgres')

type RedisUnderTest = { name: string; start(): Promise<{ url: string; stop(): Promise<void> }> }
const oneRedis: RedisUnderTest = { name: 'one Redis', start: async () => ({ url: process.env.REDIS_URL!, stop: async () => {} }) }
const redisCluster: RedisUnderTest = { name: 'a 3-node Redis Cluster', start: () => startRedisCluster() }

describe.runIf(enabled).each([oneRedis, redisCluster])('two gateway processes sharing $name', (redis) => {
  let redisUrl = ''
  let stopRedis = async () => {}
  let db: TestDb
  const children: ChildProcess[] = []
  let first = ''
  let second = ''
  let conversationId = ''
  let buyerToken = ''
  let agentToken = ''
  let mayaId = ''
  let prefix = ''

  beforeAll(async () => {
    db = await createTestDb('postgres')
    const supplier = await db.prisma.supplier.create({ data: { slug: 'oak', name: 'Oak', timeZone: 'UTC' } })
    const maya = await db.prisma.user.create({ data: { email: 'maya@example.com', displayName: 'Maya', passwordHash: 'x' } })
    const buyer = await db.prisma.buyer.create({ data: { userId: maya.id, displayName: 'Maya' } })
    const tiago = await db.prisma.user.create({ data: { email: 'tiago@oak.example', displayName: 'Tiago', passwordHash: 'x' } })
    await db.prisma.supplierMember.create({ data: { supplierId: supplier.id, userId: tiago.id, role: 'AGENT' } })
    const conversation = await db.prisma.conversation.create({ data: { buyerId: buyer.id, supplierId: supplier.id } })
    conversationId = encodeGlobalID('Conversation', conversation.id)
    mayaId = maya.id
    buyerToken = (await createSession({ db: db.prisma, clock: systemClock }, maya.id)).token
    agentToken = (await createSession({ db: db.prisma, clock: systemClock }, tiago.id)).token
    prefix = `rapport-test-${randomBytes(4).toString('hex')}:`
    ;({ url: redisUrl, stop: stopRedis } = await redis.start())
    const env = { DATABASE_URL: db.url!, REDIS_URL: redisUrl, REDIS_PREFIX: prefix }
    const [a, b] = await Promise.all([startGatewayProcess(env), startGatewayProcess(env)])
    children.push(a.child, b.child)
    first = a.url
    second = b.url
  }, 120_000)

  afterAll(async () => {
    await stopGatewayProcesses(children)
    if (prefix && redisUrl) await deleteKeysWithPrefix(redisUrl, prefix)
    await stopRedis()
    await db?.drop()
  })

  it('delivers a message sent through the second process to a subscriber on the first', async () => {
    const client = createClient({ url: first.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authToken: buyerToken }, lazy: false, retryAttempts: 0 })
    try {
      type Ev = { conversationEvents: { __typename: string; message?: { body: string; sequence: number } } }
      const events = collect<Ev>(
        client,
        'subscription($id: ID!) { conversationEvents(conversationId: $id, afterSequence: 0) { __typename ... on MessageAdded { message { body sequence } } } }',
        { id: conversationId },
      )
      await events.waitFor((e) => e.some((x) => x.conversationEvents.__typename === 'Subscribed'))
      const res = await fetch(second, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${agentToken}` },
        body: JSON.stringify({
          query: 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { __typename } }',
          variables: { input: { conversationId, clientMessageId: 'across-processes-1', body: 'Hello from the other process' } },
        }),
      })
      expect(((await res.json()) as { data: { sendMessage: { __typename: string } } }).data.sendMessage.__typename).toBe('SendMessagePayload')
      await events.waitFor((e) => e.some((x) => x.conversationEvents.message?.body === 'Hello from the other process'))
      expect(events.events.filter((x) => x.conversationEvents.message?.body === 'Hello from the other process')).toHaveLength(1)
    } finally {
      await client.dispose()
    }
  })

  it('ends a session signed out through one process on the other at once, though the other had it cached', async () => {
    const token = (await createSession({ db: db.prisma, clock: systemClock }, mayaId)).token
    const ask = async (url: string, query: string) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
      })
      return (await res.json()) as { data?: { viewer?: { user: { displayName: string } } | null; signOut?: boolean } }
    }
    // The second process has verified (and cached) the session.
    expect((await ask(second, '{ viewer { user { displayName } } }')).data?.viewer?.user.displayName).toBe('Maya')
    expect((await ask(first, 'mutation { signOut }')).data?.signOut).toBe(true)
    // Well within the cache's 5 s lifetime, the notice through Redis has already evicted it.
    const deadline = Date.now() + 1_000
    let viewer: unknown = 'still signed in'
    while (Date.now() < deadline && viewer !== null) {
      viewer = (await ask(second, '{ viewer { user { displayName } } }')).data?.viewer
      if (viewer !== null) await new Promise((r) => setTimeout(r, 50))
    }
    expect(viewer).toBeNull()
  })
})
