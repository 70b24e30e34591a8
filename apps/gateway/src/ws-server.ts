// graphql-ws on the gateway's HTTP server: who may open a socket (Origin), who the socket
// belongs to (onConnect), what each operation may do (onSubscribe: the same validation,
// limits and error masking as HTTP, which graphql-ws bypasses), and what a socket's opening
// and closing means to the modules (presence, session watching).
import type { IncomingMessage, Server } from 'node:http'
import { parse as parseCookie } from 'cookie'
import { GraphQLError, getOperationAST, type ExecutionArgs, type ExecutionResult, type FormattedExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql'
import { CloseCode, type ServerOptions, type SubscribePayload } from 'graphql-ws'
import { WebSocket, WebSocketServer } from 'ws'
import { createContext, SESSION_COOKIE, tokenFromHeaders, type Context, type Services } from './context.ts'
import { documentCache, type PreparedDocument } from './documents.ts'
import { withDefaultCode, type ErrorMasking } from './error-masking.ts'
import { fanoutScope, flatten, interning, sharedSubscriber } from './fanout.ts'
import { checkNulCharacters } from './input-text.ts'
import { checkPagedCost, LIMIT_CODES, LIMITS } from './limits.ts'
import type { Metrics } from './metrics.ts'
import type { OpenSocket, OperationHooks, OperationInfo, SocketHooks } from './modules/module.ts'
import { isOriginAllowed } from './origins.ts'
import { outageOf, TRY_AGAIN_LATER } from './outage.ts'
import { preSerialized, serveGraphQLWs, type PreSerialized } from './ws-transport.ts'

/** Subscriptions one WebSocket may hold at once (a browser tab needs a handful). */
export const MAX_SUBSCRIPTIONS_PER_SOCKET = 25

/** What the gateway keeps per socket (graphql-ws's `extra`): every field declared up front. */
class WsExtra {
  token: string | null = null
  ip = 'unknown'
  userAgent: string | null = null
  /** The signed-in user's socket as the modules' hooks saw it open; null when signed out. */
  open: OpenSocket | null = null
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

/** What the gateway keeps per operation on a socket: when it started and what it is. */
type WsOperation = { at: number; operation: string; type: string }

export type WsOptions = {
  schema: GraphQLSchema
  services: Services
  metrics: Metrics
  masking: ErrorMasking
  production: boolean
  /** The modules' socket hooks, in module order. */
  sockets: SocketHooks[]
  /** The modules' checks before an operation runs (API key scopes and cost). */
  operations: OperationHooks[]
  clientIp(req: IncomingMessage): string
  /** Origins whose pages may open a socket with the session cookie (unset: the gateway's own host name). */
  allowedOrigins?: readonly string[]
  connectionInitTimeoutMs?: number
}

type Hooks = ServerOptions<Record<string, unknown> | undefined, WsExtra>

export function startGraphQLWs(httpServer: Server, opts: WsOptions) {
  const { metrics } = opts
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: LIMITS.wsMessageBytes,
    // A page on another site must not open a socket that rides the visitor's session cookie.
    // Clients that authenticate with a token (connectionParams) and send no cookie may connect
    // from anywhere, as they may over HTTP with a bearer token.
    verifyClient: ({ req }, done) => {
      if (!hasSessionCookie(req) || isOriginAllowed(req, opts.allowedOrigins)) return done(true)
      metrics.errors.inc({ operation: 'connect', code: 'ORIGIN_NOT_ALLOWED', transport: 'ws' })
      done(false, 403, 'This origin may not open a WebSocket with the session cookie.')
    },
  })
  const lifecycle = socketLifecycle(opts)
  const operations = operationTracking(metrics)
  const answers = answerHooks(opts.operations)
  const frames = new WeakMap<object, PreSerialized>()
  const cleanup = serveGraphQLWs<Record<string, unknown> | undefined, WsExtra>(
    {
      schema: opts.schema,
      subscribe: sharedSubscriber(),
      connectionInitWaitTimeout: opts.connectionInitTimeoutMs ?? LIMITS.connectionInitTimeoutMs,
      onConnect: lifecycle.onConnect,
      onClose: (ctx) => {
        lifecycle.onClose(ctx)
        // Operations that were still starting (graphql-ws ends the others itself).
        for (const payload of ctx.extra.starting?.values() ?? []) operations.finish(ctx.extra, payload)
        ctx.extra.starting = null
      },
      onSubscribe: subscribeHook(opts, operations, answers),
      onNext: (_ctx, _id, payload, args, result) => {
        const context = args.contextValue as Context
        // An operation's first answer goes past the modules first (an API key's cost, say): its own copy.
        if (answers.pending(context)) return answers.extend(context, result).then((own) => frameOf(payload, own, context))
        return frameOf(payload, result, context)
      },
      // graphql-ws holds the operation's iterator from here on, and returns it when it ends.
      onOperation: (ctx, id) => operations.started(ctx.extra, id),
      // Called when an operation ends (the socket closing included) once it got past onSubscribe.
      onComplete: (ctx, id, payload) => operations.finish(ctx.extra, payload, id),
      onError: (ctx, id, payload, errors) => {
        const operation = operations.get(payload)?.operation
        operations.finish(ctx.extra, payload, id)
        return streamFailed(opts, ctx.extra.socket, operation, errors)
      },
    },
    wsServer,
    {
      onError: (err, where) => {
        const outage = outageOf(err)
        if (outage) opts.services.logger.warn({ err, where, service: outage.service }, 'service unavailable: socket asked to try again later')
        else opts.services.logger.error({ err, where }, 'graphql-ws transport error')
      },
      createExtra: (socket, request) => new WsExtra(socket, request),
    },
  )
  // Runs per subscriber per event. A result shared by a scope's subscribers is turned into JSON
  // once and written as is to each of them (see ws-transport.ts).
  function frameOf(payload: SubscribePayload, result: ExecutionResult, context: Context): FormattedExecutionResult {
    if (!result.errors?.length) {
      let frame = frames.get(result)
      if (!frame) frames.set(result, (frame = preSerialized(JSON.stringify(result))))
      return frame as unknown as FormattedExecutionResult
    }
    return opts.masking.maskResult(result, context.requestId, operations.get(payload)?.operation)
  }
  return {
    dispose: () => cleanup.dispose(),
    /** Socket work (presence, …) still under way: close() waits for it before Redis goes. */
    settled: () => lifecycle.settled(),
  }
}

