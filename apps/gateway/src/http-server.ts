// HTTP: Apollo Server 5 for POST /graphql, the modules' REST routes, health, readiness and
// metrics, each response timed (Server-Timing) and answered as JSON on failure.
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server'
import { unwrapResolverError } from '@apollo/server/errors'
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer'
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled'
import { DomainError, httpStatusFor } from '@rapport/core'
import { parse as parseCookie } from 'cookie'
import { GraphQLError, OperationTypeNode, type GraphQLSchema } from 'graphql'
import { LRUCache } from 'lru-cache'
import { createContext, tokenFromHeaders, type Context, type RequestInfo, type Services } from './context.ts'
import { gatewayRules } from './documents.ts'
import { isUnexpected, outageError, type ErrorMasking } from './error-masking.ts'
import { OUTAGE_RETRY_AFTER_SECONDS, outageMessage, outageOf } from './outage.ts'
import { headerValue, readBody, sendGraphQLError, sendJson } from './http-body.ts'
import { idempotencyRequest, idempotent, isRefusal, type Answer } from './idempotency.ts'
import { checkNulCharacters } from './input-text.ts'
import { checkPagedCost, checkTokenLimit, LIMITS } from './limits.ts'
import type { Metrics } from './metrics.ts'
import type { HttpRoute, HttpTools, OperationHooks, OperationInfo } from './modules/module.ts'

export type HttpOptions = {
  schema: GraphQLSchema
  services: Services
  metrics: Metrics
  masking: ErrorMasking
  production: boolean
  routes: HttpRoute[]
  /** The modules' hooks around every operation (API key scopes and cost). */
  operations: OperationHooks[]
  clientIp(req: IncomingMessage): string
  /** Whether the request carries the web app's shared secret (WEB_PROXY_SECRET). */
  fromWebApp(req: IncomingMessage): boolean
  /** Closing graphql-ws sockets belongs to the same drain as HTTP. */
  drainWebSockets(): Promise<void>
  /** A token that opens /metrics on this port (METRICS_TOKEN); without one, /metrics is not here. */
  metricsToken?: string | null
}

/** Whether the request carries `Authorization: Bearer <token>` (compared in constant time). */
export function bearerMatches(req: IncomingMessage, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '')
  const wanted = Buffer.from(token)
  return given.length === wanted.length && timingSafeEqual(given, wanted)
}

/** The Prometheus text of this process's metrics. */
export async function sendMetrics(res: ServerResponse, metrics: Metrics) {
  res.setHeader('content-type', metrics.registry.contentType)
  res.end(await metrics.registry.metrics())
}

export async function startApollo(httpServer: Server, opts: HttpOptions) {
  const apollo = new ApolloServer<Context>({
    schema: opts.schema,
    csrfPrevention: true,
    // main.ts owns SIGTERM/SIGINT. Left on, Apollo calls stop() from its own handler too, and a
    // second concurrent stop() waits on a barrier that a successful stop never releases — the
    // process then hung until the 10 s force-exit.
    stopOnTerminationSignals: false,
    // Introspection is refused by gatewayRules in production, the same rule list graphql-ws uses.
    introspection: true,
    hideSchemaDetailsFromClientErrors: opts.production,
    includeStacktraceInErrorResponses: false,
    validationRules: gatewayRules(opts.production),
    parseOptions: { maxTokens: LIMITS.tokens },
    formatError: (formatted, error) => opts.masking.formatError(formatted, error, undefined, false),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // Answers are per viewer and never cacheable: Apollo's cache hints would only cost a
      // wrapper around every resolver (responses say no-store instead, below). No usage
      // reports leave the process, whatever the environment holds.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      observability(opts),
      { serverWillStart: async () => ({ drainServer: opts.drainWebSockets }) },
    ],
  })
  await apollo.start()
  return apollo
}

