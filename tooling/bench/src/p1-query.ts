// P1: a realistic page query — supplier profile, rating summary, service hours and the 20
// latest conversations of its team inbox — through the Rapport gateway (Apollo Server 5 over
// node:http) against a raw node:http + graphql-js server that caches parse/validate and runs
// the very same schema, resolvers, context and database.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createContext } from '@rapport/gateway/context'
import { schema } from '@rapport/gateway/schema'
import { startGateway } from '@rapport/gateway/server'
import { execute, parse, validate, type DocumentNode } from 'graphql'
import type { Fixture } from './fixtures.ts'
import { closedLoop, openLoop } from './load.ts'
import { abPairs, median, percentile } from './stats.ts'

export const P1_QUERY = `query SupplierPage($slug: String!) {
  supplier(slug: $slug) {
    name tagline philosophy location timeZone responseTarget
    serviceHours { weekday opensAt closesAt }
    ratingSummary { count average distribution }
    inbox(first: 20) { edges { node { id status labels lastMessageAt lastMessagePreview unreadCount buyer { displayName } } } }
  }
}`

async function baselineServer(f: Fixture): Promise<{ url: string; server: Server }> {
  const cache = new Map<string, DocumentNode>()
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', async () => {
      try {
        const { query, variables } = JSON.parse(Buffer.concat(chunks).toString()) as { query: string; variables?: Record<string, unknown> }
        let document = cache.get(query)
        if (!document) {
          document = parse(query)
          const errors = validate(schema, document)
          if (errors.length) throw errors[0]
          cache.set(query, document)
        }
        const token = req.headers.authorization?.slice('Bearer '.length) ?? null
        const contextValue = await createContext(f.services, { transport: 'http', token, ip: '127.0.0.1' })
        const result = await execute({ schema, document, variableValues: variables, contextValue })
        res.setHeader('content-type', 'application/json')
        res.end(JSON.stringify(result))
      } catch (e) {
        res.statusCode = 500
        res.end(JSON.stringify({ errors: [{ message: String(e) }] }))
      }
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server }
}

export type P1Result = { rapportRps: number; baselineRps: number; ratio: number; rapportP99: number; baselineP99: number; rate: number }

export async function runP1(f: Fixture, opts: { pairs: number; seconds: number }): Promise<P1Result> {
  const gateway = await startGateway({ schema, services: f.services, production: true, port: 0, host: '127.0.0.1' })
  const baseline = await baselineServer(f)
  const req = {
    path: '/graphql',
    body: JSON.stringify({ query: P1_QUERY, variables: { slug: f.supplierSlug } }),
    headers: { authorization: `Bearer ${f.tokens.agent}` },
  }
  try {
    // Warm up both (JIT, caches, connections).
    await closedLoop(gateway.url, req, { concurrency: 8, seconds: Math.min(2, opts.seconds) })
    await closedLoop(baseline.url, req, { concurrency: 8, seconds: Math.min(2, opts.seconds) })
    const peak = await abPairs(
      opts.pairs,
      () => closedLoop(gateway.url, req, { concurrency: 16, seconds: opts.seconds }),
      () => closedLoop(baseline.url, req, { concurrency: 16, seconds: opts.seconds }),
    )
    const rapportRps = median(peak.map((p) => p.a.rps))
    const baselineRps = median(peak.map((p) => p.b.rps))
    // Latency at the same offered load for both: half of the baseline's peak.
    const rate = Math.max(5, Math.round(baselineRps * 0.5))
    const lat = await abPairs(
      opts.pairs,
      () => openLoop(gateway.url, req, { rate, seconds: opts.seconds }),
      () => openLoop(baseline.url, req, { rate, seconds: opts.seconds }),
    )
    return {
      rapportRps,
      baselineRps,
      ratio: median(peak.map((p) => p.a.rps / p.b.rps)),
      rapportP99: median(lat.map((p) => percentile(p.a.latenciesMs, 0.99))),
      baselineP99: median(lat.map((p) => percentile(p.b.latenciesMs, 0.99))),
      rate,
    }
  } finally {
    await gateway.close()
    await new Promise((r) => baseline.server.close(r))
  }
}