/**
 * graphql-ws reports an operation's errors here: those onSubscribe returned (already masked)
 * and a stream that broke (its iterator threw; graphql-ws passes the error's own text on).
 * An outage closes the socket with 1013 before the error is sent, so a graphql-ws client
 * retries and resubscribes this operation with the others; an `error` would end it for good.
 * Anything else is masked like any other error.
 */
function streamFailed(opts: WsOptions, socket: WebSocket, operation: string | undefined, errors: readonly GraphQLError[]): GraphQLFormattedError[] {
  if (errors.some((e) => outageOf(e))) {
    opts.metrics.errors.inc({ operation: operation ?? 'anonymous', code: 'SERVICE_UNAVAILABLE', transport: 'ws' })
    if (socket.readyState === WebSocket.OPEN) socket.close(TRY_AGAIN_LATER, 'Try again later')
  }
  return errors.map((e) => {
    const cause = e.originalError
    // A broken stream arrives wrapped in a GraphQLError, which masking would pass as expected.
    if (cause && !(cause instanceof GraphQLError)) return opts.masking.formatError(e.toJSON(), cause)
    return e.toJSON()
  })
}

function hasSessionCookie(req: IncomingMessage): boolean {
  return !!req.headers.cookie && parseCookie(req.headers.cookie)[SESSION_COOKIE] !== undefined
}