/** Server-Timing phases, the paged cost check, error logging and per-operation metrics. */
function observability({ schema, metrics, services, operations }: HttpOptions): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue }) {
      const t0 = performance.now()
      let phase = t0
      let info: OperationInfo | null = null
      const timings: string[] = []
      const mark = (name: string) => async () => {
        const now = performance.now()
        timings.push(`${name};dur=${(now - phase).toFixed(1)}`)
        phase = now
      }
      const begin = (name: string) => async () => {
        phase = performance.now()
        return mark(name)
      }
      return {
        parsingDidStart: begin('parse'),
        validationDidStart: begin('validate'),
        async didResolveOperation({ document, request, operationName, operation }) {
          // The page-aware cost needs the variables, so it runs here rather than as a rule.
          const tooCostly = checkPagedCost(schema, document, request.variables, operationName)
          if (tooCostly) throw tooCostly
          const nul = checkNulCharacters(document, request.variables)
          if (nul) throw nul
          info = { schema, document, variables: request.variables, operationName, type: operation?.operation ?? OperationTypeNode.QUERY, transport: 'http' }
          for (const h of operations) await h.willExecute?.(contextValue, info)
        },
        async executionDidStart() {
          phase = performance.now()
          return { executionDidEnd: mark('execute') }
        },
        async didEncounterErrors({ errors, operationName }) {
          for (const e of errors) {
            const outage = outageOf(e)
            if (outage) {
              services.logger.warn({ err: unwrapResolverError(e), requestId: contextValue.requestId, service: outage.service }, 'service unavailable')
              metrics.errors.inc({ operation: metrics.label(operationName), code: 'SERVICE_UNAVAILABLE', transport: 'http' })
              continue
            }
            if (isUnexpected(e, e.extensions?.code))
              services.logger.error({ err: unwrapResolverError(e), requestId: contextValue.requestId, path: e.path }, 'unexpected error')
            const code = String(e.extensions?.code ?? (e.originalError instanceof GraphQLError || e.originalError instanceof DomainError ? 'GRAPHQL_ERROR' : 'INTERNAL_SERVER_ERROR'))
            metrics.errors.inc({ operation: metrics.label(operationName), code, transport: 'http' })
          }
        },
        async willSendResponse({ response, operation, operationName }) {
          if (response.body.kind === 'single' && operations.length) {
            const single = response.body.singleResult
            const answer = { data: single.data, errors: single.errors ?? [], extensions: (single.extensions ??= {}), setHeader: (n: string, v: string) => response.http.headers.set(n, v) }
            for (const h of operations) await h.willRespond?.(contextValue, info, answer)
            if (Object.keys(single.extensions).length === 0) delete single.extensions
          }
          const seconds = (performance.now() - t0) / 1000
          metrics.operationDuration.observe({ operation: metrics.label(operationName), type: operation?.operation ?? 'unknown', transport: 'http' }, seconds)
          response.http.headers.set('server-timing', [...timings, `total;dur=${(seconds * 1000).toFixed(1)}`].join(', '))
          response.http.headers.set('x-request-id', contextValue.requestId)
          // Masked errors carry the request id, so a person reporting one can be helped.
          if (response.body.kind === 'single')
            for (const e of response.body.singleResult.errors ?? []) {
              if (e.extensions?.code === 'INTERNAL_SERVER_ERROR') Object.assign(e.extensions, { requestId: contextValue.requestId })
              // An outage answers 503 with Retry-After, so HTTP clients and balancers back off.
              if (e.extensions?.code === 'SERVICE_UNAVAILABLE') unavailable(response.http, Number(e.extensions.retryAfterSeconds))
            }
        },
      }
    },
  }
}

