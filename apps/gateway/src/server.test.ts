import { createTestDb, type TestDb } from '@rapport/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestGateway, wsExecute, type TestGateway } from './testing.ts'

type SuppliersData = {
  suppliers: {
    totalCount: number
    pageInfo: { hasNextPage: boolean; endCursor: string | null }
    edges: { cursor: string; node: { id: string; name: string; slug: string } }[]
  }
}
type Result<T> = { data?: T; errors?: { message: string; extensions?: { code?: string } }[] }

const SUPPLIERS = `query($first: Int, $after: String, $last: Int, $search: String) {
  suppliers(first: $first, after: $after, last: $last, search: $search) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name slug } }
  }
}`

describe('the gateway', () => {
  let db: TestDb
  let gw: TestGateway
  const names = ['Alder Workshop', 'Bean Collective', 'Cacao Norte', 'Olive & Oak', 'Yuzu & Clay']

  beforeAll(async () => {
    db = await createTestDb()
    await db.prisma.supplier.createMany({
      data: names.map((name) => ({ name, slug: name.toLowerCase().replace(/[^a-z]+/g, '-'), timeZone: 'Europe/Lisbon' })),
    })
    gw = await startTestGateway(db, { redisUrl: process.env.REDIS_URL })
  })
  afterAll(async () => {
    await gw?.close()
    await db?.drop()
  })

  it('answers the suppliers connection over HTTP', async () => {
    const { status, body } = await gw.post<Result<SuppliersData>>('{ suppliers(first: 3) { edges { node { name } } } }')
    expect(status).toBe(200)
    expect(body.errors).toBeUndefined()
    expect(body.data!.suppliers.edges.map((e) => e.node.name)).toEqual(names.slice(0, 3))
  })

  it('pages through every supplier with cursors, and counts them', async () => {
    const seen: string[] = []
    let after: string | null = null
    for (let page = 0; page < 10; page++) {
      const { body }: { body: Result<SuppliersData> } = await gw.post<Result<SuppliersData>>(SUPPLIERS, { first: 2, after })
      const conn: SuppliersData['suppliers'] = body.data!.suppliers
      expect(conn.totalCount).toBe(names.length)
      seen.push(...conn.edges.map((e) => e.node.name))
      if (!conn.pageInfo.hasNextPage) break
      after = conn.pageInfo.endCursor
    }
    expect(seen).toEqual(names)
  })

  it('answers the same query over graphql-ws on the same port and path', async () => {
    const client = gw.wsClient()
    const result = await wsExecute<SuppliersData>(client, SUPPLIERS, { first: 2 })
    expect(result.errors).toBeUndefined()
    expect(result.data!.suppliers.edges.map((e) => e.node.name)).toEqual(names.slice(0, 2))
  })

  it('resolves a supplier by its global id through node(id:)', async () => {
    const { body } = await gw.post<Result<SuppliersData>>(SUPPLIERS, { first: 1 })
    const id = body.data!.suppliers.edges[0]!.node.id
    const node = await gw.post<Result<{ node: { __typename: string; name: string } }>>(
      'query($id: ID!) { node(id: $id) { __typename ... on Supplier { name } } }',
      { id },
    )
    expect(node.body.data!.node).toEqual({ __typename: 'Supplier', name: names[0] })
  })

  it('finds a supplier by slug and returns null for an unknown slug', async () => {
    const q = 'query($slug: String!) { supplier(slug: $slug) { name timeZone responseTarget } }'
    expect((await gw.post<Result<{ supplier: unknown }>>(q, { slug: 'cacao-norte' })).body.data!.supplier).toEqual({
      name: 'Cacao Norte',
      timeZone: 'Europe/Lisbon',
      responseTarget: 86400,
    })
    expect((await gw.post<Result<{ supplier: unknown }>>(q, { slug: 'nobody' })).body.data!.supplier).toBeNull()
  })

  it('refuses a page larger than 100 with a clear BAD_USER_INPUT error', async () => {
    const { body } = await gw.post<Result<SuppliersData>>(SUPPLIERS, { first: 101 })
    expect(body.errors![0]).toMatchObject({
      message: '"first" must be between 0 and 100 (got 101).',
      extensions: { code: 'BAD_USER_INPUT' },
    })
  })

  it('refuses a cursor it did not hand out', async () => {
    const { body } = await gw.post<Result<SuppliersData>>(SUPPLIERS, { first: 2, after: 'bm90LWEtY3Vyc29y' })
    expect(body.errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } })
    expect(body.errors![0]!.message).toMatch(/not a cursor from this list/)
  })

  it('rejects a body that is not JSON, and one that is too large, before executing', async () => {
    const bad = await fetch(gw.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as Result<unknown>).errors![0]!.extensions!.code).toBe('BAD_REQUEST')
    const huge = await fetch(gw.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ suppliers { totalCount } } #${'x'.repeat(1_100_000)}` }),
    })
    expect(huge.status).toBe(413)
  })

  it('refuses a cross-site simple request (CSRF prevention)', async () => {
    const res = await fetch(`${gw.url}?query=${encodeURIComponent('{ suppliers { totalCount } }')}`)
    expect(res.status).toBe(400)
  })

  it('reports liveness and readiness with the database and pub/sub checked', async () => {
    const base = gw.url.replace(/\/graphql$/, '')
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' })
    const ready = await fetch(`${base}/readyz`)
    expect(ready.status).toBe(200)
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', pubsub: 'ok' } })
  })
})

