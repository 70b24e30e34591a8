// Starts a real gateway on a free port for tests: real HTTP, real WebSockets, the real
// schema, on a test database the caller owns.
import type { Db } from '@rapport/db'
import { systemClock } from '@rapport/core'
import { createAttemptLimiter, createPubSub, openRedis, type PubSub } from '@rapport/realtime'
import { createClient, type Client } from 'graphql-ws'
import WebSocket from 'ws'
import { createLogger } from './logger.ts'
import { schema } from './schema/index.ts'
import { startGateway } from './server.ts'
import type { Topics } from './topics.ts'

export type TestGateway = {
  url: string
  wsUrl: string
  pubsub: PubSub<Topics>
  metricsUrl: string
  /** POSTs one operation as JSON and returns the parsed body and status. */
  post<T = unknown>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: T }>
  /** A graphql-ws client; Node 20 has no global WebSocket, so ws is passed in. */
  wsClient(opts?: { connectionParams?: Record<string, unknown>; lazy?: boolean }): Client
  close(): Promise<void>
}

export async function startTestGateway(
  db: Db,
  opts: { redisUrl?: string; production?: boolean; signInAttempts?: number; connectionInitTimeoutMs?: number } = {},
): Promise<TestGateway> {
  const prefix = `rapport-test-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}:`
  const pubsub = createPubSub<Topics>({ redisUrl: opts.redisUrl, prefix })
  const redis = opts.redisUrl ? openRedis(opts.redisUrl) : undefined
  const signInLimiter = createAttemptLimiter({ name: 'signin', points: opts.signInAttempts ?? 10, durationSeconds: 900, blockSeconds: 900, redis, prefix })
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'silent', pretty: false })
  const gateway = await startGateway({
    schema,
    db,
    pubsub,
    logger,
    clock: systemClock,
    signInLimiter,
    production: opts.production,
    connectionInitTimeoutMs: opts.connectionInitTimeoutMs,
    port: 0,
    host: '127.0.0.1',
  })
  const clients: Client[] = []
  return {
    url: gateway.url,
    wsUrl: gateway.url.replace(/^http/, 'ws'),
    pubsub,
    metricsUrl: gateway.url.replace(/\/graphql$/, '/metrics'),
    async post<T>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
      const res = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      })
      return { status: res.status, body: (await res.json()) as T }
    },
    wsClient(clientOpts = {}) {
      const client = createClient({
        url: gateway.url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        ...clientOpts,
      })
      clients.push(client)
      return client
    },
    async close() {
      await Promise.all(clients.map((c) => c.dispose()))
      await gateway.close()
      await pubsub.close()
      await redis?.quit()
    },
  }
}

/** Runs one operation over graphql-ws and resolves with its single result. */
export function wsExecute<T>(client: Client, query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }> {
  return new Promise((resolve, reject) => {
    let result: { data?: T; errors?: { message: string }[] } | undefined
    client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          result = value as typeof result
        },
        error: (e) => (Array.isArray(e) ? resolve({ errors: e as { message: string }[] }) : reject(e)),
        complete: () => resolve(result ?? {}),
      },
    )
  })
}