/** The request listener: every path the gateway serves over plain HTTP. */
export function requestHandler(apollo: ApolloServer<Context>, opts: HttpOptions) {
  const { services, metrics } = opts
  const tools: HttpTools = {
    context: (req) => createContext(services, { transport: 'http', token: tokenOf(req), ip: opts.clientIp(req) }),
    sendJson,
    fromWebApp: opts.fromWebApp,
    sendError: (res, e) => sendJson(res, httpStatusFor(e.code), { error: { message: e.message, code: e.code } }),
  }
  const graphql = graphqlHandler(apollo, opts)

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://gateway')
    if (url.pathname === '/graphql') return graphql(req, res, url)
    if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' })
    if (url.pathname === '/readyz') return readiness(services, res)
    // Not public: only with the token (the operators' own port serves it without one).
    if (url.pathname === '/metrics' && opts.metricsToken && bearerMatches(req, opts.metricsToken)) return sendMetrics(res, metrics)
    const route = opts.routes.find((r) => (r.path.endsWith('/') ? url.pathname.startsWith(r.path) : url.pathname === r.path))
    if (route) return route.handle(req, res, url, tools)
    return sendJson(res, 404, { error: 'Not found. GraphQL lives at /graphql.' })
  }

  return (req: IncomingMessage, res: ServerResponse) => {
    const t0 = performance.now()
    const end = res.end.bind(res)
    // Every response says how long it took (Server-Timing), GraphQL or not.
    res.end = ((...args: Parameters<typeof res.end>) => {
      if (!res.headersSent && !res.hasHeader('server-timing')) res.setHeader('server-timing', `total;dur=${(performance.now() - t0).toFixed(1)}`)
      return end(...args)
    }) as typeof res.end
    handle(req, res).catch((e: unknown) => {
      const outage = outageOf(e)
      if (outage) services.logger.warn({ err: e, service: outage.service }, 'service unavailable')
      else services.logger.error({ err: e }, 'request failed')
      if (res.headersSent) return void res.destroy()
      if (!outage) return sendJson(res, 500, { error: { message: 'Something went wrong on our side. It has been logged.', code: 'INTERNAL_SERVER_ERROR' } })
      res.setHeader('retry-after', String(outage.retryAfterSeconds))
      sendJson(res, 503, { error: { message: outageMessage(outage), code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: outage.retryAfterSeconds } })
    })
  }
}

function tokenOf(req: IncomingMessage): string | null {
  return tokenFromHeaders({ authorization: req.headers.authorization, cookie: req.headers.cookie }, parseCookie)
}

/** POST/GET /graphql: body limits and the checks Apollo cannot make, then Apollo. */
function graphqlHandler(apollo: ApolloServer<Context>, opts: HttpOptions) {
  // Lexing is cheap but not free: remember the verdict per distinct document.
  const tokenVerdicts = new LRUCache<string, GraphQLError | false>({ max: LIMITS.documentCacheEntries })
  return async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const requestId = headerValue(req, 'x-request-id') ?? randomUUID()
    res.setHeader('x-request-id', requestId)
    let body: unknown
    if (req.method === 'POST') {
      const raw = await readBody(req, LIMITS.bodyBytes)
      if (raw === null) return sendGraphQLError(res, 413, `The request body is larger than ${LIMITS.bodyBytes} bytes.`, 'PAYLOAD_TOO_LARGE')
      try {
        body = raw.length ? JSON.parse(raw) : undefined
      } catch {
        return sendGraphQLError(res, 400, 'The request body is not valid JSON.', 'BAD_REQUEST')
      }
    }
    const query = (body as { query?: unknown } | undefined)?.query ?? url.searchParams.get('query')
    if (typeof query === 'string') {
      let tooLarge = tokenVerdicts.get(query)
      if (tooLarge === undefined) tokenVerdicts.set(query, (tooLarge = checkTokenLimit(query) ?? false))
      if (tooLarge) {
        opts.metrics.errors.inc({ operation: 'anonymous', code: String(tooLarge.extensions.code), transport: 'http' })
        return sendJson(res, 400, { errors: [tooLarge.toJSON()] })
      }
      // Apollo answers a hash that does not match its query with an error that has no code
      // (it reaches clients as INTERNAL_SERVER_ERROR); it is the caller's mistake.
      if (!persistedHashMatches(body, url, query))
        return sendGraphQLError(res, 400, 'The persisted query hash (sha256Hash) does not match the query.', 'PERSISTED_QUERY_HASH_MISMATCH')
    }
    const headers = new HeaderMap()
    for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value)
    const execute = async (): Promise<Answer> => {
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: () => contextOrGraphQLError(opts.services, { transport: 'http', requestId, token: tokenOf(req), ip: opts.clientIp(req), userAgent: req.headers['user-agent'] ?? null }),
      })
      let text = ''
      if (response.body.kind === 'complete') text = response.body.string
      else for await (const chunk of response.body.asyncIterator) text += chunk
      return { status: response.status ?? 200, body: text, contentType: response.headers.get('content-type') ?? 'application/json', headers: [...response.headers] }
    }
    const keyed = idempotencyRequest(req, body, tokenOf(req))
    if (isRefusal(keyed)) return sendGraphQLError(res, keyed.status, keyed.message, keyed.code)
    const answer = keyed ? await idempotent(opts.services, keyed, execute) : await execute()
    if (isRefusal(answer)) return sendGraphQLError(res, answer.status, answer.message, answer.code)
    for (const [key, value] of answer.headers ?? [['content-type', answer.contentType]]) res.setHeader(key, value)
    if (answer.replayed) res.setHeader('idempotent-replayed', 'true')
    res.setHeader('cache-control', 'no-store')
    res.statusCode = answer.status
    res.end(answer.body)
  }
}

