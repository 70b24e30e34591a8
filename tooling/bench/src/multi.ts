// P4 (two gateways through Redis vs one) and P7 (kill one of two gateways under load).
// Both need PostgreSQL and Redis: several processes share them, as in production.
import { randomBytes } from 'node:crypto'
import { encodeGlobalID } from '@pothos/plugin-relay'
import { createClient, type Client } from 'graphql-ws'
import WebSocket from 'ws'
import type { Fixture } from './fixtures.ts'
import { startGatewayProcess, type GatewayProcess } from './processes.ts'
import { abPairs, median, percentile } from './stats.ts'

const EVENTS = `subscription($id: ID!, $after: Int) { conversationEvents(conversationId: $id, afterSequence: $after) {
  __typename ... on Subscribed { lastSequence } ... on MessageAdded { message { sequence body } } } }`
const SEND = 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { __typename } }'

type Sub = { client: Client; seen: Map<number, number>; duplicates: number; lastSequence: number; subscribedAt: number }

function subscriber(url: () => string, f: Fixture, conversationGid: string, onMessage?: (seq: number, body: string) => void): Promise<Sub> {
  return new Promise((ready, fail) => {
    const sub: Sub = { client: undefined as unknown as Client, seen: new Map(), duplicates: 0, lastSequence: 0, subscribedAt: 0 }
    let dispose: (() => void) | null = null
    let first = true
    const start = () => {
      dispose?.()
      dispose = sub.client.subscribe<{ conversationEvents: { __typename: string; lastSequence?: number; message?: { sequence: number; body: string } } }>(
        { query: EVENTS, variables: { id: conversationGid, after: first ? null : sub.lastSequence } },
        {
          next: (r) => {
            const e = r.data?.conversationEvents
            if (e?.__typename === 'Subscribed') {
              sub.subscribedAt = performance.now()
              if (first) sub.lastSequence = e.lastSequence!
              if (first) ready(sub)
              first = false
            } else if (e?.message) {
              const seq = e.message.sequence
              if (sub.seen.has(seq)) sub.duplicates++
              else sub.seen.set(seq, performance.now())
              sub.lastSequence = Math.max(sub.lastSequence, seq)
              onMessage?.(seq, e.message.body)
            }
          },
          error: (e) => (first ? fail(e) : undefined),
          complete: () => {},
        },
      )
    }
    sub.client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: { authToken: f.tokens.buyer },
      lazy: false,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait: async () => new Promise((r) => setTimeout(r, 50 + Math.random() * 250)),
      on: {
        // Resume after a reconnect from the last sequence seen (a fresh subscription, so the
        // variables carry it), instead of graphql-ws re-sending the original variables.
        connected: () => start(),
      },
    })
  })
}

