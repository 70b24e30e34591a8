// Wiring only: node:http + Apollo Server 5 for queries and mutations, graphql-ws on the same
// port and path, health and metrics endpoints, and an orderly shutdown. The same context,
// limits, error masking and metrics apply on both transports: graphql-ws bypasses Apollo's
// plugins and validation, so onSubscribe applies them itself.
import { randomUUID, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server'
import { unwrapResolverError } from '@apollo/server/errors'
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer'
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled'
import { DomainError } from '@rapport/core'
import { MAX_ATTACHMENT_BYTES, readAttachment, uploadAttachment } from '@rapport/messaging'
import { parse as parseCookie } from 'cookie'
import {
  createSourceEventStream,
  execute,
  GraphQLError,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql'
import { CloseCode } from 'graphql-ws'
import { LRUCache } from 'lru-cache'
import { WebSocket, WebSocketServer } from 'ws'
import { createContext, executionContext, sessionCacheFor, tokenFromHeaders, type Context, type Services } from './context.ts'
import { checkPagedCost, checkTokenLimit, LIMIT_CODES, LIMITS, limitRules } from './limits.ts'

const LIMIT_CODE_VALUES = new Set<string>(Object.values(LIMIT_CODES))
import { createMetrics, type Metrics } from './metrics.ts'
import { preSerialized, serveGraphQLWs, type PreSerialized } from './ws-transport.ts'

export type GatewayOptions = Services & {
  schema: GraphQLSchema
  host?: string
  port?: number
  production?: boolean
  /** Trust X-Forwarded-For (behind a load balancer) for the client address. */
  trustProxy?: boolean
  /** The web app's proxy secret (WEB_PROXY_SECRET): requests carrying it name the visitor's address. */
  webProxySecret?: string
  /** How long a WebSocket may stay open without connection_init (tests shorten it). */
  connectionInitTimeoutMs?: number
}

export type Gateway = {
  /** http://host:port/graphql — the same URL serves graphql-ws (ws://…). */
  url: string
  port: number
  metrics: Metrics
  close(): Promise<void>
}

/** What the gateway keeps per socket (graphql-ws's `extra`): every field declared up front. */
class WsExtra {
  token: string | null = null
  ip = 'unknown'
  userAgent: string | null = null
  /** The session whose revocation closes this socket. */
  sessionId: string | null = null
  /** The signed-in user, counted in presence while the socket is open. */
  userId: string | null = null
  /** The suppliers whose team the user is on (presence is also announced per team). */
  teams: readonly string[] = NO_TEAMS
  /** Subscriptions open or starting on this socket (limited to MAX_SUBSCRIPTIONS_PER_SOCKET). */
  subscriptionCount = 0
  /**
   * Operations still starting (until graphql-ws holds their iterator), by protocol id: an id is
   * not reused before then, and what never got that far is accounted for when the socket closes.
   */
  starting: Map<string, object> | null = null

  constructor(
    readonly socket: WebSocket,
    /** The upgrade request: read in onConnect, then dropped (it holds a few KB of headers). */
    public request: IncomingMessage | undefined,
  ) {}
}
const NO_TEAMS: readonly string[] = Object.freeze([])

/** What the gateway keeps per operation on a socket: when it started and what it is. */
type WsOperation = { at: number; operation: string; type: string }

/** Subscriptions one WebSocket may hold at once (a browser tab needs a handful). */
export const MAX_SUBSCRIPTIONS_PER_SOCKET = 25

export async function startGateway(opts: GatewayOptions): Promise<Gateway> {
  const { schema, logger } = opts
  const services: Services = {
    db: opts.db,
    pubsub: opts.pubsub,
    logger,
    clock: opts.clock,
    signInLimiter: opts.signInLimiter,
    sendLimiter: opts.sendLimiter,
    typingLimiter: opts.typingLimiter,
    presence: opts.presence,
    blobStore: opts.blobStore,
  }
  // Another process signed someone out or changed a team: forget those sessions here at once,
  // instead of trusting the cached ones for the cache's few seconds.
  const sessionCache = sessionCacheFor(opts.db)
  const offSessionChanges = opts.pubsub.listen('sessions:changed', ({ sessionIds, userIds }) => {
    for (const id of sessionIds ?? []) sessionCache.evictSession(id)
    if (userIds?.length) sessionCache.evictUsers(userIds)
  })
  const metrics = createMetrics()
  const production = !!opts.production
  const httpServer = createServer()

  // ───────────────────────────── error masking (both transports)
  // Expected errors carry an extensions.code (ours or GraphQL's); anything else is a bug:
  // logged with the request id, and shown to clients only as INTERNAL_SERVER_ERROR.
  function isUnexpected(error: unknown, code: unknown): boolean {
    const original = unwrapResolverError(error)
    return !(original instanceof GraphQLError || original instanceof DomainError || (code && code !== 'INTERNAL_SERVER_ERROR'))
  }

  function formatError(
    formatted: GraphQLFormattedError,
    error: unknown,
    requestId?: string,
    log = true,
  ): GraphQLFormattedError {
    const original = unwrapResolverError(error)
    // Apollo re-labels every validation error GRAPHQL_VALIDATION_FAILED; keep our limit codes.
    const cause = error instanceof GraphQLError ? error.originalError : undefined
    const limitCode = cause instanceof GraphQLError ? cause.extensions?.code : undefined
    if (typeof limitCode === 'string' && LIMIT_CODE_VALUES.has(limitCode) && formatted.extensions?.code !== limitCode)
      formatted = { ...formatted, extensions: { ...formatted.extensions, code: limitCode } }
    // A domain error thrown outside a result union keeps its own code (e.g. VALIDATION_FAILED).
    if (original instanceof DomainError)
      return { ...formatted, extensions: { ...formatted.extensions, code: original.code, ...fieldOf(original) } }
    if (!isUnexpected(error, formatted.extensions?.code)) return formatted
    if (log) logger.error({ err: original, requestId, path: formatted.path }, 'unexpected error')
    return {
      message: 'Something went wrong on our side. It has been logged.',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR', ...(requestId ? { requestId } : {}) },
    }
  }

  // ───────────────────────────── graphql-ws
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: LIMITS.wsMessageBytes })
  // Subscribing must not re-parse and re-validate the same document for every subscriber.
  // Each entry keeps its query text and a short id: every subscriber of the same document then
  // holds one shared string instead of its own copy parsed from its message.
  let documentIds = 0
  const documents = new LRUCache<string, { document: DocumentNode; query: string; id: number } | { errors: readonly GraphQLError[] }>({
    max: LIMITS.documentCacheEntries,
  })
  const prepare = (query: string) => {
    let entry = documents.get(query)
    if (entry) return entry
    const tooLarge = checkTokenLimit(query)
    if (tooLarge) return { errors: [tooLarge] }
    try {
      const document = parse(query, { maxTokens: LIMITS.tokens })
      const errors = validate(schema, document, [...specifiedRules, ...limitRules]).map((e) =>
        // Like Apollo's hideSchemaDetailsFromClientErrors: no field-name suggestions in production.
        production && / Did you mean .*\?$/.test(e.message)
          ? new GraphQLError(e.message.replace(/ Did you mean .*\?$/, ''), { nodes: e.nodes, extensions: e.extensions })
          : e,
      )
      entry = errors.length ? { errors } : { document, query, id: ++documentIds }
    } catch (e) {
      entry = { errors: [e instanceof GraphQLError ? e : new GraphQLError('Could not parse the document.')] }
    }
    documents.set(query, entry)
    return entry
  }
  // Subscribers of the same document, variables and scope share one scope string and one
  // variables object (one copy in memory, however many subscribe); browsers send a handful of
  // distinct user agents: one copy each, not one per socket.
  const internScope = interning<string>(10_000)
  const internVariables = interning<Readonly<Record<string, unknown>>>(10_000)
  const internUserAgent = interning<string>(1000)
  // Operations under way, by graphql-ws's subscribe payload: the same object reaches every hook
  // of an operation, and the entry goes with it.
  const ops = new WeakMap<object, WsOperation>()
  const tokenVerdicts = new LRUCache<string, GraphQLError | false>({ max: LIMITS.documentCacheEntries })
  const wsCleanup = serveGraphQLWs<Record<string, unknown> | undefined, WsExtra>(
    {
      schema,
      // Fan-out executes once per event and viewer scope, not once per subscriber: every
      // subscriber of a topic receives the same event object, so results are shared through
      // a WeakMap keyed by it (entries go when the event does).
      subscribe: (args) => sharedSubscribe(args),
      connectionInitWaitTimeout: opts.connectionInitTimeoutMs ?? LIMITS.connectionInitTimeoutMs,
      onConnect: async (ctx) => {
        const req = ctx.extra.request
        if (!req) return false
        const fromParams = typeof ctx.connectionParams?.authToken === 'string' ? ctx.connectionParams.authToken : null
        const token =
          fromParams ??
          tokenFromHeaders({ authorization: req.headers.authorization, cookie: req.headers.cookie }, parseCookie)
        ctx.extra.token = token
        ctx.extra.ip = clientIp(req, opts)
        const userAgent = req.headers['user-agent']
        ctx.extra.userAgent = userAgent ? internUserAgent(userAgent, userAgent) : null
        // The upgrade request (headers, raw headers, stream state: a couple of KB) is not needed
        // after this, but graphql-ws keeps `extra` for as long as the socket is open.
        ctx.extra.request = undefined
        if (token) {
          // A token that does not resolve is refused at the door, with a close code the client can act on.
          const context = await createContext(services, { transport: 'ws', token, ip: ctx.extra.ip ?? 'unknown' })
          if (!context.viewer) return false
          // Gone while the session was looked up: onClose has already run, so nothing to undo.
          if (ctx.extra.socket.readyState !== WebSocket.OPEN) return false
          watchSession(ctx.extra.socket, context.viewer.sessionId)
          ctx.extra.sessionId = context.viewer.sessionId
          ctx.extra.userId = context.viewer.userId
          if (context.viewer.memberships.length) ctx.extra.teams = context.viewer.memberships.map((m) => m.supplierId)
          await announcePresence(context.viewer.userId, ctx.extra.teams, true)
          // Gone while presence was announced: undo what onClose could not see.
          if (ctx.extra.socket.readyState !== WebSocket.OPEN) {
            unwatchSession(ctx.extra.socket, context.viewer.sessionId)
            track(announcePresence(context.viewer.userId, ctx.extra.teams, false))
            return false
          }
        }
        metrics.wsConnections.inc()
        return true
      },
      onClose: (ctx) => {
        if (ctx.acknowledged) metrics.wsConnections.dec()
        if (ctx.extra.sessionId) unwatchSession(ctx.extra.socket, ctx.extra.sessionId)
        if (ctx.extra.userId) track(announcePresence(ctx.extra.userId, ctx.extra.teams, false))
        // Operations that were still starting (graphql-ws ends the others itself).
        for (const payload of ctx.extra.starting?.values() ?? []) finish(ctx.extra, payload)
        ctx.extra.starting = null
      },
      onSubscribe: async (ctx, id, payload) => {
        const prepared = prepare(payload.query)
        if ('errors' in prepared) {
          for (const e of prepared.errors) metrics.errors.inc({ operation: metrics.label(payload.operationName), code: String(e.extensions.code ?? 'GRAPHQL_VALIDATION_FAILED'), transport: 'ws' })
          return prepared.errors.map((e) => withDefaultCode(e, 'GRAPHQL_VALIDATION_FAILED'))
        }
        const operation = getOperationAST(prepared.document, payload.operationName)
        if (!operation) return [new GraphQLError('Choose an operation (operationName).', { extensions: { code: 'BAD_USER_INPUT' } })]
        // Page sizes come with the variables, so this check runs once they are known.
        const tooCostly = checkPagedCost(schema, prepared.document, payload.variables ?? undefined, payload.operationName)
        if (tooCostly) {
          metrics.errors.inc({ operation: metrics.label(operation.name?.value), code: LIMIT_CODES.pagedCost, transport: 'ws' })
          return [tooCostly]
        }
        // Same text, one string: this subscriber's copy of the query can go.
        ;(payload as { query: string }).query = prepared.query
        if (operation.operation === 'subscription' && ctx.extra.subscriptionCount >= MAX_SUBSCRIPTIONS_PER_SOCKET) {
          metrics.errors.inc({ operation: metrics.label(operation.name?.value), code: 'TOO_MANY_SUBSCRIPTIONS', transport: 'ws' })
          return [
            new GraphQLError(`A connection may hold at most ${MAX_SUBSCRIPTIONS_PER_SOCKET} subscriptions.`, {
              extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit: MAX_SUBSCRIPTIONS_PER_SOCKET },
            }),
          ]
        }
        // graphql-ws forgets an id once the client completes it, even while it is still starting;
        // reusing it then would leave the first operation's iterator with nobody to end it.
        if (ctx.extra.starting?.has(id)) {
          ctx.extra.socket.close(CloseCode.SubscriberAlreadyExists, `Subscriber for ${id} already exists`)
          return [new GraphQLError(`Operation ${id} is still starting.`, { extensions: { code: 'BAD_REQUEST' } })]
        }
        // Counted and recorded before the first await, so a burst of subscribes cannot pass the limit.
        ;(ctx.extra.starting ??= new Map()).set(id, payload)
        ops.set(payload, { at: performance.now(), operation: metrics.label(operation.name?.value), type: operation.operation })
        if (operation.operation === 'subscription') {
          ctx.extra.subscriptionCount++
          metrics.activeSubscriptions.inc()
        }
        const contextValue = await createContext(services, {
          transport: 'ws',
          token: ctx.extra.token ?? null,
          ip: ctx.extra.ip ?? 'unknown',
          userAgent: ctx.extra.userAgent ?? null,
        })
        flatten(contextValue.requestId)
        if (operation.operation === 'subscription') {
          const variablesJson = JSON.stringify(payload.variables ?? {})
          if (payload.variables) (payload as { variables: Record<string, unknown> }).variables = internVariables(variablesJson, Object.freeze(payload.variables))
          const scope = flatten(`${prepared.id}\u0000${variablesJson}\u0000${fanoutScope(payload.query, contextValue)}`)
          contextValue.fanoutScope = internScope(scope, scope)
        }
        return {
          schema,
          document: prepared.document,
          operationName: payload.operationName,
          variableValues: payload.variables ?? undefined,
          contextValue,
        }
      },
      onNext: (_ctx, _id, payload, args, result) => {
        // Runs per subscriber per event. A result shared by a scope's subscribers is turned
        // into JSON once and written as is to each of them (see ws-transport.ts).
        if (!result.errors?.length) {
          let frame = frames.get(result)
          if (!frame) frames.set(result, (frame = preSerialized(JSON.stringify(result))))
          return frame as unknown as FormattedExecutionResult
        }
        return maskResult(result, (args.contextValue as Context).requestId, ops.get(payload), 'ws')
      },
      // graphql-ws holds the operation's iterator from here on, and returns it when it ends.
      onOperation: (ctx, id) => {
        started(ctx.extra, id)
      },
      // Called when an operation ends (the socket closing included) once it got past onSubscribe.
      onComplete: (ctx, id, payload) => finish(ctx.extra, payload, id),
      onError: (ctx, id, payload, errors) => {
        finish(ctx.extra, payload, id)
        logger.debug({ errors: errors.map((e) => e.message) }, 'graphql-ws operation failed')
      },
    },
    wsServer,
    {
      onError: (err, where) => logger.error({ err, where }, 'graphql-ws transport error'),
      createExtra: (socket, request) => new WsExtra(socket, request),
    },
  )
  const shared = new WeakMap<object, Map<string, Promise<ExecutionResult> | ExecutionResult>>()
  const frames = new WeakMap<object, PreSerialized>()
  async function sharedSubscribe(args: ExecutionArgs) {
    // The subscribe phase gets a context of its own: what it caches goes when it is done.
    const source = await createSourceEventStream({ ...args, contextValue: executionContext(args.contextValue as Context) })
    if (!(Symbol.asyncIterator in source)) return source
    return new SharedResults(args, (args.contextValue as Context).fanoutScope, source[Symbol.asyncIterator](), shared)
  }

  function started(extra: WsExtra, id: string) {
    extra.starting?.delete(id)
    if (extra.starting?.size === 0) extra.starting = null
  }
  function finish(extra: WsExtra, payload: object, id?: string) {
    if (id !== undefined && extra.starting?.get(id) === payload) started(extra, id)
    const op = ops.get(payload)
    if (!op) return
    ops.delete(payload)
    if (op.type === 'subscription') {
      extra.subscriptionCount--
      metrics.activeSubscriptions.dec()
    }
    metrics.operationDuration.observe({ operation: op.operation, type: op.type, transport: 'ws' }, (performance.now() - op.at) / 1000)
  }
  function maskResult(result: ExecutionResult | FormattedExecutionResult, requestId: string, op: WsOperation | undefined, transport: 'ws') {
    if (!result.errors?.length) return result
    const errors = (result.errors as readonly (GraphQLError | GraphQLFormattedError)[]).map((e) => {
      const formatted = e instanceof GraphQLError ? e.toJSON() : e
      const masked = formatError(formatted, e, requestId)
      metrics.errors.inc({ operation: op?.operation ?? 'anonymous', code: String(masked.extensions?.code ?? 'UNKNOWN'), transport })
      return masked
    })
    return { ...result, errors } as FormattedExecutionResult
  }
  // Work started by socket events that close() must wait for (so Redis is not closed under it).
  const pending = new Set<Promise<unknown>>()
  const track = (p: Promise<unknown>) => {
    pending.add(p)
    void p.finally(() => pending.delete(p))
  }

  // Presence: a user is online while any socket of theirs is open (on any process, with
  // Redis). Invisible users are never announced; lastSeenAt is kept for "last seen …".
  async function announcePresence(userId: string, teams: readonly string[], connected: boolean) {
    try {
      const changed = connected ? await opts.presence.connect(userId) : await opts.presence.disconnect(userId)
      if (!changed) return
      const now = opts.clock.now()
      const user = await opts.db.prisma.user.update({
        where: { id: userId },
        data: { lastSeenAt: now },
        select: { presenceVisibility: true },
      })
      if (user.presenceVisibility === 'INVISIBLE') return
      const event = { userId, online: connected, lastSeenAt: connected ? null : now.toISOString() }
      // Buyers watch a supplier's whole team through one topic; teams watch the buyer's own.
      opts.pubsub.publish(`presence:${userId}`, event)
      for (const supplierId of teams) opts.pubsub.publish(`presence:team:${supplierId}`, event)
    } catch (err) {
      logger.warn({ err }, 'presence update failed')
    }
  }

  // One pub/sub listener per signed-in session in this process, however many sockets (tabs)
  // use it; signing out closes them all.
  const sessionWatchers = new Map<string, { sockets: Set<WebSocket>; off: () => void }>()
  function watchSession(socket: WebSocket, sessionId: string) {
    let watcher = sessionWatchers.get(sessionId)
    if (!watcher) {
      const sockets = new Set<WebSocket>()
      // Closed on the next turn, not at once: when the socket itself signed out, its signOut
      // result is being sent right now and must reach the client before the close frame.
      const off = opts.pubsub.listen(`session:revoked:${sessionId}`, () =>
        setImmediate(() => {
          for (const s of sockets) s.close(CloseCode.Forbidden, 'Session ended')
        }),
      )
      sessionWatchers.set(sessionId, (watcher = { sockets, off }))
    }
    watcher.sockets.add(socket)
  }
  function unwatchSession(socket: WebSocket, sessionId: string) {
    const w = sessionWatchers.get(sessionId)
    if (!w) return
    w.sockets.delete(socket)
    if (w.sockets.size === 0) {
      sessionWatchers.delete(sessionId)
      w.off()
    }
  }

  // ───────────────────────────── Apollo (HTTP)
  const observability: ApolloServerPlugin<Context> = {
    async requestDidStart({ contextValue }) {
      const t0 = performance.now()
      let phase = t0
      const timings: string[] = []
      const mark = (name: string) => async () => {
        const now = performance.now()
        timings.push(`${name};dur=${(now - phase).toFixed(1)}`)
        phase = now
      }
      return {
        async parsingDidStart() {
          phase = performance.now()
          return mark('parse')
        },
        async validationDidStart() {
          phase = performance.now()
          return mark('validate')
        },
        async didResolveOperation({ document, request, operationName }) {
          // The page-aware cost needs the variables, so it runs here rather than as a rule.
          const tooCostly = checkPagedCost(schema, document, request.variables, operationName)
          if (tooCostly) throw tooCostly
        },
        async executionDidStart() {
          phase = performance.now()
          return { executionDidEnd: mark('execute') }
        },
        async didEncounterErrors({ errors, operationName }) {
          for (const e of errors) {
            if (isUnexpected(e, e.extensions?.code))
              logger.error({ err: unwrapResolverError(e), requestId: contextValue.requestId, path: e.path }, 'unexpected error')
            const code = String(e.extensions?.code ?? (e.originalError instanceof GraphQLError || e.originalError instanceof DomainError ? 'GRAPHQL_ERROR' : 'INTERNAL_SERVER_ERROR'))
            metrics.errors.inc({ operation: metrics.label(operationName), code, transport: 'http' })
          }
        },
        async willSendResponse({ response, operation, operationName }) {
          const seconds = (performance.now() - t0) / 1000
          metrics.operationDuration.observe(
            { operation: metrics.label(operationName), type: operation?.operation ?? 'unknown', transport: 'http' },
            seconds,
          )
          response.http.headers.set('server-timing', [...timings, `total;dur=${(seconds * 1000).toFixed(1)}`].join(', '))
          response.http.headers.set('x-request-id', contextValue.requestId)
          // Masked errors carry the request id, so a person reporting one can be helped.
          if (response.body.kind === 'single')
            for (const e of response.body.singleResult.errors ?? [])
              if (e.extensions?.code === 'INTERNAL_SERVER_ERROR') Object.assign(e.extensions, { requestId: contextValue.requestId })
        },
      }
    },
  }

  const apollo = new ApolloServer<Context>({
    schema,
    csrfPrevention: true,
    // main.ts owns SIGTERM/SIGINT. Left on, Apollo calls stop() from its own handler too, and a
    // second concurrent stop() waits on a barrier that a successful stop never releases — the
    // process then hung until the 10 s force-exit.
    stopOnTerminationSignals: false,
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: false,
    validationRules: limitRules,
    parseOptions: { maxTokens: LIMITS.tokens },
    formatError: (formatted, error) => formatError(formatted, error, undefined, false),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // Answers are per viewer and never cacheable: Apollo's cache hints would only cost a
      // wrapper around every resolver (responses say no-store instead, below). No usage
      // reports leave the process, whatever the environment holds.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      observability,
      {
        // Closing graphql-ws sockets belongs to the same drain as HTTP.
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose()
            },
          }
        },
      },
    ],
  })
  await apollo.start()

  httpServer.on('request', (req, res) => {
    const t0 = performance.now()
    const end = res.end.bind(res)
    // Every response says how long it took (Server-Timing), GraphQL or not.
    res.end = ((...args: Parameters<typeof res.end>) => {
      if (!res.headersSent && !res.hasHeader('server-timing'))
        res.setHeader('server-timing', `total;dur=${(performance.now() - t0).toFixed(1)}`)
      return end(...args)
    }) as typeof res.end
    handle(req, res).catch((e: unknown) => {
      logger.error({ err: e }, 'request failed')
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal server error' })
      else res.destroy()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://gateway')
    if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' })
    if (url.pathname === '/readyz') return readiness(res)
    if (url.pathname === '/metrics') {
      res.setHeader('content-type', metrics.registry.contentType)
      res.end(await metrics.registry.metrics())
      return
    }
    if (url.pathname === '/attachments' || url.pathname.startsWith('/attachments/')) return attachments(req, res, url)
    if (url.pathname !== '/graphql') return sendJson(res, 404, { error: 'Not found. GraphQL lives at /graphql.' })

    const requestId = headerValue(req, 'x-request-id') ?? randomUUID()
    res.setHeader('x-request-id', requestId)
    let body: unknown
    if (req.method === 'POST') {
      const raw = await readBody(req, LIMITS.bodyBytes)
      if (raw === null)
        return sendGraphQLError(res, 413, `The request body is larger than ${LIMITS.bodyBytes} bytes.`, 'PAYLOAD_TOO_LARGE')
      try {
        body = raw.length ? JSON.parse(raw) : undefined
      } catch {
        return sendGraphQLError(res, 400, 'The request body is not valid JSON.', 'BAD_REQUEST')
      }
    }
    const query = (body as { query?: unknown } | undefined)?.query ?? url.searchParams.get('query')
    if (typeof query === 'string') {
      // Lexing is cheap but not free: remember the verdict per distinct document.
      let tooLarge = tokenVerdicts.get(query)
      if (tooLarge === undefined) tokenVerdicts.set(query, (tooLarge = checkTokenLimit(query) ?? false))
      if (tooLarge) {
        metrics.errors.inc({ operation: 'anonymous', code: String(tooLarge.extensions.code), transport: 'http' })
        return sendJson(res, 400, { errors: [tooLarge.toJSON()] })
      }
    }
    const headers = new HeaderMap()
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value)
    }
    const token = tokenFromHeaders({ authorization: req.headers.authorization, cookie: req.headers.cookie }, parseCookie)
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: () =>
        createContext(services, {
          transport: 'http',
          requestId,
          token,
          ip: clientIp(req, opts),
          userAgent: req.headers['user-agent'] ?? null,
        }),
    })
    for (const [key, value] of response.headers) res.setHeader(key, value)
    res.setHeader('cache-control', 'no-store')
    res.statusCode = response.status ?? 200
    if (response.body.kind === 'complete') {
      res.end(response.body.string)
      return
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk)
    res.end()
  }

  // POST /attachments (the file as the raw body, its name in ?name=) → { id, … } to pass to
  // sendMessage; GET /attachments/<id> → the file, for the conversation's participants.
  async function attachments(req: IncomingMessage, res: ServerResponse, url: URL) {
    const token = tokenFromHeaders({ authorization: req.headers.authorization, cookie: req.headers.cookie }, parseCookie)
    const context = await createContext(services, { transport: 'http', token, ip: clientIp(req, opts) })
    const fail = (status: number, e: DomainError) => sendJson(res, status, { error: { message: e.message, code: e.code } })
    try {
      if (req.method === 'POST' && url.pathname === '/attachments') {
        // Uploads are state-changing: same CSRF rule as GraphQL (no simple cross-site form posts).
        if (!req.headers['content-type'] || /^(text\/plain|multipart\/form-data|application\/x-www-form-urlencoded)/.test(req.headers['content-type']))
          return sendJson(res, 400, { error: { message: 'Send the file as the request body with its own content type.', code: 'BAD_REQUEST' } })
        const raw = await readBytes(req, MAX_ATTACHMENT_BYTES)
        if (!raw) return sendJson(res, 413, { error: { message: 'Files are limited to 10 MB.', code: 'PAYLOAD_TOO_LARGE' } })
        const a = await uploadAttachment({ db: context.db, store: services.blobStore }, context.viewer, {
          fileName: url.searchParams.get('name') ?? 'file',
          bytes: raw,
        })
        return sendJson(res, 201, { id: a.id, fileName: a.fileName, contentType: a.contentType, byteSize: a.byteSize, width: a.width, height: a.height })
      }
      const id = url.pathname.slice('/attachments/'.length)
      if (req.method === 'GET' && /^[0-9a-f-]{36}$/.test(id)) {
        const { attachment, bytes } = await readAttachment({ db: context.db, store: services.blobStore }, context.viewer, id)
        res.setHeader('content-type', attachment.contentType)
        res.setHeader('content-length', String(bytes.length))
        res.setHeader('x-content-type-options', 'nosniff')
        res.setHeader('cache-control', 'private, max-age=3600')
        res.setHeader('content-disposition', `${attachment.contentType === 'application/pdf' ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`)
        res.end(bytes)
        return
      }
      return sendJson(res, 404, { error: { message: 'Not found.', code: 'NOT_FOUND' } })
    } catch (e) {
      if (e instanceof DomainError) return fail(e.code === 'NOT_FOUND' ? 404 : e.code === 'UNAUTHENTICATED' ? 401 : 400, e)
      throw e
    }
  }

  async function readiness(res: ServerResponse) {
    const checks = await Promise.all([
      opts.db.ping().then(
        () => ['database', 'ok'] as const,
        (e: Error) => ['database', e.message] as const,
      ),
      opts.pubsub.ping().then(
        () => ['pubsub', 'ok'] as const,
        (e: Error) => ['pubsub', e.message] as const,
      ),
    ])
    const ready = checks.every(([, v]) => v === 'ok')
    sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable', checks: Object.fromEntries(checks) })
  }

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject)
    httpServer.listen(opts.port ?? 4000, opts.host ?? '127.0.0.1', () => {
      httpServer.off('error', reject)
      resolve()
    })
  })
  const address = httpServer.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `http://${host}:${address.port}/graphql`,
    port: address.port,
    metrics,
    // apollo.stop() drains: stops accepting, lets in-flight HTTP requests finish, and closes
    // WebSockets with 1001 (going away) so clients reconnect elsewhere.
    close: async () => {
      await apollo.stop()
      await Promise.allSettled([...pending])
      for (const w of sessionWatchers.values()) w.off()
      sessionWatchers.clear()
      offSessionChanges()
    },
  }
}

