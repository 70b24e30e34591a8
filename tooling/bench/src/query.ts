// A page query through the Rapport gateway (Apollo Server 5 over node:http) against a raw
// node:http + graphql-js server that caches parse/validate and runs the very same schema,
// resolvers, context and database: peak req/s with 16 in flight, and p99 at half the
// baseline's peak. A benchmark is its query and a call (P1: p1-query.ts, R1: r1-reviews.ts).
// compareRequests measures any two requests so (K1: one query by API key and by session).
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { isDeepStrictEqual } from 'node:util'
import { createContext } from '@rapport/gateway/context'
import { schema } from '@rapport/gateway/schema'
import { startGateway } from '@rapport/gateway/server'
import { execute, parse, validate, type DocumentNode } from 'graphql'
import { Pool } from 'undici'
import type { Fixture } from './fixtures.ts'
import { closedLoop, openLoop } from './load.ts'
import { abPairs, median, percentile } from './stats.ts'

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

export type QueryRequest = { query: string; variables: Record<string, unknown>; token: string | null }

export type QueryResult = {
  rapportRps: number
  baselineRps: number
  ratio: number
  rapportP99: number
  baselineP99: number
  rate: number
  /** Requests answered with errors or not 200, over every run (warm-ups aside). */
  errors: { rapport: number; baseline: number }
}

/** A request as the load generators send it (load.ts). */
export type HttpRequest = { path: string; body: string; headers: Record<string, string> }

/** A POST of `request` (its query, variables and bearer token) to /graphql. */
export function httpRequest(request: QueryRequest): HttpRequest {
  const headers: Record<string, string> = request.token ? { authorization: `Bearer ${request.token}` } : {}
  return { path: '/graphql', body: JSON.stringify({ query: request.query, variables: request.variables }), headers }
}

export type Answer = { data: unknown; extensions: Record<string, unknown> | undefined; headers: Record<string, unknown> }

/** One answer (its `data`, `extensions` and headers); fails on errors, so a benchmark never measures a failing query. */
export async function answer(url: string, req: HttpRequest): Promise<Answer> {
  const { origin } = new URL(url)
  const pool = new Pool(origin)
  try {
    const res = await pool.request({ method: 'POST', path: req.path, body: req.body, headers: { 'content-type': 'application/json', ...req.headers } })
    const body = (await res.body.json()) as { data?: unknown; errors?: unknown; extensions?: Record<string, unknown> }
    if (res.statusCode !== 200 || body.errors) throw new Error(`${url} answered ${res.statusCode}: ${JSON.stringify(body.errors ?? body)}`)
    return { data: body.data, extensions: body.extensions, headers: res.headers }
  } finally {
    await pool.close()
  }
}

/**
 * Two (url, request) pairs side by side, A/B pairs: warm-up, peak req/s with 16 in flight, then
 * p99 with both offered half of B's peak. `rapport…` figures are A's, `baseline…` B's.
 */
export async function compareRequests(
  a: { url: string; req: HttpRequest },
  b: { url: string; req: HttpRequest },
  opts: { pairs: number; seconds: number },
): Promise<QueryResult> {
  // Warm up both (JIT, caches, connections).
  await closedLoop(a.url, a.req, { concurrency: 8, seconds: Math.min(2, opts.seconds) })
  await closedLoop(b.url, b.req, { concurrency: 8, seconds: Math.min(2, opts.seconds) })
  const peak = await abPairs(
    opts.pairs,
    () => closedLoop(a.url, a.req, { concurrency: 16, seconds: opts.seconds }),
    () => closedLoop(b.url, b.req, { concurrency: 16, seconds: opts.seconds }),
  )
  const baselineRps = median(peak.map((p) => p.b.rps))
  // Latency at the same offered load for both: half of B's peak.
  const rate = Math.max(5, Math.round(baselineRps * 0.5))
  const lat = await abPairs(
    opts.pairs,
    () => openLoop(a.url, a.req, { rate, seconds: opts.seconds }),
    () => openLoop(b.url, b.req, { rate, seconds: opts.seconds }),
  )
  const all = [...peak, ...lat]
  return {
    rapportRps: median(peak.map((p) => p.a.rps)),
    baselineRps,
    ratio: median(peak.map((p) => p.a.rps / p.b.rps)),
    rapportP99: median(lat.map((p) => percentile(p.a.latenciesMs, 0.99))),
    baselineP99: median(lat.map((p) => percentile(p.b.latenciesMs, 0.99))),
    rate,
    errors: { rapport: all.reduce((n, p) => n + p.a.errors, 0), baseline: all.reduce((n, p) => n + p.b.errors, 0) },
  }
}

/**
 * Runs `request` against both servers, A/B pairs, and returns the medians. Before measuring it
 * checks that both answer without errors and with the same data; `check` may look at that data.
 */
export async function runQueryBenchmark(
  f: Fixture,
  request: QueryRequest,
  opts: { pairs: number; seconds: number; check?: (data: unknown) => void },
): Promise<QueryResult> {
  const gateway = await startGateway({ schema, services: f.services, production: true, port: 0, host: '127.0.0.1' })
  const baseline = await baselineServer(f)
  const req = httpRequest(request)
  try {
    const { data } = await answer(gateway.url, req)
    if (!isDeepStrictEqual(data, (await answer(baseline.url, req)).data)) throw new Error('the gateway and the baseline answer the query differently')
    opts.check?.(data)
    return await compareRequests({ url: gateway.url, req }, { url: baseline.url, req }, opts)
  } finally {
    await gateway.close()
    await new Promise((r) => baseline.server.close(r))
  }
}
