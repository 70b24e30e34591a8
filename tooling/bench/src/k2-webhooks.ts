// K2: webhook deliveries. A node:http receiver on loopback answers 200 and records when each
// delivery arrived, by its `data.message.id`, checking its Rapport-Signature. Rapport (A): the
// buyer sends N messages through the gateway's sendMessage (a few concurrent senders, one
// conversation of the supplier); each send enqueues its webhook job in its own transaction, and
// the gateway's job workers fan it out (an outbox row and one delivery per endpoint) and POST it,
// signed, to the supplier owner's endpoint. Per message: send acknowledged → webhook received;
// overall: N / (last received − first sent). Raw (B): the same N signed POSTs (same body shape,
// same signature, a new connection per POST as Rapport's deliverer opens one) sent straight from
// this process, 16 in flight. Every message must arrive exactly once: missing, duplicate and
// unexpected deliveries are counted, and badly signed ones.
// PostgreSQL only, like P5 (see runK2).
//
// The gateway runs in this process on the fixture's services (webhooksAllowPrivate: loopback
// endpoints allowed, bench only). The supplier's owner makes the endpoint through the gateway's
// createWebhookEndpoint mutation — so the gateway's cache of who listens (10 s) learns of it at
// once — and deletes it afterwards, so later sends enqueue nothing.
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay'
import { schema } from '@rapport/gateway/schema'
import { startGateway } from '@rapport/gateway/server'
import { SIGNATURE_HEADER, signPayload, verifySignature, webhookBody } from '@rapport/partners'
import { Pool as HttpPool } from 'undici'
import { v7 as uuidv7 } from 'uuid'
import { supplierOwner, type Fixture } from './fixtures.ts'
import { answer, httpRequest } from './query.ts'
import { median, percentile } from './stats.ts'

const CREATE_ENDPOINT = 'mutation Create($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { __typename ... on IssuedWebhookEndpoint { secret endpoint { id } } } }'
const DELETE_ENDPOINT = 'mutation Delete($input: DeleteWebhookEndpointInput!) { deleteWebhookEndpoint(input: $input) { __typename } }'
const SEND = 'mutation Send($input: SendMessageInput!) { sendMessage(input: $input) { __typename ... on SendMessagePayload { sentMessage { id } } } }'
const BODY = 'Is the 5 l tin back in stock?'
/** Messages sent and delivered before measuring (JIT, connections, the workers' first polls). */
const WARM_UP = 5
const RAW_IN_FLIGHT = 16

/** Wall-clock milliseconds on the monotonic clock's scale (database timestamps are wall clock). */
const wallMs = (monotonic: number) => performance.timeOrigin + monotonic

type Delivery = { id: string; data?: { message?: { id?: string } } }

type Receiver = {
  url: string
  secret: string
  /** Arrival times (performance.now()) by message id, since the last reset. */
  arrivals: Map<string, number[]>
  badSignatures: number
  reset(): void
  /** Resolves once every id has arrived, or after `timeoutMs`. */
  waitFor(ids: readonly string[], timeoutMs: number): Promise<void>
  close(): Promise<void>
}

