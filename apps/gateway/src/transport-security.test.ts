// What a caller cannot do on either transport: ride a visitor's session cookie from another
// site's page, introspect a production gateway over WebSocket, or pass off a wrong APQ hash
// as the server's fault.
import { createHash } from 'node:crypto'
import { systemClock } from '@rapport/core'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { createSession } from '@rapport/identity'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { SESSION_COOKIE } from './context.ts'
import { startTestGateway, wsExecute, type TestGateway } from './testing.ts'

type Result = { data?: Record<string, unknown>; errors?: { message: string; extensions?: { code?: string } }[] }

let db: TestDb
let token = ''
beforeAll(async () => {
  db = await createTestDb()
  const user = await db.prisma.user.create({ data: { email: 'sam@origin.example', displayName: 'Sam', passwordHash: 'x' } })
  await db.prisma.buyer.create({ data: { userId: user.id, displayName: 'Sam' } })
  token = (await createSession({ db: db.prisma, clock: systemClock }, user.id)).token
})
afterAll(async () => {
  await db?.drop()
})

/** Opens a raw WebSocket upgrade and resolves with the HTTP status it was refused with, or 101. */
function upgrade(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, 'graphql-transport-ws', { headers })
    ws.on('open', () => {
      ws.close()
      resolve(101)
    })
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0)
      ws.terminate()
    })
    ws.on('error', (e) => (e.message.includes('Unexpected server response') ? undefined : reject(e)))
  })
}

describe('the WebSocket upgrade', () => {
  let gw: TestGateway
  beforeAll(async () => {
    gw = await startTestGateway(db, { allowedOrigins: ['https://app.rapport.example'] })
  })
  afterAll(async () => {
    await gw?.close()
  })
  const cookie = () => `${SESSION_COOKIE}=${token}`

  it('refuses a page on another origin that carries the session cookie (HTTP 403)', async () => {
    expect(await upgrade(gw.wsUrl, { origin: 'https://evil.example', cookie: cookie() })).toBe(403)
  })

  it('accepts the web app’s origin with the cookie, and the session works', async () => {
    expect(await upgrade(gw.wsUrl, { origin: 'https://app.rapport.example', cookie: cookie() })).toBe(101)
  })

  it('leaves token clients alone: no cookie, any origin or none', async () => {
    expect(await upgrade(gw.wsUrl, { origin: 'https://partner.example' })).toBe(101)
    expect(await upgrade(gw.wsUrl, {})).toBe(101)
    const client = gw.wsClient({ connectionParams: { authToken: token } })
    const result = await wsExecute<{ viewer: { user: { displayName: string } } }>(client, '{ viewer { user { displayName } } }')
    expect(result.data?.viewer.user.displayName).toBe('Sam')
  })
})

describe('the WebSocket upgrade without ALLOWED_ORIGINS', () => {
  it('accepts pages on the gateway’s own host name (any port) and refuses others', async () => {
    const gw = await startTestGateway(db)
    const host = new URL(gw.url).hostname
    try {
      expect(await upgrade(gw.wsUrl, { origin: `http://${host}:3000`, cookie: `${SESSION_COOKIE}=${token}` })).toBe(101)
      expect(await upgrade(gw.wsUrl, { origin: 'http://attacker.example:3000', cookie: `${SESSION_COOKIE}=${token}` })).toBe(403)
    } finally {
      await gw.close()
    }
  })
})

describe('a production gateway', () => {
  let gw: TestGateway
  beforeAll(async () => {
    gw = await startTestGateway(db, { production: true })
  })
  afterAll(async () => {
    await gw?.close()
  })

  it.each([
    ['HTTP', (q: string) => gw.post<Result>(q).then((r) => r.body)],
    ['graphql-ws', (q: string) => wsExecute(gw.wsClient(), q) as Promise<Result>],
  ])('refuses introspection over %s, anonymously, and suggests no field names', async (_name, run) => {
    const intro = await run('{ __schema { types { name } } }')
    expect(intro.data).toBeUndefined()
    expect(intro.errors![0]!.message).toMatch(/introspection/i)
    expect(intro.errors![0]!.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED')
    const byType = await run('{ __type(name: "Conversation") { fields { name } } }')
    expect(byType.errors![0]!.message).toMatch(/introspection/i)
    const typo = await run('{ supplierz { name } }')
    expect(typo.errors![0]!.message).not.toMatch(/Did you mean/)
    // __typename is not introspection: clients rely on it.
    expect((await run('{ __typename }')).data).toEqual({ __typename: 'Query' })
  })
})

describe('automatic persisted queries', () => {
  let gw: TestGateway
  beforeAll(async () => {
    gw = await startTestGateway(db)
  })
  afterAll(async () => {
    await gw?.close()
  })
  const post = (body: unknown) =>
    fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as Result }))

  it('answer a hash that does not match its query as the caller’s mistake (400 PERSISTED_QUERY_HASH_MISMATCH)', async () => {
    const { status, body } = await post({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } })
    expect(status).toBe(400)
    expect(body.errors![0]!.extensions?.code).toBe('PERSISTED_QUERY_HASH_MISMATCH')
  })

  it('register a matching hash and run it by hash alone, and say PERSISTED_QUERY_NOT_FOUND for an unknown one', async () => {
    const query = '{ __typename }'
    const sha256Hash = createHash('sha256').update(query).digest('hex')
    expect((await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } })).body.data).toEqual({ __typename: 'Query' })
    expect((await post({ extensions: { persistedQuery: { version: 1, sha256Hash } } })).body.data).toEqual({ __typename: 'Query' })
    const unknown = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } })
    expect(unknown.body.errors![0]!.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND')
  })
})