// Fields whose value differs between two viewers on the same side of a conversation; a
// document that selects one is executed per viewer, any other once per side.
const VIEWER_SPECIFIC = /\b(isViewerAuthor|reactedByViewer|unreadCount|byViewer|viewer)\b/
function fanoutScope(query: string, ctx: Context): string {
  const v = ctx.viewer
  if (!v) return 'anonymous'
  if (VIEWER_SPECIFIC.test(query)) return `user:${v.userId}`
  // Same side, same view: the buyer alone, or the supplier teams the viewer belongs to.
  return `buyer:${v.buyerId ?? '-'}|teams:${v.memberships.map((m) => m.supplierId).sort().join(',')}`
}

/**
 * What graphql-ws iterates for one subscription: the subscriber's events, each turned into the
 * result shared by every subscriber with the same scope (executed by the first to ask). A
 * class with three fields, not a closure per method: thousands of these sit idle.
 */
class SharedResults implements AsyncIterableIterator<ExecutionResult> {
  constructor(
    private readonly args: ExecutionArgs,
    private readonly scope: string | undefined,
    private readonly events: AsyncIterator<unknown>,
    private readonly shared: WeakMap<object, Map<string, Promise<ExecutionResult> | ExecutionResult>>,
  ) {}

  [Symbol.asyncIterator]() {
    return this
  }

