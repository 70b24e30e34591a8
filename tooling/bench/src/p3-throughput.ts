// P3: sustainable deliveries/s — the highest rate at which every subscriber still receives
// every event with p99 ≤ 100 ms — for graphql-ws subscribers of one conversation, against a
// raw `ws` server broadcasting the same payload. As in P2, the server and its clients share
// one Node process (one core), events are published on a fixed schedule (open loop) and
// latency runs from the scheduled publish time. Each side keeps its connections for the
// whole search: after a warm-up step (not counted: JIT and first-use costs are not what is
// measured), rates go up in steps (×2) until a step fails, then a binary search narrows the gap
// between the last step that held and the first that did not. A failed step is run once more
// before it counts, so one stall of a shared machine does not end a search.
import type { AddressInfo } from 'node:net'
import { encodeGlobalID } from '@pothos/plugin-relay'
import { schema } from '@rapport/gateway/schema'
import { startGateway } from '@rapport/gateway/server'
import { WebSocketServer, type WebSocket } from 'ws'
import type { Fixture } from './fixtures.ts'
import { connectRawSubscribers, EVENTS, message, schedule, settle } from './p2-fanout.ts'
import { abPairs, median, percentile } from './stats.ts'
import { followers } from './subscribers.ts'

const P99_LIMIT_MS = 100

type Step = { deliveriesPerSecond: number; p99: number; missed: number; holds: boolean }
type Side = {
  /** Publishes `events` events at `perSecond`, waits for them, and reports latency and losses. */
  step(perSecond: number, events: number): Promise<{ p99: number; missed: number }>
  close(): Promise<void>
}

/** Latency bookkeeping shared by both sides: sequence → scheduled time, arrivals per step. */
function tracker(subscribers: number) {
  const sentAt = new Map<number, number>()
  let latencies: number[] = []
  let arrivals = 0
  return {
    arrived(seq: number) {
      const t = sentAt.get(seq)
      if (t === undefined) return
      latencies.push(performance.now() - t)
      arrivals++
    },
    /**
     * Publishes `events` events at `perSecond` (open loop), numbered by `nextSequence`, through
     * `publish`, then waits for them and reports latency and losses.
     */
    async measure(perSecond: number, events: number, nextSequence: () => number, publish: (sequence: number, i: number) => void) {
      latencies = []
      arrivals = 0
      await schedule(events, perSecond, (i, at) => {
        const s = nextSequence()
        sentAt.set(s, at)
        publish(s, i)
      })
      const expected = events * subscribers
      // Wait for the stragglers (late ones count against p99), then for the stream to go quiet,
      // so a step that fell behind does not spill into the next one.
      await settle(() => arrivals >= expected, 5000)
      let seen = -1
      while (seen !== arrivals) {
        seen = arrivals
        await new Promise((r) => setTimeout(r, 200))
      }
      const r = { p99: percentile(latencies, 0.99), missed: Math.max(0, expected - arrivals) }
      sentAt.clear()
      return r
    },
  }
}

async function rapportSide(f: Fixture, subscribers: number): Promise<Side> {
  const gateway = await startGateway({ schema, services: f.services, production: true, port: 0, host: '127.0.0.1' })
  const url = gateway.url.replace(/^http/, 'ws')
  const id = encodeGlobalID('Conversation', f.conversationId)
  const t = tracker(subscribers)
  let seq = 0
  const clients = await followers(url, f.tokens.buyer, EVENTS, id, subscribers, (e) => {
    if (e.__typename === 'Subscribed') seq = Math.max(seq, e.lastSequence!)
    else if (e.message) t.arrived(e.message.sequence)
  })
  return {
    // Sequences keep rising across steps: the gateway drops what it has already delivered.
    step: (perSecond, events) =>
      t.measure(perSecond, events, () => ++seq, (s, i) =>
        f.services.pubsub.publish(`conversation:${f.conversationId}`, { type: 'MessageAdded', conversationId: f.conversationId, message: message(f.conversationId, s, `bench ${i}`) }),
      ),
    async close() {
      await Promise.all(clients.map((c) => c.dispose()))
      await gateway.close()
    },
  }
}

