// Endpoints and deliveries on a real database, against a real HTTP receiver on loopback, with an
// injected clock: signed bodies that verify with the documented snippet, retries with growing
// delays, one delivery at last, replays with new ids, auto-disable, and who receives what.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ForbiddenError, ValidationError, type Clock, type Viewer } from '@rapport/core'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AUTO_DISABLE_AFTER_FAILURES } from './backoff.ts'
import { attemptDelivery, fanOutEvent, listDeliveries, replayDelivery } from './deliveries.ts'
import { createWebhookEndpoint, rotateWebhookSecret } from './endpoints.ts'
import { verifyRapportSignature } from './verify-example.ts'

let db: TestDb
let now = new Date('2026-12-01T12:00:00Z')
const clock: Clock = { now: () => now }
const deps = () => ({ db: db.prisma, clock, allowPrivate: true, random: () => 0.5 })
let kiln: string
let owner: Viewer
let admin: Viewer
let server: Server
let url: string
/** What the receiver answers next (then 200), and what it received. */
let answers: number[] = []
const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = []

beforeAll(async () => {
  db = await createTestDb()
  kiln = (await db.prisma.supplier.create({ data: { slug: 'kiln', name: 'Kiln', timeZone: 'UTC' } })).id
  const u = await db.prisma.user.create({ data: { email: 'olga@kiln.example', passwordHash: 'x', displayName: 'Olga' } })
  const m = await db.prisma.supplierMember.create({ data: { userId: u.id, supplierId: kiln, role: 'OWNER' } })
  owner = { userId: u.id, sessionId: 's', email: u.email, displayName: 'Olga', platformRole: 'USER', buyerId: null, memberships: [{ supplierId: kiln, memberId: m.id, role: 'OWNER' }] }
  const a = await db.prisma.user.create({ data: { email: 'ada@rapport.example', passwordHash: 'x', displayName: 'Ada', platformRole: 'ADMIN' } })
  admin = { userId: a.id, sessionId: 's', email: a.email, displayName: 'Ada', platformRole: 'ADMIN', buyerId: null, memberships: [] }
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString()))
    req.on('end', () => {
      received.push({ headers: req.headers, body })
      res.statusCode = answers.shift() ?? 200
      res.end(res.statusCode === 200 ? 'thanks' : 'oops')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`
})
afterAll(async () => {
  server?.close()
  await db?.close()
})

async function event(type: 'message.created' | 'review.created', data: unknown) {
  const row = await db.prisma.domainEvent.create({ data: { type, aggregateType: 'Test', aggregateId: '01900000-0000-7000-8000-000000000000', supplierId: kiln, payload: {} } })
  return db.prisma.$transaction((tx) => fanOutEvent(tx, { id: row.id, type, supplierId: kiln, createdAt: now, data }))
}

describe('webhooks', () => {
  it('refuses private addresses unless allowed, and events a platform partner may not receive', async () => {
    await expect(createWebhookEndpoint({ ...deps(), allowPrivate: false }, owner, { supplierId: kiln, url: url.replace('http:', 'https:'), events: ['message.created'] })).rejects.toThrow(/private, loopback or link-local/)
    await expect(createWebhookEndpoint({ ...deps(), allowPrivate: false }, owner, { supplierId: kiln, url: 'https://169.254.169.254/latest', events: ['message.created'] })).rejects.toThrow(/private, loopback or link-local/)
    await expect(createWebhookEndpoint(deps(), admin, { partnerName: 'Acme', url, events: ['message.created'] })).rejects.toBeInstanceOf(ValidationError)
    await expect(createWebhookEndpoint(deps(), { ...owner, memberships: [] }, { supplierId: kiln, url, events: ['review.created'] })).rejects.toBeInstanceOf(ForbiddenError)
    expect(await db.prisma.webhookEndpoint.count()).toBe(0)
  })

  it('signs what it sends; 500 three times is retried with growing delays, then delivered once', async () => {
    const { endpoint, secret } = await createWebhookEndpoint(deps(), owner, { supplierId: kiln, url, events: ['message.created'] })
    const platform = await createWebhookEndpoint(deps(), admin, { partnerName: 'Acme', url: `${url}?platform`, events: ['review.created'] })
    const [deliveryId, ...more] = await event('message.created', { message: { body: 'Hello' } })
    expect(more).toEqual([]) // the platform endpoint does not hear of private messages
    answers = [500, 500, 500]
    const gaps: number[] = []
    for (let i = 0; i < 3; i++) {
      const before = now
      const out = await attemptDelivery(deps(), deliveryId!)
      expect(out.outcome).toBe('retry')
      if (out.outcome !== 'retry') return
      gaps.push(out.nextAttemptAt.getTime() - before.getTime())
      now = out.nextAttemptAt
    }
    expect(gaps[1]!).toBeGreaterThan(gaps[0]!)
    expect(gaps[2]!).toBeGreaterThan(gaps[1]!)
    expect(await attemptDelivery(deps(), deliveryId!)).toEqual({ outcome: 'delivered', attempt: 4 })
    expect((await attemptDelivery(deps(), deliveryId!)).outcome).toBe('skipped') // never twice
    expect(received).toHaveLength(4)
    const last = received.at(-1)!
    const nowSeconds = Math.floor(now.getTime() / 1000)
    expect(verifyRapportSignature(String(last.headers['rapport-signature']), last.body, secret, nowSeconds)).toBe(true)
    expect(verifyRapportSignature(String(last.headers['rapport-signature']), last.body, platform.secret, nowSeconds)).toBe(false)
    expect(JSON.parse(last.body)).toMatchObject({ id: deliveryId, type: 'message.created', data: { message: { body: 'Hello' } } })
    const { deliveries } = await listDeliveries(deps(), owner, endpoint.id, { limit: 10 })
    expect(deliveries[0]).toMatchObject({ id: deliveryId, status: 'DELIVERED', attempts: 4 })
    expect(deliveries[0]!.log.map((a) => a.statusCode)).toEqual([500, 500, 500, 200])
    expect(deliveries[0]!.log[0]!.responseExcerpt).toBe('oops')

    // Replay: the same event again, as a new delivery with its own id.
    const replay = await replayDelivery(deps(), owner, deliveryId!)
    expect(replay.id).not.toBe(deliveryId)
    expect(replay.replayOfId).toBe(deliveryId)
    expect((await attemptDelivery(deps(), replay.id)).outcome).toBe('delivered')
    expect(JSON.parse(received.at(-1)!.body)).toMatchObject({ id: replay.id, type: 'message.created' })
    await expect(replayDelivery(deps(), admin, deliveryId!)).rejects.toThrow(/No such webhook endpoint/)
  })

  it('during a secret rotation, deliveries verify with either secret', async () => {
    const { endpoint, secret: old } = await createWebhookEndpoint(deps(), owner, { supplierId: kiln, url, events: ['review.created'] })
    const { secret: fresh } = await rotateWebhookSecret(deps(), owner, endpoint.id, 24)
    const ids = await event('review.created', { review: { rating: 5 } })
    for (const id of ids) await attemptDelivery(deps(), id)
    const last = received.at(-1)!
    const t = Math.floor(now.getTime() / 1000)
    expect(verifyRapportSignature(String(last.headers['rapport-signature']), last.body, old, t)).toBe(true)
    expect(verifyRapportSignature(String(last.headers['rapport-signature']), last.body, fresh, t)).toBe(true)
  })

  it('an endpoint that keeps failing is disabled, once', async () => {
    const { endpoint } = await createWebhookEndpoint(deps(), owner, { supplierId: kiln, url: `${url}?failing`, events: ['review.responded'] })
    const row = await db.prisma.domainEvent.create({ data: { type: 'review.responded', aggregateType: 'Test', aggregateId: '01900000-0000-7000-8000-000000000000', supplierId: kiln, payload: {} } })
    const [id] = await db.prisma.$transaction((tx) => fanOutEvent(tx, { id: row.id, type: 'review.responded', supplierId: kiln, createdAt: now, data: {} }))
    answers = Array(AUTO_DISABLE_AFTER_FAILURES).fill(503)
    const disabled: unknown[] = []
    for (let i = 0; i < AUTO_DISABLE_AFTER_FAILURES; i++) {
      const out = await attemptDelivery(deps(), id!)
      if ('disabledEndpoint' in out && out.disabledEndpoint) disabled.push(out.disabledEndpoint)
      if (out.outcome === 'retry') now = out.nextAttemptAt
    }
    expect(disabled).toEqual([{ id: endpoint.id, partnerId: endpoint.partnerId }])
    expect(await db.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({ enabled: false, disabledReason: expect.stringContaining('HTTP 503') })
    expect((await attemptDelivery(deps(), id!)).outcome).toBe('skipped')
    answers = []
  })
})