async function startReceiver(): Promise<Receiver> {
  let onArrival = () => {}
  const server: Server = createServer((req, res) => {
    const at = performance.now()
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString()
      const header = req.headers[SIGNATURE_HEADER.toLowerCase()]
      if (!verifySignature({ header: typeof header === 'string' ? header : null, body, secrets: [receiver.secret], now: new Date() }).ok) receiver.badSignatures++
      let id: string
      try {
        const delivery = JSON.parse(body) as Delivery
        id = delivery.data?.message?.id ?? `no message id (delivery ${delivery.id})`
      } catch {
        id = `not JSON: ${body.slice(0, 40)}`
      }
      const seen = receiver.arrivals.get(id)
      if (seen) seen.push(at)
      else receiver.arrivals.set(id, [at])
      res.end()
      onArrival()
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const receiver: Receiver = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`,
    secret: '',
    arrivals: new Map(),
    badSignatures: 0,
    reset() {
      receiver.arrivals = new Map()
      receiver.badSignatures = 0
    },
    waitFor(ids, timeoutMs) {
      const allIn = () => ids.every((id) => receiver.arrivals.has(id))
      if (allIn()) return Promise.resolve()
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs)
        onArrival = () => {
          if (!allIn()) return
          clearTimeout(timer)
          onArrival = () => {}
          resolve()
        }
      })
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
  return receiver
}

export type K2Side = {
  /** N / (last delivery received − first send started). */
  perSecond: number
  /** Per message: send acknowledged (A) or POST started (B) → received, ms. */
  p50: number
  p99: number
  missing: number
  duplicates: number
  /** Deliveries of messages this side did not send. */
  unexpected: number
  badSignatures: number
}

export type K2Result = {
  messages: number
  senders: number
  rapport: K2Side & {
    /** Sends not acknowledged as sent (then they cannot be waited for). */
    failedSends: number
    /** Medians, ms, from the delivery rows: message written → delivery row (fan-out job), → attempt started (delivery job), → received. */
    stages: { fanOut: number; deliveryJob: number; post: number }
  }
  raw: K2Side
}

/** What both sides share: exactly-once counts and the figures from first start to last arrival. */
function tally(receiver: Receiver, started: Map<string, number>, firstStart: number): K2Side {
  const latencies: number[] = []
  let missing = 0
  let duplicates = 0
  let last = firstStart
  for (const [id, t] of started) {
    const seen = receiver.arrivals.get(id)
    if (!seen) {
      missing++
      continue
    }
    duplicates += seen.length - 1
    latencies.push(seen[0]! - t)
    last = Math.max(last, seen[0]!)
  }
  return {
    perSecond: (started.size - missing) / ((last - firstStart) / 1000),
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    missing,
    duplicates,
    unexpected: [...receiver.arrivals.keys()].filter((id) => !started.has(id)).length,
    badSignatures: receiver.badSignatures,
  }
}

/** The buyer's sends through the gateway: `count` messages by `senders` concurrent loops; message id → when its send was acknowledged. */
async function sendMessages(f: Fixture, url: string, count: number, senders: number): Promise<{ acked: Map<string, number>; firstStart: number; failed: number }> {
  const http = new HttpPool(new URL(url).origin, { connections: senders })
  const conversationId = encodeGlobalID('Conversation', f.conversationId)
  const acked = new Map<string, number>()
  let next = 0
  let failed = 0
  const firstStart = performance.now()
  try {
    await Promise.all(
      Array.from({ length: senders }, async () => {
        while (next < count) {
          next++
          const res = await http.request({
            method: 'POST',
            path: '/graphql',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${f.tokens.buyer}` },
            body: JSON.stringify({ query: SEND, variables: { input: { conversationId, clientMessageId: uuidv7(), body: BODY } } }),
          })
          const out = (await res.body.json()) as { data?: { sendMessage?: { __typename: string; sentMessage?: { id: string } } } }
          const at = performance.now()
          const sent = out.data?.sendMessage
          if (sent?.__typename === 'SendMessagePayload' && sent.sentMessage) acked.set(decodeGlobalID(sent.sentMessage.id).id, at)
          else failed++
        }
      }),
    )
  } finally {
    await http.close()
  }
  return { acked, firstStart, failed }
}

/** Rapport: N messages sent, their webhooks received; then where the time went, from the delivery rows. */
async function rapportDeliveries(f: Fixture, url: string, receiver: Receiver, endpointId: string, messages: number, senders: number): Promise<K2Result['rapport']> {
  const warm = await sendMessages(f, url, WARM_UP, 1)
  await receiver.waitFor([...warm.acked.keys()], 15_000)
  receiver.reset()
  const { acked, firstStart, failed } = await sendMessages(f, url, messages, senders)
  await receiver.waitFor([...acked.keys()], Math.max(60_000, messages * 200))
  // Late duplicates (a retry after a lost answer) would come now.
  await new Promise((r) => setTimeout(r, 1000))
  const side = tally(receiver, acked, firstStart)
  // The attempts' own writes (DELIVERED) follow the POST: let them land before the gateway stops.
  for (let i = 0; i < 50; i++) {
    if ((await f.db.prisma.webhookDelivery.count({ where: { endpointId, status: { not: 'DELIVERED' } } })) === 0) break
    await new Promise((r) => setTimeout(r, 100))
  }
  const rows = await f.db.prisma.webhookDelivery.findMany({ where: { endpointId }, select: { createdAt: true, deliveredAt: true, payload: true } })
  const fanOut: number[] = []
  const deliveryJob: number[] = []
  const post: number[] = []
  for (const r of rows) {
    const message = (r.payload as { data?: { message?: { id: string; createdAt: string } } }).data?.message
    const arrived = message && acked.has(message.id) ? receiver.arrivals.get(message.id)?.[0] : undefined
    if (!message || arrived === undefined || !r.deliveredAt) continue
    fanOut.push(r.createdAt.getTime() - new Date(message.createdAt).getTime())
    deliveryJob.push(r.deliveredAt.getTime() - r.createdAt.getTime())
    post.push(wallMs(arrived) - r.deliveredAt.getTime())
  }
  return { ...side, failedSends: failed, stages: { fanOut: median(fanOut), deliveryJob: median(deliveryJob), post: median(post) } }
}

