// A gateway whose database is unreachable from the start: every answer is a retryable
// SERVICE_UNAVAILABLE with no driver text (context creation included, where Apollo's own
// error path used to pass Prisma's message, a server path and source lines to the client),
// and a WebSocket whose connection_init needs the database is closed with 1013, which
// graphql-ws retries — never 4500, which it gives up on.
import net from 'node:net'
import { createDb, type Db } from '@rapport/db'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startTestGateway, type TestGateway } from './testing.ts'

let testDb: TestDb
let db: Db
let gw: TestGateway
beforeAll(async () => {
  testDb = await createTestDb()
  // The gateway reaches PostgreSQL through a proxy of the test's own, which is then shut:
  // open connections are reset and new ones refused, as when the database goes away.
  const target = new URL(testDb.url!)
  const sockets = new Set<net.Socket>()
  const proxy = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname)
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('error', () => {})
      s.on('close', () => sockets.delete(s))
    }
    client.pipe(upstream).pipe(client)
  })
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r))
  const proxied = new URL(testDb.url!)
  proxied.host = `127.0.0.1:${(proxy.address() as net.AddressInfo).port}`
  db = await createDb(proxied.toString())
  gw = await startTestGateway(db)
  const shut = new Promise<void>((r) => proxy.close(() => r()))
  for (const s of sockets) s.destroy()
  await shut
})
afterAll(async () => {
  await gw?.close()
  await db?.close().catch(() => {})
  await testDb?.drop()
})

const token = 'a'.repeat(43) // looks like a session token: resolving it needs the database

describe('the database is unreachable', () => {
  it('answers HTTP with 503, Retry-After and SERVICE_UNAVAILABLE from context creation, with no internals', async () => {
    const res = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ viewer { user { email } } }' }),
    })
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/)
    const text = await res.text()
    const body = JSON.parse(text) as { errors: { message: string; extensions: { code: string; retryAfterSeconds: number } }[] }
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: expect.any(Number) })
    expect(text).not.toMatch(/prisma|ECONNREFUSED|127\.0\.0\.1|node_modules|\.ts:\d|invocation/i)
  })

  it('closes a WebSocket whose connection_init needs the database with 1013 (retried by graphql-ws)', async () => {
    const ws = new WebSocket(gw.wsUrl, 'graphql-transport-ws')
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authToken: token } })))
    expect(await closed).toBe(1013)
  })
})
