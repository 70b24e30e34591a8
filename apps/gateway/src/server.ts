// Wiring only: one node:http server with Apollo Server 5 for queries and mutations and
// graphql-ws on the same port and path, the modules' routes and socket hooks, and an orderly
// shutdown. What each part does lives beside it: http-server.ts, ws-server.ts,
// error-masking.ts, fanout.ts, and the domains in modules/.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { GraphQLSchema } from 'graphql'
import type { Services } from './context.ts'
import { createErrorMasking } from './error-masking.ts'
import { clientIp, fromWebApp, type ClientIpOptions } from './http-body.ts'
import { requestHandler, sendMetrics, startApollo } from './http-server.ts'
import { createMetrics, type Metrics } from './metrics.ts'
import { startJobWorkers } from './job-workers.ts'
import { modules } from './modules/index.ts'
import { startGraphQLWs } from './ws-server.ts'

export { MAX_SUBSCRIPTIONS_PER_SOCKET } from './ws-server.ts'

export type GatewayOptions = ClientIpOptions & {
  schema: GraphQLSchema
  services: Services
  host?: string
  port?: number
  production?: boolean
  /** Origins whose pages may open a WebSocket with the session cookie (ALLOWED_ORIGINS). */
  allowedOrigins?: readonly string[]
  /** How long a WebSocket may stay open without connection_init (tests shorten it). */
  connectionInitTimeoutMs?: number
  /** Runs the modules' job workers in this process (JOB_WORKERS, default on). */
  runJobs?: boolean
  /** /metrics on a port of its own (METRICS_PORT; 0 picks one), on metricsHost (default: host). */
  metricsPort?: number
  metricsHost?: string
  /** /metrics on the API's port too, to `Authorization: Bearer <metricsToken>` (METRICS_TOKEN). */
  metricsToken?: string | null
}

export type Gateway = {
  /** http://host:port/graphql — the same URL serves graphql-ws (ws://…). */
  url: string
  port: number
  metrics: Metrics
  /** Where /metrics answers without a token (the operators' port), when there is one. */
  metricsUrl: string | null
  close(): Promise<void>
}

export async function startGateway(opts: GatewayOptions): Promise<Gateway> {
  const { schema, services } = opts
  const production = !!opts.production
  const metrics = createMetrics()
  const masking = createErrorMasking(services.logger, metrics)
  const runtimes = modules.map((m) => m.attach?.(services) ?? {})
  const operations = runtimes.flatMap((r) => (r.operations ? [r.operations] : []))
  await startJobWorkers(services, opts.runJobs ?? true)
  const ipOf = (req: Parameters<typeof clientIp>[0]) => clientIp(req, opts)
  const httpServer = createServer()

  const ws = startGraphQLWs(httpServer, {
    schema,
    services,
    metrics,
    masking,
    production,
    sockets: runtimes.flatMap((r) => (r.sockets ? [r.sockets] : [])),
    operations,
    clientIp: ipOf,
    allowedOrigins: opts.allowedOrigins,
    connectionInitTimeoutMs: opts.connectionInitTimeoutMs,
  })
  const http = {
    schema,
    services,
    metrics,
    masking,
    production,
    routes: runtimes.flatMap((r) => r.routes ?? []),
    operations,
    clientIp: ipOf,
    fromWebApp: (req: Parameters<typeof clientIp>[0]) => fromWebApp(req, opts),
    drainWebSockets: ws.dispose,
    metricsToken: opts.metricsToken ?? null,
  }
  const apollo = await startApollo(httpServer, http)
  httpServer.on('request', requestHandler(apollo, http))

  const address = await listen(httpServer, opts.port ?? 4000, opts.host ?? '127.0.0.1')
  const metricsServer = opts.metricsPort === undefined ? null : createServer((req, res) => void answerMetrics(req, res, metrics))
  const metricsAddress = metricsServer ? await listen(metricsServer, opts.metricsPort!, opts.metricsHost ?? opts.host ?? '127.0.0.1') : null
  return {
    url: `${origin(address)}/graphql`,
    port: address.port,
    metrics,
    metricsUrl: metricsAddress ? `${origin(metricsAddress)}/metrics` : null,
    // apollo.stop() drains: stops accepting, lets in-flight HTTP requests finish, and closes
    // WebSockets with 1001 (going away) so clients reconnect elsewhere.
    close: async () => {
      await apollo.stop()
      await ws.settled()
      for (const r of runtimes) await r.close?.()
      // Running jobs finish (or are left to their lease) before the database closes.
      await services.jobs.stop()
      await new Promise((resolve) => (metricsServer ? metricsServer.close(resolve) : resolve(undefined)))
    },
  }
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve(server.address() as AddressInfo)
    })
  })
}

const origin = (a: AddressInfo) => `http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`

/** The operators' port: /metrics and nothing else. */
async function answerMetrics(req: IncomingMessage, res: ServerResponse, metrics: Metrics) {
  if (new URL(req.url ?? '/', 'http://metrics').pathname !== '/metrics' || req.method !== 'GET') {
    res.statusCode = 404
    res.end('Not found. Metrics live at /metrics.')
    return
  }
  await sendMetrics(res, metrics)
}