/**
 * Apollo answers a failed context with the thrown error's text, outside formatError's masking
 * (it is a GraphQLError by then, which counts as expected). So the failure is turned into the
 * error clients may see here: SERVICE_UNAVAILABLE (503) for an outage, else a logged,
 * masked INTERNAL_SERVER_ERROR.
 */
async function contextOrGraphQLError(services: Services, info: RequestInfo): Promise<Context> {
  try {
    return await createContext(services, info)
  } catch (e) {
    const outage = outageOf(e)
    if (outage) {
      services.logger.warn({ err: e, requestId: info.requestId, service: outage.service }, 'service unavailable')
      const { message, extensions } = outageError(outage)
      throw new GraphQLError(message, { extensions: { ...extensions, http: { status: 503, headers: new HeaderMap([['retry-after', String(outage.retryAfterSeconds)]]) } } })
    }
    services.logger.error({ err: e, requestId: info.requestId }, 'context creation failed')
    throw new GraphQLError('Something went wrong on our side. It has been logged.', { extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: info.requestId, http: { status: 500 } } })
  }
}

/** 503 and Retry-After on a GraphQL response that reports an outage. */
function unavailable(http: { status?: number | undefined; headers: HeaderMap }, retryAfterSeconds: number) {
  http.status = 503
  http.headers.set('retry-after', String(Number.isFinite(retryAfterSeconds) ? retryAfterSeconds : OUTAGE_RETRY_AFTER_SECONDS))
}

/** True unless the request names an APQ hash (body or ?extensions=) that is not the query's. */
function persistedHashMatches(body: unknown, url: URL, query: string): boolean {
  let extensions = (body as { extensions?: unknown } | undefined)?.extensions
  if (extensions === undefined && url.searchParams.has('extensions')) {
    try {
      extensions = JSON.parse(url.searchParams.get('extensions')!)
    } catch {
      return true // Apollo reports malformed extensions itself
    }
  }
  const hash = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery?.sha256Hash
  if (typeof hash !== 'string') return true
  return createHash('sha256').update(query).digest('hex') === hash
}

async function readiness(services: Services, res: ServerResponse) {
  const check = (name: string, p: Promise<unknown>) =>
    p.then(
      () => [name, 'ok'] as const,
      (e: Error) => [name, e.message] as const,
    )
  const checks = await Promise.all([check('database', services.db.ping()), check('pubsub', services.pubsub.ping())])
  const ready = checks.every(([, v]) => v === 'ok')
  sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable', checks: Object.fromEntries(checks) })
}
