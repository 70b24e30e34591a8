// K1: a partner's query through an API key — key lookup, the scope check and cost accounting
// (the estimate poured into the key's leaky bucket in Redis before it runs, the actual cost
// adjusted after, `extensions.cost` and x-ratelimit-* headers on the answer) — against the very
// same query by a session, on the same gateway, for the same person and data: P1's supplier
// page (p1-query.ts) as the supplier's owner, by her key (A) and by her session (B). The key's
// bucket is made huge (1,000,000 points restoring 100,000/s, the bounds' maximum) so that the
// benchmark measures the accounting, never throttling; a throttled answer would count as an
// error (query.ts reports them).
import { isDeepStrictEqual } from 'node:util'
import { systemClock } from '@rapport/core'
import { schema } from '@rapport/gateway/schema'
import { startGateway } from '@rapport/gateway/server'
import { createApiKey } from '@rapport/partners'
import { supplierOwner, type Fixture } from './fixtures.ts'
import { P1_QUERY } from './p1-query.ts'
import { answer, compareRequests, httpRequest, type QueryResult } from './query.ts'

/** The scopes P1's query needs: the supplier, its team inbox, its rating summary. */
const SCOPES = ['read:suppliers', 'read:conversations', 'read:reviews']
export const K1_BUCKET = { bucketSize: 1_000_000, restoreRate: 100_000 } as const

/** A key answer's `extensions.cost` (the gateway's CostExtension, modules/partners/cost.ts). */
export type Cost = { requestedQueryCost: number; actualQueryCost: number; throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number } }

export type K1Result = QueryResult & { cost: Cost }

export async function runK1(f: Fixture, opts: { pairs: number; seconds: number }): Promise<K1Result> {
  const owner = await supplierOwner(f)
  const { secret } = await createApiKey({ db: f.db.prisma, clock: systemClock }, owner.viewer, { supplierId: owner.supplierId, name: 'bench K1', scopes: SCOPES, ...K1_BUCKET })
  const variables = { slug: f.supplierSlug }
  const byKey = httpRequest({ query: P1_QUERY, variables, token: secret })
  const bySession = httpRequest({ query: P1_QUERY, variables, token: f.tokens.owner })
  const gateway = await startGateway({ schema, services: f.services, production: true, port: 0, host: '127.0.0.1' })
  try {
    const key = await answer(gateway.url, byKey)
    const session = await answer(gateway.url, bySession)
    if (!isDeepStrictEqual(key.data, session.data)) throw new Error('K1: the key and the session answer the query differently')
    const cost = key.extensions?.cost as Cost | undefined
    if (!cost || !key.headers['x-ratelimit-remaining']) throw new Error('K1: the key answer has no extensions.cost or x-ratelimit-* headers')
    if (session.extensions?.cost) throw new Error('K1: a session answer should carry no cost')
    return { ...(await compareRequests({ url: gateway.url, req: byKey }, { url: gateway.url, req: bySession }, opts)), cost }
  } finally {
    await gateway.close()
  }
}