  // Not async: one promise hop per event instead of three.
  next(): Promise<IteratorResult<ExecutionResult>> {
    return this.events.next().then((r) => {
      if (r.done) return { done: true, value: undefined }
      const result = this.run(r.value)
      return result instanceof Promise ? result.then((value) => ({ done: false, value })) : { done: false, value: result }
    })
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    await this.events.return?.()
    return { done: true, value: undefined }
  }

  private run(event: unknown): Promise<ExecutionResult> | ExecutionResult {
    const { args, scope } = this
    // Each event is executed like a new request (a fresh context over the subscription's), so
    // loaders and auth caches never serve an earlier event's data.
    const once = () => execute({ ...args, contextValue: executionContext(args.contextValue as Context), rootValue: event })
    if (!scope || typeof event !== 'object' || event === null) return once()
    let byScope = this.shared.get(event)
    if (!byScope) this.shared.set(event, (byScope = new Map()))
    let result = byScope.get(scope)
    if (!result) byScope.set(scope, (result = once()))
    return result
  }
}

/** One shared copy per key (the first one seen), for values many sockets hold alike. */
function interning<V extends object | string>(max: number): (key: string, value: V) => V {
  const known = new LRUCache<string, V>({ max })
  return (key, value) => {
    const existing = known.get(key)
    if (existing !== undefined) return existing
    known.set(key, value)
    return value
  }
}

