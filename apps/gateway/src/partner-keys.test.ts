// API keys over the wire, on two gateways sharing PostgreSQL and Redis: every answer to a key
// carries its cost and rate-limit headers; a field outside the key's scopes is refused naming the
// scope; a burst beyond the bucket is THROTTLED (one bucket across both gateways) and succeeds
// after the wait; a revoked key is refused on both gateways within a second and its open socket
// is closed; a key never reaches another supplier's private data.
import { encodeGlobalID } from '@pothos/plugin-relay'
import { CloseCode, type Client } from 'graphql-ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useReviewWorld } from './review-testing.ts'
import { collect, startTestGateway, type TestGateway } from './testing.ts'

const redisUrl = process.env.REDIS_URL
const prefix = `rapport-test-keys-${process.pid}-${Date.now()}:`

const CREATE = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) {
  __typename ... on IssuedApiKey { secret key { id prefix scopes status bucketSize restoreRate } } ... on Error { message code } } }`
const REVOKE = `mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { __typename ... on ApiKey { status } ... on Error { message } } }`
const NAME = `query($slug: String!) { supplier(slug: $slug) { name } }`
const REVIEWS = `query($slug: String!) { supplier(slug: $slug) { name reviews(first: 5) { edges { node { id } } } } }`
const EVENTS = `subscription($supplierId: ID!) { reviewEvents(supplierId: $supplierId) { kind } }`

type Answer = { status: number; headers: Headers; body: { data?: Record<string, unknown>; errors?: { message: string; extensions?: Record<string, unknown> }[]; extensions?: Record<string, unknown> } }

describe.runIf(redisUrl)('API keys over the wire', () => {
  const world = useReviewWorld({
    people: {
      olga: { email: 'olga@kiln.example', name: 'Olga' },
      maya: { email: 'maya@example.com', name: 'Maya', buyer: true },
      ada: { email: 'ada@rapport.example', name: 'Ada', platformRole: 'ADMIN' },
    },
    gateway: (db) => startTestGateway(db, { redisUrl, prefix }),
  })
  let second: TestGateway
  let loomConversation: string
  beforeAll(async () => {
    second = await startTestGateway(world.db, { redisUrl, prefix })
    await world.db.prisma.supplierMember.create({ data: { supplierId: world.supplier.id, userId: world.people.olga.userId, role: 'OWNER' } })
    const loom = await world.db.prisma.supplier.create({ data: { slug: 'loom', name: 'Loom', timeZone: 'UTC' } })
    const c = await world.db.prisma.conversation.create({ data: { buyerId: world.people.maya.buyerId, supplierId: loom.id, subject: 'Private to Loom' } })
    loomConversation = encodeGlobalID('Conversation', c.id)
  })
  afterAll(async () => {
    await second?.close()
  })

  const call = async (gw: TestGateway, query: string, variables: Record<string, unknown>, secret: string): Promise<Answer> => {
    const res = await fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body: JSON.stringify({ query, variables }) })
    return { status: res.status, headers: res.headers, body: (await res.json()) as Answer['body'] }
  }
  async function createKey(input: Record<string, unknown>) {
    const res = await world.gw.post<{ data: { createApiKey: { __typename: string; secret: string; key: { id: string } } } }>(
      CREATE,
      { input: { supplierId: world.supplier.gid, name: 'Test', ...input } },
      world.as('olga'),
    )
    expect(res.body.data.createApiKey.__typename).toBe('IssuedApiKey')
    return res.body.data.createApiKey
  }

  it('answers carry extensions.cost and rate-limit headers; a field outside the scopes is refused naming the scope', async () => {
    const { secret } = await createKey({ scopes: ['read:suppliers'] })
    const ok = await call(world.gw, NAME, { slug: 'kiln' }, secret)
    expect(ok.status).toBe(200)
    expect(ok.body.data).toEqual({ supplier: { name: 'Kiln' } })
    expect(ok.body.extensions?.cost).toEqual({
      requestedQueryCost: 11,
      actualQueryCost: 11,
      throttleStatus: { maximumAvailable: 10_000, currentlyAvailable: expect.any(Number), restoreRate: 500 },
    })
    expect(Number(ok.headers.get('x-ratelimit-limit'))).toBe(10_000)
    expect(Number(ok.headers.get('x-ratelimit-remaining'))).toBeGreaterThanOrEqual(9_989)
    expect(ok.headers.get('x-ratelimit-used')).toBe('11')

    const refused = await call(world.gw, REVIEWS, { slug: 'kiln' }, secret)
    expect(refused.status).toBe(403)
    expect(refused.body.data).toBeUndefined()
    expect(refused.body.errors?.[0]).toMatchObject({ message: expect.stringContaining('"read:reviews"'), extensions: { code: 'INSUFFICIENT_SCOPE', requiredScope: 'read:reviews' } })
    expect(refused.body.extensions?.cost).toMatchObject({ requestedQueryCost: 0, actualQueryCost: 0 })

    // A person's own operations are not for keys at all.
    const viewer = await call(world.gw, `{ viewer { __typename } }`, {}, secret)
    expect(viewer.body.errors?.[0]?.extensions?.code).toBe('INSUFFICIENT_SCOPE')
    // And a session is not charged or reported as a key is.
    const asPerson = await fetch(world.gw.url, { method: 'POST', headers: { 'content-type': 'application/json', ...world.as('olga') }, body: JSON.stringify({ query: NAME, variables: { slug: 'kiln' } }) })
    expect(((await asPerson.json()) as Answer['body']).extensions?.cost).toBeUndefined()
  })

  it('a burst beyond the bucket is THROTTLED with the wait, on either gateway (one bucket), then succeeds', async () => {
    const { secret } = await createKey({ scopes: ['read:suppliers'], bucketSize: 100, restoreRate: 20 })
    const answers: Answer[] = []
    for (let i = 0; i < 10; i++) answers.push(await call(i % 2 ? second : world.gw, NAME, { slug: 'kiln' }, secret))
    // 11 points each: nine fit in 100, the tenth does not — whichever gateway it reached.
    expect(answers.slice(0, 9).every((a) => a.status === 200)).toBe(true)
    const throttled = answers[9]!
    expect(throttled.status).toBe(429)
    expect(throttled.body.data).toBeUndefined()
    expect(throttled.body.errors?.[0]?.extensions).toMatchObject({ code: 'THROTTLED', retryAfterSeconds: 1 })
    expect(throttled.headers.get('retry-after')).toBe('1')
    expect(throttled.body.extensions?.cost).toMatchObject({ requestedQueryCost: 11, actualQueryCost: 0, throttleStatus: { maximumAvailable: 100, restoreRate: 20 } })
    const waitMs = Number(throttled.body.errors?.[0]?.extensions?.waitMs)
    expect(waitMs).toBeGreaterThan(0)
    expect(waitMs).toBeLessThanOrEqual(1000)
    await new Promise((r) => setTimeout(r, waitMs + 50))
    expect((await call(second, NAME, { slug: 'kiln' }, secret)).status).toBe(200)
    // More than the bucket can ever hold: a clear refusal, not a wait that would end in THROTTLED again.
    const tooBig = await call(world.gw, `{ suppliers(first: 20) { edges { node { name slug } } } }`, {}, secret)
    expect(tooBig.status).toBe(400)
    expect(tooBig.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', limit: 100 })
  })

  it('never reaches another supplier’s private data', async () => {
    const { secret } = await createKey({ scopes: ['read:conversations', 'read:suppliers'] })
    const res = await call(world.gw, `query($id: ID!) { conversation(id: $id) { id subject } }`, { id: loomConversation }, secret)
    expect(res.body.data?.conversation ?? null).toBeNull()
    expect(JSON.stringify(res.body)).not.toContain('Private to Loom')
  })

  it('a revoked key is refused on both gateways within a second, and its open socket is closed', async () => {
    const { secret, key } = await createKey({ scopes: ['read:suppliers', 'read:reviews'] })
    // Both gateways have verified (and cached) the key.
    for (const gw of [world.gw, second]) expect((await call(gw, NAME, { slug: 'kiln' }, secret)).status).toBe(200)
    let closed: { code: number; reason: string } | null = null
    const client: Client = second.wsClient({ connectionParams: { authToken: secret } })
    client.on('closed', (e) => {
      closed = { code: (e as { code: number }).code, reason: (e as { reason: string }).reason }
    })
    const live = collect<{ reviewEvents: { kind: string } }>(client, EVENTS, { supplierId: world.supplier.gid })
    await live.waitFor((es) => es.some((e) => e.reviewEvents.kind === 'SUBSCRIBED'))

    const revokedAt = Date.now()
    const revoked = await world.gw.post<{ data: { revokeApiKey: { status: string } } }>(REVOKE, { input: { id: key.id } }, world.as('olga'))
    expect(revoked.body.data.revokeApiKey.status).toBe('REVOKED')
    for (const gw of [world.gw, second]) {
      for (;;) {
        const res = await call(gw, NAME, { slug: 'kiln' }, secret)
        if (res.status === 401) {
          expect(res.body.errors?.[0]).toMatchObject({ message: expect.stringContaining('revoked'), extensions: { code: 'UNAUTHENTICATED' } })
          break
        }
        expect(Date.now() - revokedAt).toBeLessThan(1000)
        await new Promise((r) => setTimeout(r, 20))
      }
    }
    for (; !closed && Date.now() - revokedAt < 1000; ) await new Promise((r) => setTimeout(r, 20))
    expect(closed).toMatchObject({ code: CloseCode.Forbidden })
    expect(Date.now() - revokedAt).toBeLessThan(1000)
  })

  it('a subscription outside the key’s scopes is refused over WebSocket too', async () => {
    const { secret } = await createKey({ scopes: ['read:suppliers'] })
    const client = world.gw.wsClient({ connectionParams: { authToken: secret } })
    const live = collect<{ reviewEvents: { kind: string } }>(client, EVENTS, { supplierId: world.supplier.gid })
    await expect(live.waitFor(() => false, 5_000)).rejects.toThrow(/INSUFFICIENT_SCOPE|read:reviews/)
  })

  it('WebSocket answers to a key carry extensions.cost too: a query, a subscription’s first event, a refusal', async () => {
    const { secret } = await createKey({ scopes: ['read:suppliers', 'read:reviews'] })
    const client = world.gw.wsClient({ connectionParams: { authToken: secret } })
    type Frame = { data?: unknown; extensions?: Record<string, unknown> }
    // The first frame of an operation, or the errors it was refused with. A subscription is
    // stopped after it; a query is left to complete (the client hangs later operations when a
    // query is unsubscribed before the server's complete arrives).
    const first = (query: string, variables: Record<string, unknown>) =>
      new Promise<Frame | { refused: { message: string; extensions?: Record<string, unknown> }[] }>((resolve) => {
        const stop = client.subscribe<unknown>({ query, variables }, {
          next: (frame) => {
            resolve(frame as Frame)
            if (query.startsWith('subscription')) stop()
          },
          error: (e) => resolve({ refused: e as { message: string; extensions?: Record<string, unknown> }[] }),
          complete: () => {},
        })
      })
    const query = (await first(NAME, { slug: 'kiln' })) as Frame
    expect(query.data).toEqual({ supplier: { name: 'Kiln' } })
    expect(query.extensions?.cost).toEqual({
      requestedQueryCost: 11,
      actualQueryCost: 11,
      throttleStatus: { maximumAvailable: 10_000, currentlyAvailable: expect.any(Number), restoreRate: 500 },
    })
    const event = (await first(EVENTS, { supplierId: world.supplier.gid })) as Frame
    expect(event.data).toEqual({ reviewEvents: { kind: 'SUBSCRIBED' } })
    expect(event.extensions?.cost).toMatchObject({ requestedQueryCost: expect.any(Number), throttleStatus: { maximumAvailable: 10_000 } })
    const narrow = await createKey({ scopes: ['read:suppliers'] })
    const narrowClient = world.gw.wsClient({ connectionParams: { authToken: narrow.secret } })
    const refusal = await new Promise<{ extensions?: Record<string, unknown> }[]>((resolve) =>
      narrowClient.subscribe({ query: REVIEWS, variables: { slug: 'kiln' } }, { next: () => {}, error: (e) => resolve(e as { extensions?: Record<string, unknown> }[]), complete: () => {} }),
    )
    expect(refusal[0]?.extensions).toMatchObject({ code: 'INSUFFICIENT_SCOPE', cost: { requestedQueryCost: 0, actualQueryCost: 0 } })
    // A person's socket gets no cost.
    const person = world.gw.wsClient({ connectionParams: { authToken: world.people.olga.token } })
    const asPerson = await new Promise<Frame>((resolve) => person.subscribe({ query: NAME, variables: { slug: 'kiln' } }, { next: (f) => resolve(f as Frame), error: () => {}, complete: () => {} }))
    expect(asPerson.extensions).toBeUndefined()
    await Promise.all([client.dispose(), narrowClient.dispose(), person.dispose()])
  })

  it('admins manage platform partners’ keys, each named by its partner; owners see only their supplier’s', async () => {
    const made = await world.gw.post<{ data: { createApiKey: { __typename: string } } }>(
      CREATE,
      { input: { partnerName: 'Acme Analytics', name: 'Dashboards', scopes: ['read:suppliers', 'read:metrics'] } },
      world.as('ada'),
    )
    expect(made.body.data.createApiKey.__typename).toBe('IssuedApiKey')
    const LIST = `query($supplierId: ID) { viewer { isAdmin } apiKeys(supplierId: $supplierId) { name partnerName supplier { name } } }`
    type List = { data?: { viewer: { isAdmin: boolean }; apiKeys: { name: string; partnerName: string; supplier: { name: string } | null }[] }; errors?: { extensions?: { code?: string } }[] }
    const platform = (await world.gw.post<List>(LIST, {}, world.as('ada'))).body
    expect(platform.data?.viewer.isAdmin).toBe(true)
    expect(platform.data?.apiKeys).toEqual([{ name: 'Dashboards', partnerName: 'Acme Analytics', supplier: null }])
    const own = (await world.gw.post<List>(LIST, { supplierId: world.supplier.gid }, world.as('olga'))).body
    expect(own.data?.viewer.isAdmin).toBe(false)
    expect(own.data?.apiKeys.length).toBeGreaterThan(0)
    expect(own.data?.apiKeys.every((k) => k.partnerName === 'Kiln' && k.supplier?.name === 'Kiln')).toBe(true)
    const notAdmin = (await world.gw.post<List>(LIST, {}, world.as('olga'))).body
    expect(notAdmin.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
  })

  it('trusted-documents mode: only documents the partner registered run', async () => {
    const { secret } = await createKey({ scopes: ['read:suppliers'], trustedDocumentsOnly: true })
    const refused = await call(world.gw, NAME, { slug: 'kiln' }, secret)
    expect(refused.status).toBe(403)
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNTRUSTED_DOCUMENT' })
    const REGISTER = `mutation($input: RegisterTrustedDocumentsInput!) { registerTrustedDocuments(input: $input) { __typename ... on RegisterTrustedDocumentsPayload { hashes total } ... on Error { message } } }`
    // Registered with other whitespace: documents are compared in their printed form.
    const reg = await world.gw.post<{ data: { registerTrustedDocuments: { hashes: string[]; total: number } } }>(
      REGISTER,
      { input: { supplierId: world.supplier.gid, documents: [NAME.replace('{ name }', '{\n  name\n}')] } },
      world.as('olga'),
    )
    expect(reg.body.data.registerTrustedDocuments.hashes).toHaveLength(1)
    expect((await call(world.gw, NAME, { slug: 'kiln' }, secret)).body.data).toEqual({ supplier: { name: 'Kiln' } })
    expect((await call(second, `{ suppliers(first: 1) { edges { node { name } } } }`, {}, secret)).body.errors?.[0]?.extensions?.code).toBe('UNTRUSTED_DOCUMENT')
    // A key cannot register documents for itself.
    const byKey = await call(world.gw, REGISTER, { input: { supplierId: world.supplier.gid, documents: ['{ limits { pageSizeMax } }'] } }, secret)
    expect(byKey.body.errors?.[0]?.extensions?.code).toMatch(/INSUFFICIENT_SCOPE|UNTRUSTED_DOCUMENT/)
  })
})
