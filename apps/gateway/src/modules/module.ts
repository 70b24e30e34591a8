// What a domain brings to the gateway, and what the gateway gives it. Each folder in
// src/modules/ is one domain: importing its index registers its GraphQL types on the builder,
// and its module object says which services it builds from the shared ones, which HTTP routes
// it serves and what it does while a WebSocket is open. modules/index.ts lists them all.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { DocumentNode, GraphQLError, GraphQLSchema, OperationTypeNode } from 'graphql'
import type { WebSocket } from 'ws'
import type { JobHandler, JobKind, WorkOptions } from '@rapport/jobs'
import type { Context } from '../context.ts'
import type { ModuleServices, ServiceSetup, Services } from '../shared-services.ts'

export type { CoreServices, ModuleServices, ServiceOptions, ServiceSetup, Services } from '../shared-services.ts'

/** A signed-in WebSocket, as the modules' socket hooks see it. */
export type OpenSocket = {
  socket: WebSocket
  userId: string
  sessionId: string
  /** The suppliers whose team the user is on. */
  teams: readonly string[]
}

export type SocketHooks = {
  /** A signed-in socket was accepted (awaited before the connection is acknowledged). */
  opened?(s: OpenSocket): Promise<void> | void
  /** It closed, or it closed while `opened` ran (then this undoes it). */
  closed?(s: OpenSocket): Promise<void> | void
}

/** An HTTP endpoint beside /graphql (the gateway's REST surface). */
export type HttpRoute = {
  /** The exact path, or a prefix ending in `/` that the route serves below. */
  path: string
  handle(req: IncomingMessage, res: ServerResponse, url: URL, http: HttpTools): Promise<void>
}

/** What the gateway offers routes: a request context (session resolved) and JSON answers. */
export type HttpTools = {
  context(req: IncomingMessage): Promise<Context>
  sendJson(res: ServerResponse, status: number, value: unknown): void
  /** Whether the request comes from the web app's server (it carries the shared WEB_PROXY_SECRET). */
  fromWebApp(req: IncomingMessage): boolean
  /** A domain error or code as `{ error: { message, code } }` with its status from the one table. */
  sendError(res: ServerResponse, error: { message: string; code: string }): void
}

/** One GraphQL operation, validated, as the operation hooks see it. */
export type OperationInfo = {
  schema: GraphQLSchema
  document: DocumentNode
  variables: Record<string, unknown> | undefined
  operationName: string | null | undefined
  type: OperationTypeNode
  transport: 'http' | 'ws'
}

/** An answer about to be sent: extensions may be added, and headers over HTTP (a no-op on WebSocket). */
export type OperationResponse = {
  data: unknown
  errors: readonly GraphQLError[] | readonly { extensions?: Record<string, unknown> }[]
  extensions: Record<string, unknown>
  setHeader(name: string, value: string): void
}

/** What a module adds around every operation (the partner platform's scopes and cost, for one). */
export type OperationHooks = {
  /** Validated and about to run: throw a GraphQLError to refuse it (nothing runs). */
  willExecute?(ctx: Context, op: OperationInfo): Promise<void> | void
  /**
   * An answer is ready (also for refused ones; `op` is null when the document never got that far):
   * every HTTP answer; on WebSocket an operation's first (a subscription's first event) or its refusal.
   */
  willRespond?(ctx: Context, op: OperationInfo | null, response: OperationResponse): Promise<void> | void
  /** Whether willRespond has anything to add for this caller (unset: always asked). Keeps WebSocket events that need nothing on their fast path. */
  respondsTo?(ctx: Context): boolean
}

/** What a module runs while a gateway is up. */
export type ModuleRuntime = {
  routes?: HttpRoute[]
  sockets?: SocketHooks
  operations?: OperationHooks
  /** Stops what the module started (listeners), when the gateway closes. */
  close?(): void | Promise<void>
}

/** A queue a module owns and how its jobs are done (kinds are created in every process; handlers run where workers run). */
export type JobWorker<D extends object = object> = { kind: JobKind<D>; handle: JobHandler<D>; options?: WorkOptions }

export function jobWorker<D extends object>(kind: JobKind<D>, handle: JobHandler<D>, options?: WorkOptions): JobWorker {
  return { kind, handle, options } as unknown as JobWorker
}

export type GatewayModule = {
  name: string
  /** Builds the services this domain adds to the shared ones (once per process). */
  services?(setup: ServiceSetup): Partial<ModuleServices>
  /** Starts the domain's part of a gateway: routes, WebSocket hooks, listeners. */
  attach?(services: Services): ModuleRuntime
  /** The module's job queues and their handlers. */
  jobs?(services: Services): JobWorker[]
}

export function defineModule(m: GatewayModule): GatewayModule {
  return m
}
