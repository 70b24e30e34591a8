import { createTestDb, type TestDb } from '@rapport/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestGateway, TEST_METRICS_TOKEN, wsExecute, type TestGateway } from './testing.ts'

type Response = { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] }

describe('metrics and timing', () => {
  let db: TestDb
  let gw: TestGateway
  beforeAll(async () => {
    db = await createTestDb()
    await db.prisma.supplier.create({ data: { slug: 'alpha', name: 'Alpha', timeZone: 'UTC' } })
    gw = await startTestGateway(db, { redisUrl: process.env.REDIS_URL })
  })
  afterAll(async () => {
    await gw?.close()
    await db?.drop()
  })

  it('exposes per-operation latency histograms, error counts and connection gauges at /metrics', async () => {
    for (let i = 0; i < 3; i++) await gw.post('query HomeSuppliers { suppliers(first: 3) { totalCount } }')
    await gw.post('query Broken { suppliers(first: 500) { totalCount } }')
    const client = gw.wsClient({ lazy: false })
    await wsExecute(client, 'query OverSocket { supplier(slug: "alpha") { name } }')
    const text = await (await fetch(gw.metricsUrl)).text()
    expect(text).toMatch(/rapport_graphql_operation_duration_seconds_count\{operation="HomeSuppliers",type="query",transport="http"\} 3/)
    expect(text).toMatch(/rapport_graphql_operation_duration_seconds_bucket\{le="0\.5",operation="HomeSuppliers",type="query",transport="http"\} 3/)
    expect(text).toMatch(/rapport_graphql_operation_duration_seconds_count\{operation="OverSocket",type="query",transport="ws"\} 1/)
    expect(text).toMatch(/rapport_graphql_errors_total\{operation="Broken",code="BAD_USER_INPUT",transport="http"\} 1/)
    expect(text).toMatch(/rapport_ws_connections 1/)
    expect(text).toMatch(/rapport_graphql_active_subscriptions 0/)
    expect(text).toMatch(/process_resident_memory_bytes/)
  })

  it('keeps /metrics off the public port: it answers there only with the token, and on the operators’ port', async () => {
    const onApiPort = gw.url.replace(/\/graphql$/, '/metrics')
    expect(gw.metricsUrl).not.toBe(onApiPort)
    expect((await fetch(onApiPort)).status).toBe(404)
    expect((await fetch(onApiPort, { headers: { authorization: 'Bearer wrong-token-0123456789012' } })).status).toBe(404)
    const withToken = await fetch(onApiPort, { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } })
    expect(withToken.status).toBe(200)
    expect(await withToken.text()).toMatch(/rapport_ws_connections/)
    // The operators' port serves /metrics and nothing else: not the API.
    expect((await fetch(gw.metricsUrl.replace(/\/metrics$/, '/graphql'))).status).toBe(404)
  })

  it('puts a Server-Timing header on every response, with the GraphQL phases', async () => {
    const res = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ suppliers(first: 1) { totalCount } }' }),
    })
    expect(res.headers.get('server-timing')).toMatch(/parse;dur=[\d.]+, validate;dur=[\d.]+, execute;dur=[\d.]+, total;dur=[\d.]+/)
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    // Answers are per viewer: never stored by a browser or a proxy.
    expect(res.headers.get('cache-control')).toBe('no-store')
    const health = await fetch(gw.url.replace('/graphql', '/healthz'))
    expect(health.headers.get('server-timing')).toMatch(/^total;dur=[\d.]+$/)
  })
})

describe('when something unexpected fails', () => {
  it('masks the error for clients on both transports, with a request id, and readiness reports the database', async () => {
    // Embedded, so closing it really takes the database away (a PostgreSQL pool would reconnect).
    const db = await createTestDb('pglite')
    const gw = await startTestGateway(db)
    try {
      await db.prisma.$disconnect()
      await db.factory.close() // the database goes away under a running gateway
      const { body } = await gw.post<Response>('{ suppliers(first: 1) { totalCount } }', undefined, { 'x-request-id': 'req-123' })
      expect(body.errors![0]).toMatchObject({
        message: 'Something went wrong on our side. It has been logged.',
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-123' },
      })
      expect(JSON.stringify(body)).not.toMatch(/PGlite|closed|prisma/i)
      const ws = await wsExecute(gw.wsClient(), '{ suppliers(first: 1) { totalCount } }')
      expect(ws.errors![0]).toMatchObject({ extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) } })
      const ready = await fetch(gw.url.replace('/graphql', '/readyz'))
      expect(ready.status).toBe(503)
    } finally {
      await gw.close()
      await db.drop().catch(() => {})
    }
  })
})

describe('in production', () => {
  let db: TestDb
  let gw: TestGateway
  beforeAll(async () => {
    db = await createTestDb()
    gw = await startTestGateway(db, { production: true })
  })
  afterAll(async () => {
    await gw?.close()
    await db?.drop()
  })

  it('turns introspection off and does not suggest field names', async () => {
    const intro = await gw.post<Response>('{ __schema { types { name } } }')
    expect(intro.body.errors![0]!.message).toMatch(/introspection/i)
    const typo = await gw.post<Response>('{ supplierz { name } }')
    expect(typo.body.errors![0]!.message).not.toMatch(/Did you mean/)
  })
})

describe('shutting down', () => {
  it('closes WebSockets with 1001 (going away) so clients reconnect elsewhere', async () => {
    const db = await createTestDb()
    const gw = await startTestGateway(db)
    const client = gw.wsClient({ lazy: false })
    await wsExecute(client, '{ __typename }')
    const closed = new Promise<number>((resolve) => client.on('closed', (e) => resolve((e as { code: number }).code)))
    await gw.close()
    expect(await closed).toBe(1001)
    await db.drop()
  })
})