/** onConnect and onClose: the socket's session, and the modules' hooks for a signed-in one. */
function socketLifecycle(opts: WsOptions) {
  const { services, metrics, sockets } = opts
  // Browsers send a handful of distinct user agents: one copy each, not one per socket.
  const internUserAgent = interning<string>(1000)
  // Work started by socket events that close() must wait for (so Redis is not closed under it).
  const pending = new Set<Promise<unknown>>()
  const track = (p: Promise<unknown> | void) => {
    if (!p) return
    pending.add(p)
    void p.finally(() => pending.delete(p))
  }
  const closeHooks = (s: OpenSocket) => {
    for (const h of sockets) track(h.closed?.(s))
  }

  const onConnect: Hooks['onConnect'] = async (ctx) => {
    const req = ctx.extra.request
    if (!req) return false
    const fromParams = typeof ctx.connectionParams?.authToken === 'string' ? ctx.connectionParams.authToken : null
    const token = fromParams ?? tokenFromHeaders({ authorization: req.headers.authorization, cookie: req.headers.cookie }, parseCookie)
    ctx.extra.token = token
    ctx.extra.ip = opts.clientIp(req)
    const userAgent = req.headers['user-agent']
    ctx.extra.userAgent = userAgent ? internUserAgent(userAgent, userAgent) : null
    // The upgrade request (headers, raw headers, stream state: a couple of KB) is not needed
    // after this, but graphql-ws keeps `extra` for as long as the socket is open.
    ctx.extra.request = undefined
    if (token) {
      // A token that does not resolve is refused at the door, with a close code the client can act on.
      const context = await createContext(services, { transport: 'ws', token, ip: ctx.extra.ip })
      const viewer = context.viewer
      if (!viewer) return false
      // Gone while the session was looked up: onClose has already run, so nothing to undo.
      if (ctx.extra.socket.readyState !== WebSocket.OPEN) return false
      const open: OpenSocket = { socket: ctx.extra.socket, userId: viewer.userId, sessionId: viewer.sessionId, teams: viewer.memberships.map((m) => m.supplierId) }
      ctx.extra.open = open
      for (const h of sockets) await h.opened?.(open)
      // Gone while the hooks ran: undo what onClose could not see.
      if (ctx.extra.socket.readyState !== WebSocket.OPEN) {
        ctx.extra.open = null
        closeHooks(open)
        return false
      }
    }
    metrics.wsConnections.inc()
    return true
  }

  const onClose = (ctx: { acknowledged: boolean; extra: WsExtra }) => {
    if (ctx.acknowledged) metrics.wsConnections.dec()
    if (ctx.extra.open) closeHooks(ctx.extra.open)
    ctx.extra.open = null
  }

  return { onConnect, onClose, settled: () => Promise.allSettled([...pending]) }
}

/** Operations under way per socket, for the limits and the metrics. */
function operationTracking(metrics: Metrics) {
  // By graphql-ws's subscribe payload: the same object reaches every hook of an operation,
  // and the entry goes with it.
  const ops = new WeakMap<object, WsOperation>()
  function started(extra: WsExtra, id: string) {
    extra.starting?.delete(id)
    if (extra.starting?.size === 0) extra.starting = null
  }
  return {
    get: (payload: object) => ops.get(payload),
    started,
    begin(extra: WsExtra, id: string, payload: object, operation: WsOperation) {
      ;(extra.starting ??= new Map()).set(id, payload)
      ops.set(payload, operation)
      if (operation.type === 'subscription') {
        extra.subscriptionCount++
        metrics.activeSubscriptions.inc()
      }
    },
    finish(extra: WsExtra, payload: object, id?: string) {
      if (id !== undefined && extra.starting?.get(id) === payload) started(extra, id)
      const op = ops.get(payload)
      if (!op) return
      ops.delete(payload)
      if (op.type === 'subscription') {
        extra.subscriptionCount--
        metrics.activeSubscriptions.dec()
      }
      metrics.operationDuration.observe({ operation: op.operation, type: op.type, transport: 'ws' }, (performance.now() - op.at) / 1000)
    },
  }
}

