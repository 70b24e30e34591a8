// Wiring only: node:http + Apollo Server 5 for queries and mutations, graphql-ws on the same
// port and path for subscriptions, health endpoints, and an orderly shutdown.
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ApolloServer, HeaderMap } from '@apollo/server'
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer'
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled'
import type { GraphQLSchema } from 'graphql'
import { useServer } from 'graphql-ws/use/ws'
import { WebSocketServer } from 'ws'
import { createContext, type Context, type Services } from './context.ts'

export type GatewayOptions = Services & {
  schema: GraphQLSchema
  host?: string
  port?: number
  production?: boolean
}

export type Gateway = {
  /** http://host:port/graphql — the same URL serves graphql-ws (ws://…). */
  url: string
  port: number
  close(): Promise<void>
}

const MAX_BODY_BYTES = 1024 * 1024
const MAX_WS_MESSAGE_BYTES = 256 * 1024

export async function startGateway(opts: GatewayOptions): Promise<Gateway> {
  const { schema, logger } = opts
  const services: Services = { db: opts.db, pubsub: opts.pubsub, logger }
  const httpServer = createServer()
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: MAX_WS_MESSAGE_BYTES })
  const wsCleanup = useServer<Record<string, unknown>, { context?: Context }>(
    {
      schema,
      context: () => createContext(services, { transport: 'ws' }),
      onError: (_ctx, _id, _payload, errors) => {
        logger.warn({ errors: errors.map((e) => e.message) }, 'graphql-ws operation failed')
      },
    },
    wsServer,
  )

  const apollo = new ApolloServer<Context>({
    schema,
    csrfPrevention: true,
    introspection: !opts.production,
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
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
    if (url.pathname !== '/graphql') return sendJson(res, 404, { error: 'Not found. GraphQL lives at /graphql.' })

    const requestId = headerValue(req, 'x-request-id') ?? randomUUID()
    res.setHeader('x-request-id', requestId)
    let body: unknown
    if (req.method === 'POST') {
      const raw = await readBody(req, MAX_BODY_BYTES)
      if (raw === null)
        return sendGraphQLError(res, 413, `Request body is larger than ${MAX_BODY_BYTES} bytes.`, 'PAYLOAD_TOO_LARGE')
      try {
        body = raw.length ? JSON.parse(raw) : undefined
      } catch {
        return sendGraphQLError(res, 400, 'Request body is not valid JSON.', 'BAD_REQUEST')
      }
    }
    const headers = new HeaderMap()
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value)
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => createContext(services, { transport: 'http', requestId }),
    })
    for (const [key, value] of response.headers) res.setHeader(key, value)
    res.statusCode = response.status ?? 200
    if (response.body.kind === 'complete') {
      res.end(response.body.string)
      return
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk)
    res.end()
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
    // apollo.stop() drains: stops accepting, lets in-flight HTTP requests finish, closes sockets.
    close: () => apollo.stop(),
  }
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name]
  const s = Array.isArray(v) ? v[0] : v
  return s && /^[\w.:-]{1,128}$/.test(s) ? s : undefined
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

function sendJson(res: ServerResponse, status: number, value: unknown) {
  res.statusCode = status
  res.setHeader('content-type', 'application/json; charset=utf-8')
  res.end(JSON.stringify(value))
}

function sendGraphQLError(res: ServerResponse, status: number, message: string, code: string) {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] })
}
