// Global ids are input like any other: a malformed one, one of an unknown type, or too many at
// once are the client's mistake and get a clear BAD_USER_INPUT, on both transports — not a 500.
import { encodeGlobalID } from '@pothos/plugin-relay'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestGateway, wsExecute, type TestGateway } from './testing.ts'

type Res = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] }

let db: TestDb
let gw: TestGateway
let supplierId = ''

beforeAll(async () => {
  db = await createTestDb()
  gw = await startTestGateway(db, { redisUrl: process.env.REDIS_URL })
  supplierId = (await db.prisma.supplier.create({ data: { slug: 'alder', name: 'Alder Workshop', timeZone: 'Europe/Lisbon' } })).id
})
afterAll(async () => {
  await gw?.close()
  await db?.drop()
})

const b64 = (s: string) => Buffer.from(s).toString('base64')
const NODE = 'query($id: ID!) { node(id: $id) { id ... on Supplier { name } } }'
const NODES = 'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Supplier { name } } }'

async function both(query: string, variables: Record<string, unknown>): Promise<Res[]> {
  const http = (await gw.post<Res>(query, variables)).body
  const client = gw.wsClient()
  const ws = (await wsExecute(client, query, variables)) as Res
  await client.dispose()
  return [http, ws]
}

describe('global ids', () => {
  const malformed = {
    'not base64 at all': 'garbage',
    'an unknown type': b64('Nope:0190a6b0-0000-7000-8000-000000000000'),
    'a known type with an id that is not one': b64('Supplier:not-a-uuid'),
  }
  for (const [what, id] of Object.entries(malformed)) {
    it(`answers node(id:) with ${what} with BAD_USER_INPUT over HTTP and WebSocket`, async () => {
      for (const res of await both(NODE, { id })) {
        expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
        expect(res.errors?.[0]?.message).toMatch(/not a valid id/)
      }
    })
    it(`answers nodes(ids:) with ${what} among good ids with BAD_USER_INPUT`, async () => {
      for (const res of await both(NODES, { ids: [encodeGlobalID('Supplier', supplierId), id] })) {
        expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
      }
    })
  }

  it('refuses more than 100 ids in nodes(ids:) with BAD_USER_INPUT, and answers 100', async () => {
    const ids = (n: number) => Array.from({ length: n }, () => encodeGlobalID('Supplier', supplierId))
    // 12,000 ids fit an HTTP body; a WebSocket message that large is refused on its own (1009).
    const http = (await gw.post<Res>(NODES, { ids: ids(12_000) })).body
    const [, ws] = await both(NODES, { ids: ids(1_000) })
    for (const res of [http, ws!]) {
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
      expect(res.errors?.[0]?.message).toMatch(/at most 100 ids/)
    }
    for (const res of await both(NODES, { ids: ids(100) })) {
      expect(res.errors).toBeUndefined()
      expect((res.data?.nodes as unknown[]).length).toBe(100)
    }
  })

  it('still resolves a well-formed id, and a well-formed id of nothing to null', async () => {
    const [found] = await both(NODE, { id: encodeGlobalID('Supplier', supplierId) })
    expect(found!.data?.node).toMatchObject({ name: 'Alder Workshop' })
    const [missing] = await both(NODE, { id: encodeGlobalID('Supplier', '0190a6b0-0000-7000-8000-000000000000') })
    expect(missing).toEqual({ data: { node: null } })
  })
})