/**
 * Strings built piece by piece (randomUUID() is ~30 pieces, a template literal a few) stay
 * in V8 as trees of pieces, ~0.5 KB per id, for as long as they are kept — for hours on an
 * open subscription. Reading a character makes V8 flatten the string in place.
 */
function flatten(s: string): string {
  s.charCodeAt(0)
  return s
}

function fieldOf(e: DomainError): { field?: string } {
  const field = (e as { field?: unknown }).field
  return typeof field === 'string' ? { field } : {}
}

function withDefaultCode(e: GraphQLError, code: string): GraphQLError {
  return e.extensions.code ? e : new GraphQLError(e.message, { nodes: e.nodes, extensions: { ...e.extensions, code } })
}

function clientIp(req: IncomingMessage, opts: { trustProxy?: boolean; webProxySecret?: string }): string {
  // The web app's server speaks for its visitors; only a request with the shared secret may.
  const secret = headerValue(req, 'x-rapport-proxy-secret', /^[\x21-\x7e]{16,256}$/)
  if (opts.webProxySecret && secret && sameSecret(secret, opts.webProxySecret)) {
    const visitor = headerValue(req, 'x-rapport-client-ip', /^[\w.:-]{1,64}$/)
    if (visitor) return visitor
  }
  if (opts.trustProxy) {
    const forwarded = headerValue(req, 'x-forwarded-for', /^[\w.:, -]{1,512}$/)
    const first = forwarded?.split(',')[0]?.trim()
    if (first) return first
  }
  return req.socket.remoteAddress ?? 'unknown'
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

function headerValue(req: IncomingMessage, name: string, pattern = /^[\w.:-]{1,128}$/): string | undefined {
  const v = req.headers[name]
  const s = Array.isArray(v) ? v[0] : v
  return s && pattern.test(s) ? s : undefined
}

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > limit) {
      req.resume()
      return resolve(null)
    }
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) tooLarge = true
      else chunks.push(chunk)
    })
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function readBytes(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      req.resume()
      return resolve(null)
    }
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) chunks.push(chunk)
    })
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function sendJson(res: ServerResponse, status: number, value: unknown) {
  res.statusCode = status
  res.setHeader('content-type', 'application/json; charset=utf-8')
  res.end(JSON.stringify(value))
}

function sendGraphQLError(res: ServerResponse, status: number, message: string, code: string) {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] })
}