/** Raw: the same N signed POSTs from this process, `RAW_IN_FLIGHT` at a time, a new connection each. */
async function rawDeliveries(f: Fixture, receiver: Receiver, messages: number): Promise<K2Side> {
  receiver.reset()
  const started = new Map<string, number>()
  let next = 0
  const post = (body: string) =>
    new Promise<void>((resolve, reject) => {
      const req = request(receiver.url, {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), [SIGNATURE_HEADER]: signPayload(receiver.secret, body, new Date()) },
      })
      req.on('error', reject)
      req.on('response', (res) => {
        res.resume()
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`receiver answered ${res.statusCode}`))))
      })
      req.end(body)
    })
  const firstStart = performance.now()
  await Promise.all(
    Array.from({ length: RAW_IN_FLIGHT }, async () => {
      while (next < messages) {
        const sequence = ++next
        const id = uuidv7()
        const createdAt = new Date()
        const body = webhookBody({
          id: uuidv7(),
          event: 'message.created',
          createdAt,
          data: {
            message: { id, conversationId: f.conversationId, sequence, authorSide: 'BUYER', body: BODY, createdAt },
            conversation: { id: f.conversationId, supplierId: null, subject: null, status: 'OPEN' },
          },
        })
        started.set(id, performance.now())
        await post(body)
      }
    }),
  )
  await receiver.waitFor([...started.keys()], 5000)
  return tally(receiver, started, firstStart)
}

export async function runK2(f: Fixture, opts: { messages: number; senders: number }): Promise<K2Result | { skipped: string }> {
  // On embedded PGlite (one transaction at a time) the first send after the endpoint exists
  // hangs the gateway: the send path loads its cache of listening suppliers inside the send's
  // transaction (modules/partners/services.ts), and that query waits for the transaction.
  if (f.kind !== 'postgres') return { skipped: 'needs DATABASE_URL=postgresql://… (like P5: embedded PGlite runs one transaction at a time)' }
  const receiver = await startReceiver()
  try {
    const rapport = await withEndpoint(f, receiver, (url, endpointId) => rapportDeliveries(f, url, receiver, endpointId, opts.messages, opts.senders))
    const raw = await rawDeliveries(f, receiver, opts.messages)
    return { messages: opts.messages, senders: opts.senders, rapport, raw }
  } finally {
    await receiver.close()
  }
}

/** A gateway in this process, and the owner's endpoint for `receiver` made (and deleted after `run`) through it. */
async function withEndpoint<T>(f: Fixture, receiver: Receiver, run: (gatewayUrl: string, endpointId: string) => Promise<T>): Promise<T> {
  const owner = await supplierOwner(f)
  const gateway = await startGateway({ schema, services: f.services, production: true, port: 0, host: '127.0.0.1' })
  const asOwner = (query: string, input: Record<string, unknown>) => answer(gateway.url, httpRequest({ query, variables: { input }, token: f.tokens.owner }))
  try {
    const made = (await asOwner(CREATE_ENDPOINT, { supplierId: encodeGlobalID('Supplier', owner.supplierId), url: receiver.url, events: ['message.created'] })).data as {
      createWebhookEndpoint: { __typename: string; secret?: string; endpoint?: { id: string } }
    }
    const { secret, endpoint } = made.createWebhookEndpoint
    if (!secret || !endpoint) throw new Error(`K2: createWebhookEndpoint answered ${made.createWebhookEndpoint.__typename}`)
    receiver.secret = secret
    try {
      return await run(gateway.url, decodeGlobalID(endpoint.id).id)
    } finally {
      await asOwner(DELETE_ENDPOINT, { id: endpoint.id })
    }
  } finally {
    await gateway.close()
  }
}
