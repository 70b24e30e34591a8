// P2: delivery latency when one conversation has many graphql-ws subscribers, against a raw
// `ws` server broadcasting the same payload to as many raw sockets. Events are published
// on a fixed schedule; latency runs from the scheduled publish time to each arrival.
import type { AddressInfo } from 'node:net'
import { encodeGlobalID } from '@pothos/plugin-relay'
import { schema } from '@rapport/gateway/schema'
import { startGateway } from '@rapport/gateway/server'
import type { MessageDTO } from '@rapport/messaging'
import type { Client } from 'graphql-ws'
import WebSocket, { WebSocketServer } from 'ws'
import type { Fixture } from './fixtures.ts'
import { abPairs, median, percentile } from './stats.ts'
import { followers } from './subscribers.ts'

export type FanoutRun = { p99: number; p50: number; delivered: number; expected: number }

export const EVENTS = `subscription($id: ID!) { conversationEvents(conversationId: $id) {
  __typename ... on Subscribed { lastSequence } ... on MessageAdded { message { id sequence body createdAt author { side displayName } } } } }`

export function message(conversationId: string, sequence: number, body: string): MessageDTO {
  return {
    id: `00000000-0000-7000-8000-${String(sequence).padStart(12, '0')}`,
    conversationId,
    sequence,
    clientMessageId: null,
    authorId: null,
    authorSide: 'SUPPLIER',
    authorName: 'Olive & Oak',
    authorMemberId: null,
    kind: 'TEXT',
    body,
    masked: false,
    replyToId: null,
    createdAt: new Date().toISOString(),
    editedAt: null,
    deletedAt: null,
    reactions: [],
    attachments: [],
  }
}

export async function schedule(events: number, perSecond: number, fire: (i: number, at: number) => void) {
  const t0 = performance.now() + 50
  for (let i = 0; i < events; i++) {
    const at = t0 + (i * 1000) / perSecond
    const wait = at - performance.now()
    if (wait > 1) await new Promise((r) => setTimeout(r, wait))
    fire(i, at)
  }
}

export async function rapportFanout(f: Fixture, subscribers: number, events: number, perSecond: number): Promise<FanoutRun> {
  const gateway = await startGateway({ schema, services: f.services, production: true, port: 0, host: '127.0.0.1' })
  const url = gateway.url.replace(/^http/, 'ws')
  const conversationGid = encodeGlobalID('Conversation', f.conversationId)
  const sentAt = new Map<number, number>()
  const latencies: number[] = []
  let clients: Client[] = []
  let base = 0
  try {
    clients = await followers(url, f.tokens.buyer, EVENTS, conversationGid, subscribers, (e) => {
      if (e.__typename === 'Subscribed') base = e.lastSequence!
      else if (e.message) {
        const t = sentAt.get(e.message.sequence)
        if (t !== undefined) latencies.push(performance.now() - t)
      }
    })
    await schedule(events, perSecond, (i, at) => {
      const seq = base + i + 1
      sentAt.set(seq, at)
      f.services.pubsub.publish(`conversation:${f.conversationId}`, {
        type: 'MessageAdded',
        conversationId: f.conversationId,
        message: message(f.conversationId, seq, `bench ${i}`),
      })
    })
    await settle(() => latencies.length >= subscribers * events, 5000)
    return { p99: percentile(latencies, 0.99), p50: percentile(latencies, 0.5), delivered: latencies.length, expected: subscribers * events }
  } finally {
    await Promise.all(clients.map((c) => c.dispose()))
    await gateway.close()
  }
}

export async function rawFanout(subscribers: number, events: number, perSecond: number, conversationId: string): Promise<FanoutRun> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' })
  await new Promise((r) => server.once('listening', r))
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`
  const sockets: WebSocket[] = []
  const latencies: number[] = []
  const sentAt = new Map<number, number>()
  try {
    await connectRawSubscribers(url, subscribers, sockets, (seq) => {
      const t = sentAt.get(seq)
      if (t !== undefined) latencies.push(performance.now() - t)
    })
    await schedule(events, perSecond, (i, at) => {
      sentAt.set(i + 1, at)
      // The same bytes graphql-ws would send for one delivery.
      const payload = JSON.stringify({ id: '1', type: 'next', payload: { data: { conversationEvents: { __typename: 'MessageAdded', message: message(conversationId, i + 1, `bench ${i}`) } } } })
      for (const client of server.clients) client.send(payload)
    })
    await settle(() => latencies.length >= subscribers * events, 5000)
    return { p99: percentile(latencies, 0.99), p50: percentile(latencies, 0.5), delivered: latencies.length, expected: subscribers * events }
  } finally {
    for (const s of sockets) s.terminate()
    await new Promise((r) => server.close(r))
  }
}

export async function settle(done: () => boolean, ms: number) {
  const end = performance.now() + ms
  while (!done() && performance.now() < end) await new Promise((r) => setTimeout(r, 20))
}

export type P2Result = { subscribers: number; perSecond: number; rapport: FanoutRun; baseline: FanoutRun; p99Delta: number }

export async function runP2(f: Fixture, opts: { pairs: number; subscribers: number; deliveriesPerSecond: number; seconds: number }): Promise<P2Result> {
  const perSecond = Math.max(1, Math.round(opts.deliveriesPerSecond / opts.subscribers))
  const events = Math.max(3, Math.round(perSecond * opts.seconds))
  const pairs = await abPairs(
    opts.pairs,
    () => rapportFanout(f, opts.subscribers, events, perSecond),
    () => rawFanout(opts.subscribers, events, perSecond, f.conversationId),
  )
  const pick = (runs: FanoutRun[]): FanoutRun => ({
    p99: median(runs.map((r) => r.p99)),
    p50: median(runs.map((r) => r.p50)),
    delivered: runs.reduce((a, r) => a + r.delivered, 0),
    expected: runs.reduce((a, r) => a + r.expected, 0),
  })
  return {
    subscribers: opts.subscribers,
    perSecond,
    rapport: pick(pairs.map((p) => p.a)),
    baseline: pick(pairs.map((p) => p.b)),
    p99Delta: median(pairs.map((p) => p.a.p99 - p.b.p99)),
  }
}

/** Raw `ws` subscribers of the baseline servers: each reports the sequence of every delivery. */
export function connectRawSubscribers(url: string, subscribers: number, sockets: WebSocket[], onSequence: (sequence: number) => void): Promise<void[]> {
  return Promise.all(
    Array.from({ length: subscribers }, () =>
      new Promise<void>((ready, fail) => {
        const ws = new WebSocket(url)
        sockets.push(ws)
        ws.on('open', () => ready())
        ws.on('error', fail)
        ws.on('message', (data) => {
          onSequence((JSON.parse(String(data)) as { payload: { data: { conversationEvents: { message: { sequence: number } } } } }).payload.data.conversationEvents.message.sequence)
        })
      }),
    ),
  )
}