async function rawSide(subscribers: number, conversationId: string): Promise<Side> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' })
  await new Promise((r) => server.once('listening', r))
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`
  const t = tracker(subscribers)
  const sockets: WebSocket[] = []
  let seq = 0
  await connectRawSubscribers(url, subscribers, sockets, (sequence) => t.arrived(sequence))
  return {
    step: (perSecond, events) =>
      t.measure(perSecond, events, () => ++seq, (s, i) => {
        // The same bytes graphql-ws would send for one delivery, serialised once per event.
        const payload = JSON.stringify({ id: '1', type: 'next', payload: { data: { conversationEvents: { __typename: 'MessageAdded', message: message(conversationId, s, `bench ${i}`) } } } })
        for (const client of server.clients) client.send(payload)
      }),
    async close() {
      for (const s of sockets) s.terminate()
      await new Promise((r) => server.close(r))
    },
  }
}

export type P3Search = { sustainable: number; steps: Step[] }

/** The highest delivery rate (deliveries/s = events/s × subscribers) that held, by steps then bisection. */
async function search(side: Side, opts: { subscribers: number; startPerSecond: number; seconds: number; maxSteps: number; bisections: number }): Promise<P3Search> {
  const steps: Step[] = []
  const once = async (perSecond: number) => {
    const events = Math.max(3, Math.round(perSecond * opts.seconds))
    const r = await side.step(perSecond, events)
    const step = { deliveriesPerSecond: perSecond * opts.subscribers, p99: r.p99, missed: r.missed, holds: r.p99 <= P99_LIMIT_MS && r.missed === 0 }
    steps.push(step)
    return step.holds
  }
  const tryRate = async (perSecond: number) => (await once(perSecond)) || (await once(perSecond))
  await side.step(Math.max(1, Math.round(opts.startPerSecond / 2)), Math.max(3, Math.round((opts.startPerSecond / 2) * opts.seconds)))
  let good = 0
  let bad = 0
  for (let perSecond = opts.startPerSecond, i = 0; i < opts.maxSteps; i++, perSecond *= 2) {
    if (await tryRate(perSecond)) good = perSecond
    else {
      bad = perSecond
      break
    }
  }
  if (bad) {
    for (let i = 0; i < opts.bisections && bad - good > 1; i++) {
      const mid = Math.round((good + bad) / 2)
      if (await tryRate(mid)) good = mid
      else bad = mid
    }
  }
  return { sustainable: good * opts.subscribers, steps }
}

export type P3Result = { subscribers: number; rapport: number; baseline: number; ratio: number; pairs: { a: P3Search; b: P3Search }[] }

export async function runP3(f: Fixture, opts: { pairs: number; subscribers: number; seconds: number; startDeliveriesPerSecond: number; maxSteps?: number; bisections?: number }): Promise<P3Result> {
  const searchOpts = {
    subscribers: opts.subscribers,
    startPerSecond: Math.max(1, Math.round(opts.startDeliveriesPerSecond / opts.subscribers)),
    seconds: opts.seconds,
    maxSteps: opts.maxSteps ?? 8,
    bisections: opts.bisections ?? 3,
  }
  const measure = async (open: () => Promise<Side>) => {
    const side = await open()
    try {
      return await search(side, searchOpts)
    } finally {
      await side.close()
    }
  }
  const pairs = await abPairs(
    opts.pairs,
    () => measure(() => rapportSide(f, opts.subscribers)),
    () => measure(() => rawSide(opts.subscribers, f.conversationId)),
  )
  return {
    subscribers: opts.subscribers,
    rapport: median(pairs.map((p) => p.a.sustainable)),
    baseline: median(pairs.map((p) => p.b.sustainable)),
    // A side that never held at the first step scores 0.
    ratio: median(pairs.map((p) => (p.b.sustainable ? p.a.sustainable / p.b.sustainable : NaN))),
    pairs,
  }
}
