// Wiring only: one node:http server with Apollo Server 5 for queries and mutations and
// graphql-ws on the same port and path, the modules' routes and socket hooks, and an orderly
// shutdown. What each part does lives beside it: http-server.ts, ws-server.ts,
// error-masking.ts, fanout.ts, and the domains in modules/.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { GraphQLSchema } from 'graphql'
import type { Services } from './context.ts'
import { createErrorMasking } from './error-masking.ts'
import { clientIp, type ClientIpOptions } from './http-body.ts'
import { requestHandler, startApollo } from './http-server.ts'
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
}

export type Gateway = {
  /** http://host:port/graphql — the same URL serves graphql-ws (ws://…). */
  url: string
  port: number
  metrics: Metrics
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
    drainWebSockets: ws.dispose,
  }
  const apollo = await startApollo(httpServer, http)
  httpServer.on('request', requestHandler(apollo, http))

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
      await ws.settled()
      for (const r of runtimes) await r.close?.()
      // Running jobs finish (or are left to their lease) before the database closes.
      await services.jobs.stop()
    },
  }
}