/** onSubscribe: the checks HTTP gets from Apollo, then the operation's context. */
function subscribeHook(opts: WsOptions, operations: ReturnType<typeof operationTracking>, answers: AnswerHooks): Hooks['onSubscribe'] {
  const { schema, metrics } = opts
  const prepare = documentCache(schema, opts.production)
  const refuse = (operation: string | null | undefined, errors: readonly GraphQLError[]) => {
    for (const e of errors) metrics.errors.inc({ operation: metrics.label(operation), code: String(e.extensions.code ?? 'GRAPHQL_VALIDATION_FAILED'), transport: 'ws' })
    return errors.map((e) => withDefaultCode(e, 'GRAPHQL_VALIDATION_FAILED'))
  }
  return async (ctx, id, payload) => {
    const prepared = prepare(payload.query)
    if ('errors' in prepared) return refuse(payload.operationName, prepared.errors)
    const operation = getOperationAST(prepared.document, payload.operationName)
    if (!operation) return refuse(payload.operationName, [new GraphQLError('Choose an operation (operationName).', { extensions: { code: 'BAD_USER_INPUT' } })])
    const name = operation.name?.value
    // Page sizes come with the variables, so this check runs once they are known.
    const tooCostly = checkPagedCost(schema, prepared.document, payload.variables ?? undefined, payload.operationName)
    if (tooCostly) return refuse(name, [withDefaultCode(tooCostly, LIMIT_CODES.pagedCost)])
    const nul = checkNulCharacters(prepared.document, payload.variables)
    if (nul) return refuse(name, [nul])
    // Same text, one string: this subscriber's copy of the query can go.
    ;(payload as { query: string }).query = prepared.query
    if (operation.operation === 'subscription' && ctx.extra.subscriptionCount >= MAX_SUBSCRIPTIONS_PER_SOCKET)
      return refuse(name, [
        new GraphQLError(`A connection may hold at most ${MAX_SUBSCRIPTIONS_PER_SOCKET} subscriptions.`, {
          extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit: MAX_SUBSCRIPTIONS_PER_SOCKET },
        }),
      ])
    // graphql-ws forgets an id once the client completes it, even while it is still starting;
    // reusing it then would leave the first operation's iterator with nobody to end it.
    if (ctx.extra.starting?.has(id)) {
      ctx.extra.socket.close(CloseCode.SubscriberAlreadyExists, `Subscriber for ${id} already exists`)
      return [new GraphQLError(`Operation ${id} is still starting.`, { extensions: { code: 'BAD_REQUEST' } })]
    }
    // Counted and recorded before the first await, so a burst of subscribes cannot pass the limit.
    operations.begin(ctx.extra, id, payload, { at: performance.now(), operation: metrics.label(name), type: operation.operation })
    const contextValue = await createContext(opts.services, { transport: 'ws', token: ctx.extra.token, ip: ctx.extra.ip, userAgent: ctx.extra.userAgent })
    flatten(contextValue.requestId)
    const info = { schema, document: prepared.document, variables: payload.variables ?? undefined, operationName: payload.operationName, type: operation.operation, transport: 'ws' as const }
    answers.expect(contextValue, info)
    try {
      for (const h of opts.operations) await h.willExecute?.(contextValue, info)
    } catch (e) {
      operations.finish(ctx.extra, payload, id)
      // A refusal is an error frame, which has no top-level extensions: they go on the error.
      if (e instanceof GraphQLError) return refuse(name, [await answers.extendError(contextValue, e)])
      throw e
    }
    if (operation.operation === 'subscription') contextValue.fanoutScope = scopeOf(prepared, payload, contextValue)
    return { schema, document: prepared.document, operationName: payload.operationName, variableValues: payload.variables ?? undefined, contextValue } satisfies ExecutionArgs
  }
}

type AnswerHooks = ReturnType<typeof answerHooks>

/**
 * The modules' `willRespond` on WebSocket answers: once per operation, on its first answer (a
 * query's or mutation's only one, a subscription's first event) or on its refusal. Headers do not
 * exist here; extensions do. Operations of callers no hook answers for cost one map lookup.
 */
function answerHooks(hooks: OperationHooks[]) {
  const responders = hooks.filter((h) => h.willRespond)
  const waiting = new WeakMap<Context, OperationInfo>()
  const run = async (context: Context, data: unknown, errors: readonly GraphQLError[]) => {
    const info = waiting.get(context) ?? null
    waiting.delete(context)
    const extensions: Record<string, unknown> = {}
    for (const h of responders) await h.willRespond!(context, info, { data, errors, extensions, setHeader: () => {} })
    return extensions
  }
  return {
    expect(context: Context, info: OperationInfo) {
      if (responders.some((h) => h.respondsTo?.(context) ?? true)) waiting.set(context, info)
    },
    pending: (context: Context) => waiting.has(context),
    async extend(context: Context, result: ExecutionResult): Promise<ExecutionResult> {
      const extensions = await run(context, result.data, result.errors ?? [])
      return Object.keys(extensions).length ? { ...result, extensions: { ...result.extensions, ...extensions } } : result
    },
    async extendError(context: Context, e: GraphQLError): Promise<GraphQLError> {
      if (!waiting.has(context)) return e
      const extensions = await run(context, null, [e])
      return Object.keys(extensions).length ? new GraphQLError(e.message, { extensions: { ...e.extensions, ...extensions } }) : e
    },
  }
}

// Subscribers of the same document, variables and scope share one scope string and one
// variables object (one copy in memory, however many subscribe).
const internScope = interning<string>(10_000)
const internVariables = interning<Readonly<Record<string, unknown>>>(10_000)

function scopeOf(prepared: PreparedDocument, payload: SubscribePayload, ctx: Context): string {
  const variablesJson = JSON.stringify(payload.variables ?? {})
  if (payload.variables) (payload as { variables: Record<string, unknown> }).variables = internVariables(variablesJson, Object.freeze(payload.variables))
  const scope = flatten(`${prepared.id}\u0000${variablesJson}\u0000${fanoutScope(prepared.perViewer, ctx)}`)
  return internScope(scope, scope)
}
