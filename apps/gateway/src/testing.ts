import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
// Starts a real gateway on a free port for tests: real HTTP, real WebSockets, the real
// schema, on a test database the caller owns. Or a real gateway process (startGatewayProcess),
// for tests of several processes sharing PostgreSQL and Redis.
import { encodeGlobalID } from '@pothos/plugin-relay'
import { systemClock } from '@rapport/core'
import type { Db } from '@rapport/db'
import { createSession } from '@rapport/identity'
import { deleteKeysWithPrefix, type PubSub } from '@rapport/realtime'
import { freePort } from '@rapport/scripts/processes'
import { createClient, type Client } from 'graphql-ws'
import WebSocket from 'ws'
import { createLogger } from './logger.ts'
import { schema } from './schema.ts'
import { startGateway } from './server.ts'
import { createServices, type ServiceOptions } from './services.ts'
import type { Jobs } from '@rapport/jobs'
import type { Topics } from './topics.ts'

export type TestGateway = {
  url: string
  wsUrl: string
  pubsub: PubSub<Topics>
  /** The gateway's job queue (its workers run in the gateway). */
  jobs: Jobs
  metricsUrl: string
  /** POSTs one operation as JSON and returns the parsed body and status. */
  post<T = unknown>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: T }>
  /** A graphql-ws client; Node 20 has no global WebSocket, so ws is passed in. */
  wsClient(opts?: { connectionParams?: Record<string, unknown>; lazy?: boolean }): Client
  close(): Promise<void>
}

/** What opens /metrics on a test gateway's API port. */
export const TEST_METRICS_TOKEN = 'test-metrics-token-0123456789'

export async function startTestGateway(
  db: Db,
  opts: {
    redisUrl?: string
    production?: boolean
    signInAttempts?: number
    connectionInitTimeoutMs?: number
    sendBudgets?: { points: number; durationSeconds: number }[]
    /** Shares Redis channels with other gateways under test (defaults to a fresh prefix). */
    prefix?: string
    webProxySecret?: string
    /** ALLOWED_ORIGINS: pages that may open a WebSocket with the session cookie. */
    allowedOrigins?: string[]
    /** Email settings (default: .eml files in a temporary folder, a 5-minute unread delay). */
    email?: ServiceOptions['email']
    /** Runs the job workers (default true); jobs are still enqueued when off. */
    runJobs?: boolean
    /** Webhook endpoints on loopback allowed (a receiver in the test). */
    webhooksAllowPrivate?: boolean
  } = {},
): Promise<TestGateway> {
  const prefix = opts.prefix ?? `rapport-test-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}:`
  const logger = createLogger({ level: process.env.LOG_LEVEL ?? 'silent', pretty: false })
  const attachmentsDir = mkdtempSync(path.join(os.tmpdir(), 'rapport-attachments-'))
  const services = createServices({ db, logger, redisUrl: opts.redisUrl, prefix, signInAttempts: opts.signInAttempts, sendBudgets: opts.sendBudgets, webhooksAllowPrivate: opts.webhooksAllowPrivate, attachmentsDir, email: { mailDir: path.join(attachmentsDir, 'mail'), ...opts.email } })
  await services.connected()
  const pubsub = services.pubsub
  const gateway = await startGateway({
    schema,
    services,
    allowedOrigins: opts.allowedOrigins,
    production: opts.production,
    connectionInitTimeoutMs: opts.connectionInitTimeoutMs,
    webProxySecret: opts.webProxySecret,
    runJobs: opts.runJobs,
    port: 0,
    host: '127.0.0.1',
    // The operators' port, as deployments run it; and a token for the API's port.
    metricsPort: 0,
    metricsToken: TEST_METRICS_TOKEN,
  })
  const clients: Client[] = []
  return {
    url: gateway.url,
    wsUrl: gateway.url.replace(/^http/, 'ws'),
    pubsub,
    jobs: services.jobs,
    metricsUrl: gateway.metricsUrl!,
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
      await services.close()
      rmSync(attachmentsDir, { recursive: true, force: true })
      // Rate-limit and presence keys of this gateway's own namespace (shared prefixes belong to the caller).
      if (opts.redisUrl && !opts.prefix) await deleteKeysWithPrefix(opts.redisUrl, prefix)
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

/** Collects a subscription's events; `waitFor` resolves when a predicate matches (no sleeps). */
export function collect<T>(client: Client, query: string, variables?: Record<string, unknown>) {
  const events: T[] = []
  const errors: unknown[] = []
  let waiters: { test: (events: T[]) => boolean; resolve: () => void; reject: (e: Error) => void }[] = []
  const check = () => {
    waiters = waiters.filter((w) => (w.test(events) ? (w.resolve(), false) : true))
  }
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (r) => {
        if (r.errors?.length) errors.push(...r.errors)
        if (r.data) events.push(r.data as T)
        check()
      },
      error: (e) => {
        errors.push(e)
        for (const w of waiters) w.reject(new Error(`subscription failed: ${JSON.stringify(e)}`))
      },
      complete: () => {},
    },
  )
  return {
    events,
    errors,
    dispose,
    waitFor(test: (events: T[]) => boolean, ms = 10_000): Promise<void> {
      if (test(events)) return Promise.resolve()
      if (errors.length) return Promise.reject(new Error(`subscription failed: ${JSON.stringify(errors)}`))
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms; got ${JSON.stringify(events).slice(0, 2000)} errors ${JSON.stringify(errors)}`)), ms)
        waiters.push({ test, resolve: () => (clearTimeout(timer), resolve()), reject: (e) => (clearTimeout(timer), reject(e)) })
      })
    },
  }
}

const mainModule = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.ts')

export type GatewayProcess = { url: string; child: ChildProcess; output: string[] }

/** Runs main.ts as its own process (production mode, on a free port) and resolves once /readyz answers. */
export async function startGatewayProcess(env: Record<string, string>): Promise<GatewayProcess> {
  const port = await freePort()
  const output: string[] = []
  const child = spawn(process.execPath, ['--import', 'tsx', mainModule], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString()))
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()))
  const url = `http://127.0.0.1:${port}/graphql`
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`gateway exited: ${output.join('')}`)
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return { url, child, output }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  child.kill('SIGTERM')
  throw new Error(`gateway not ready: ${output.join('')}`)
}

/** SIGTERM to each process started here, and waits for them to exit. */
export async function stopGatewayProcesses(children: ChildProcess[]): Promise<void> {
  for (const c of children) c.kill('SIGTERM')
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))))
}