describe('catalogue fields', () => {
  let db: TestDb
  let gw: TestGateway
  beforeAll(async () => {
    db = await createTestDb()
    await db.prisma.supplier.create({
      data: {
        slug: 'tsuchi',
        name: 'Tsuchi Studio',
        timeZone: 'Asia/Tokyo',
        serviceHours: { create: [{ weekday: 1, opensAt: 600, closesAt: 1080 }] },
        products: { create: [{ slug: 'cup', name: 'Tea cup', description: 'Wood-fired.', priceCents: 4800, currency: 'JPY' }] },
      },
    })
    gw = await startTestGateway(db)
  })
  afterAll(async () => {
    await gw?.close()
    await db?.drop()
  })

  it('shows a supplier’s service hours, rating summary and products, and a product by id', async () => {
    const { body } = await gw.post<Result<{ supplier: { serviceHours: unknown; ratingSummary: unknown; products: { edges: { node: { id: string } }[] } } }>>(
      '{ supplier(slug: "tsuchi") { serviceHours { weekday opensAt closesAt } ratingSummary { count average distribution } products(first: 5) { edges { node { id name price { amount currency } } } } } }',
    )
    const supplier = body.data!.supplier
    expect(supplier.serviceHours).toEqual([{ weekday: 1, opensAt: '10:00', closesAt: '18:00' }])
    expect(supplier.ratingSummary).toEqual({ count: 0, average: null, distribution: [0, 0, 0, 0, 0] })
    expect(supplier.products.edges).toEqual([{ node: expect.objectContaining({ name: 'Tea cup', price: { amount: 4800, currency: 'JPY' } }) }])
    const id = supplier.products.edges[0]!.node.id
    const product = await gw.post<Result<{ product: unknown }>>('query($id: ID!) { product(id: $id) { name supplier { name } } }', { id })
    expect(product.body.data!.product).toEqual({ name: 'Tea cup', supplier: { name: 'Tsuchi Studio' } })
  })

  it('answers a malformed product id with VALIDATION_FAILED on the field', async () => {
    const { body } = await gw.post<Result<unknown>>('{ product(id: "nope") { name } }')
    expect(body.errors![0]).toMatchObject({ extensions: { code: 'VALIDATION_FAILED', field: 'id' } })
  })
})

describe('the limits clients read', () => {
  it('are the ones the domain enforces, for anyone', async () => {
    const { createTestDb } = await import('@rapport/db/testing')
    const { MESSAGING_LIMITS } = await import('@rapport/messaging')
    const { REVIEW_LIMITS } = await import('@rapport/reviews')
    const db = await createTestDb()
    const gw = await startTestGateway(db)
    try {
      const { body } = await gw.post<Result<{ limits: Record<string, number> }>>(
        '{ limits { messageBodyMaxLength attachmentsPerMessage attachmentMaxBytes subjectMaxLength labelMaxLength labelsPerConversation pageSizeMax reviewTitleMaxLength reviewBodyMaxLength reviewResponseMaxLength reviewWindowDays } }',
      )
      expect(body.data?.limits).toEqual({
        messageBodyMaxLength: MESSAGING_LIMITS.messageBody,
        attachmentsPerMessage: MESSAGING_LIMITS.attachmentsPerMessage,
        attachmentMaxBytes: MESSAGING_LIMITS.attachmentBytes,
        subjectMaxLength: MESSAGING_LIMITS.subject,
        labelMaxLength: MESSAGING_LIMITS.label,
        labelsPerConversation: MESSAGING_LIMITS.labelsPerConversation,
        pageSizeMax: 100,
        reviewTitleMaxLength: REVIEW_LIMITS.title,
        reviewBodyMaxLength: REVIEW_LIMITS.body,
        reviewResponseMaxLength: REVIEW_LIMITS.response,
        reviewWindowDays: REVIEW_LIMITS.windowDays,
      })
    } finally {
      await gw.close()
      await db.drop()
    }
  })
})