async function sendVia(url: string, f: Fixture, conversationGid: string, body: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${f.tokens.agent}` },
    body: JSON.stringify({ query: SEND, variables: { input: { conversationId: conversationGid, clientMessageId: `bench-${randomBytes(8).toString('hex')}`, body } } }),
  })
  const text = await res.text()
  // A refused send would look like a lost message: fail loudly instead.
  if (!text.includes('SendMessagePayload')) throw new Error(`send failed: ${text.slice(0, 300)}`)
}

async function deliveryRun(f: Fixture, subscribeTo: GatewayProcess, sendTo: GatewayProcess, subscribers: number, messages: number) {
  const id = encodeGlobalID('Conversation', f.conversationId)
  const sentAt = new Map<string, number>()
  const latencies: number[] = []
  const subs = await Promise.all(
    Array.from({ length: subscribers }, () => subscriber(() => subscribeTo.wsUrl, f, id, (_seq, body) => {
      const t = sentAt.get(body)
      if (t !== undefined) latencies.push(performance.now() - t)
    })),
  )
  try {
    for (let i = 0; i < messages; i++) {
      const body = `p4 ${randomBytes(4).toString('hex')}`
      sentAt.set(body, performance.now())
      await sendVia(sendTo.url, f, id, body)
      await new Promise((r) => setTimeout(r, 20))
    }
    const deadline = performance.now() + 5000
    while (latencies.length < subscribers * messages && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20))
    const duplicates = subs.reduce((a, s) => a + s.duplicates, 0)
    return { p99: percentile(latencies, 0.99), missing: subscribers * messages - latencies.length, duplicates }
  } finally {
    await Promise.all(subs.map((s) => s.client.dispose()))
  }
}

export type P4Result = { oneProcessP99: number; twoProcessP99: number; delta: number; missing: number; duplicates: number } | { skipped: string }

export async function runP4(f: Fixture, opts: { pairs: number; subscribers: number; messages: number }): Promise<P4Result> {
  if (f.kind !== 'postgres' || !process.env.REDIS_URL) return { skipped: 'needs DATABASE_URL=postgresql://… and REDIS_URL' }
  const env = { DATABASE_URL: f.databaseUrl, REDIS_URL: process.env.REDIS_URL, REDIS_PREFIX: `rapport-bench-p4-${process.pid}:`, SEND_BUDGETS: '1000000/1' }
  const [a, b] = await Promise.all([startGatewayProcess(env), startGatewayProcess(env)])
  try {
    const pairs = await abPairs(
      opts.pairs,
      () => deliveryRun(f, a, b, opts.subscribers, opts.messages),
      () => deliveryRun(f, a, a, opts.subscribers, opts.messages),
    )
    return {
      twoProcessP99: median(pairs.map((p) => p.a.p99)),
      oneProcessP99: median(pairs.map((p) => p.b.p99)),
      delta: median(pairs.map((p) => p.a.p99 - p.b.p99)),
      missing: pairs.reduce((n, p) => n + p.a.missing, 0),
      duplicates: pairs.reduce((n, p) => n + p.a.duplicates, 0),
    }
  } finally {
    await Promise.all([a.stop(), b.stop()])
  }
}

export type P7Result = { clients: number; resubscribedWithin5s: number; lost: number; duplicates: number; sentWhileDown: number } | { skipped: string }

/** Clients spread over two gateways; one is killed (SIGKILL) while messages keep coming through the other. */
export async function runP7(f: Fixture, opts: { clients: number; messages: number }): Promise<P7Result> {
  if (f.kind !== 'postgres' || !process.env.REDIS_URL) return { skipped: 'needs DATABASE_URL=postgresql://… and REDIS_URL' }
  const env = { DATABASE_URL: f.databaseUrl, REDIS_URL: process.env.REDIS_URL, REDIS_PREFIX: `rapport-bench-p7-${process.pid}:`, SEND_BUDGETS: '1000000/1' }
  const [a, b] = await Promise.all([startGatewayProcess(env), startGatewayProcess(env)])
  const alive = new Set([a, b])
  const id = encodeGlobalID('Conversation', f.conversationId)
  const subs: Sub[] = []
  const onKilled: boolean[] = []
  try {
    // Half on each gateway; after a disconnect a client picks a live one, as a balancer would.
    for (let i = 0; i < opts.clients; i += 50) {
      subs.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(50, opts.clients - i) }, (_, j) => {
            onKilled.push((i + j) % 2 === 1)
            let firstUrl: string | null = (i + j) % 2 ? a.wsUrl : b.wsUrl
            return subscriber(() => {
              const url = firstUrl ?? [...alive][0]!.wsUrl
              firstUrl = null
              return url
            }, f, id)
          }),
        )),
      )
    }
    const startSeq = Math.max(...subs.map((s) => s.lastSequence))
    const killedAt = performance.now()
    alive.delete(a)
    await a.stop('SIGKILL')
    for (let i = 0; i < opts.messages; i++) await sendVia(b.url, f, id, `p7 ${i}`)
    const expected = Array.from({ length: opts.messages }, (_, i) => startSeq + i + 1)
    const deadline = performance.now() + 15_000
    const complete = () => subs.every((s) => expected.every((q) => s.seen.has(q)))
    while (!complete() && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    const victims = subs.filter((_, i) => onKilled[i])
    const resubscribed = victims.filter((s) => s.subscribedAt >= killedAt && s.subscribedAt - killedAt <= 5000).length
    const onA = victims.length
    const lost = subs.reduce((n, s) => n + expected.filter((q) => !s.seen.has(q)).length, 0)
    return {
      clients: opts.clients,
      // Clients that were on the killed gateway (they re-subscribed after the kill).
      resubscribedWithin5s: onA ? resubscribed / onA : 1,
      lost,
      duplicates: subs.reduce((n, s) => n + s.duplicates, 0),
      sentWhileDown: opts.messages,
    }
  } finally {
    await Promise.all(subs.map((s) => s.client.dispose()))
    await Promise.all([a.stop(), b.stop()])
  }
}