export type DbProxy = {
  /** `url` with this proxy's address in place of the database server's. */
  url: string
  /** The database goes away: open connections are reset, new ones refused. */
  cut(): void
  restore(): void
  close(): Promise<void>
}

/** A TCP proxy in front of the test database, so a test can take it away from one gateway only. */
export async function startDbProxy(url: string): Promise<DbProxy> {
  const target = new URL(url)
  const sockets = new Set<net.Socket>()
  let refusing = false
  const server = net.createServer((client) => {
    if (refusing) return void client.destroy()
    const upstream = net.connect(Number(target.port || 5432), target.hostname)
    for (const s of [client, upstream]) {
      sockets.add(s)
      s.on('error', () => {})
      s.on('close', () => {
        sockets.delete(s)
        // One side gone, the other goes too (pipe would leave it half open).
        client.destroy()
        upstream.destroy()
      })
    }
    client.pipe(upstream).pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const proxied = new URL(url)
  proxied.host = `127.0.0.1:${(server.address() as net.AddressInfo).port}`
  const reset = () => {
    for (const s of sockets) s.destroy()
  }
  return {
    url: proxied.toString(),
    cut() {
      refusing = true
      reset()
    },
    restore() {
      refusing = false
    },
    async close() {
      reset()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

export type ConversationWorld = {
  supplierId: string
  /** Tiago's membership of Olive & Oak (an agent). */
  agentMemberId: string
  buyerToken: string
  agentToken: string
  /** The global id of the conversation Maya started. */
  conversationId: string
}

/**
 * The smallest world with a conversation: Olive & Oak with one agent (Tiago), a buyer (Maya)
 * who has asked it something through the API, and both their sessions.
 */
export async function conversationWorld(db: Db, gw: TestGateway, opening: { body: string; clientMessageId: string }): Promise<ConversationWorld> {
  const supplier = await db.prisma.supplier.create({ data: { slug: 'olive', name: 'Olive & Oak', timeZone: 'Europe/Lisbon' } })
  const maya = await db.prisma.user.create({ data: { email: 'maya@example.com', displayName: 'Maya', passwordHash: 'x' } })
  await db.prisma.buyer.create({ data: { userId: maya.id, displayName: 'Maya' } })
  const tiago = await db.prisma.user.create({ data: { email: 'tiago@olive.example', displayName: 'Tiago', passwordHash: 'x' } })
  const agentMemberId = (await db.prisma.supplierMember.create({ data: { supplierId: supplier.id, userId: tiago.id, role: 'AGENT' } })).id
  const buyerToken = (await createSession({ db: db.prisma, clock: systemClock }, maya.id)).token
  const agentToken = (await createSession({ db: db.prisma, clock: systemClock }, tiago.id)).token
  const { body } = await gw.post<{ data?: { startConversation: { conversation: { id: string } } } }>(
    `mutation($input: StartConversationInput!) { startConversation(input: $input) { ... on StartConversationPayload { conversation { id } } } }`,
    { input: { supplierId: encodeGlobalID('Supplier', supplier.id), ...opening } },
    { authorization: `Bearer ${buyerToken}` },
  )
  return { supplierId: supplier.id, agentMemberId, buyerToken, agentToken, conversationId: body.data!.startConversation.conversation.id }
}
