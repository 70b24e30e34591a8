import { createTestDb, type TestDb } from '@rapport/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LIMIT_CODES, LIMITS } from './limits.ts'
import { startTestGateway, wsExecute, type TestGateway } from './testing.ts'

type Result = { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] }

let db: TestDb
let gw: TestGateway
beforeAll(async () => {
  db = await createTestDb()
  gw = await startTestGateway(db, { redisUrl: process.env.REDIS_URL })
})
afterAll(async () => {
  await gw?.close()
  await db?.drop()
})

// node → Supplier → team is short; nesting fragments on `node` builds depth without a deep schema.
const deep = (levels: number) => {
  let inner = 'id'
  for (let i = 0; i < levels; i++) inner = `... on Supplier { team { id } } node(id: "x") { ${inner} }`.replace('node(id: "x")', 'n: __typename') && `suppliers(first: 1) { edges { node { ${inner} } } }`
  return `{ ${inner} }`
}
const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: supplier(slug: "s${i}") { id }`).join(' ')} }`
const costly = () => `{ ${Array.from({ length: 14 }, (_, i) => `s${i}: suppliers(first: 100) { edges { node { id name slug tagline philosophy about location timeZone responseTarget createdAt team { id displayName title role joinedAt } } } }`).join(' ')} }`
const manyTokens = () => `{ suppliers(first: 1) { edges { node { ${'id '.repeat(LIMITS.tokens + 10)} } } } }`
// A mutation inside the over-limit document proves nothing executes before the check.
const withSignUp = (q: string) => q.replace(/^\{/, 'mutation { signUp(input: { accountType: BUYER, email: "limit@example.com", password: "long enough pw", displayName: "L" }) { __typename } ')
// Cost is checked once the document is valid: a valid mutation whose answer would be too costly.
const costlySignUp = () =>
  'mutation { signUp(input: { accountType: BUYER, email: "limit@example.com", password: "long enough pw", displayName: "L" }) { ... on AuthPayload { viewer { conversations(first: 100) { edges { node { messages(last: 100) { edges { node { body } } } } } } } } } }'

const cases: [string, () => string, string][] = [
  ['an over-deep query', () => deep(12), LIMIT_CODES.depth],
  ['an alias-heavy query', () => aliases(LIMITS.aliases + 5), LIMIT_CODES.aliases],
  ['an over-cost query', costly, LIMIT_CODES.cost],
  ['an over-long document', manyTokens, LIMIT_CODES.tokens],
]

describe.each(cases)('%s', (_name, query, code) => {
  it(`is rejected with ${code} over HTTP, before execution`, async () => {
    const { status, body } = await gw.post<Result>(query())
    expect(status).toBe(400)
    expect(body.data).toBeUndefined()
    expect(body.errors!.map((e) => e.extensions?.code)).toContain(code)
    if (code !== LIMIT_CODES.tokens) {
      const users = await db.prisma.user.count()
      const m = await gw.post<Result>(code === LIMIT_CODES.cost ? costlySignUp() : withSignUp(query()))
      expect(m.body.errors!.map((e) => e.extensions?.code)).toContain(code)
      expect(await db.prisma.user.count()).toBe(users)
    }
  })

  it(`is rejected with ${code} over graphql-ws, before execution`, async () => {
    const client = gw.wsClient()
    const result = await wsExecute(client, query())
    expect(result.data).toBeUndefined()
    expect(result.errors!.map((e) => e.extensions?.code)).toContain(code)
  })
})

describe('queries within the limits', () => {
  it('run normally on both transports', async () => {
    const q = `{ ${Array.from({ length: LIMITS.aliases }, (_, i) => `a${i}: supplier(slug: "s${i}") { id }`).join(' ')} suppliers(first: 5) { totalCount } }`
    expect((await gw.post<Result>(q)).body.errors).toBeUndefined()
    expect((await wsExecute(gw.wsClient(), q)).errors).toBeUndefined()
  })
})

describe('page sizes in variables', () => {
  const nested =
    'query Nested($n: Int, $m: Int) { suppliers(first: $n) { edges { node { name products(first: $m) { edges { node { id name description } } } } } } }'

  it('count toward the cost once known: 100 × 100 rows are refused on both transports, small pages run', async () => {
    const refused = await gw.post<Result>(nested, { n: 100, m: 100 })
    expect(refused.status).toBe(400)
    expect(refused.body.data).toBeUndefined()
    expect(refused.body.errors!.map((e) => e.extensions?.code)).toEqual([LIMIT_CODES.pagedCost])
    const overWs = await wsExecute(gw.wsClient(), nested, { n: 100, m: 100 })
    expect(overWs.data).toBeUndefined()
    expect(overWs.errors!.map((e) => e.extensions?.code)).toEqual([LIMIT_CODES.pagedCost])

    const fine = await gw.post<Result>(nested, { n: 5, m: 5 })
    expect(fine.status).toBe(200)
    expect(fine.body.errors).toBeUndefined()
    expect((await wsExecute(gw.wsClient(), nested, { n: 5, m: 5 })).errors).toBeUndefined()
  })
})
