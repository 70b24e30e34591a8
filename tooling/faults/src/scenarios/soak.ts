// 8. Soak: many buyers send (through both gateways, retrying each message with its
// clientMessageId until acknowledged) while supplier agents' recipe clients on both gateways
// follow every conversation. In the middle: random client disconnects, one gateway SIGKILLed
// and restarted, one Redis restart, one 10 s PostgreSQL outage for both gateways. At the end
// every subscriber must hold every acknowledged message exactly once, as the database has it.
import { randomUUID } from 'node:crypto'
import type { ConversationStream, RecipeClient } from '../client.ts'
import { sendUntilAcked, type Ack } from '../http.ts'
import {
  closeNotes,
  recoverySet,
  scoped,
  streamErrors,
  streamFailures,
  type Options,
  type Result,
  type Scenario,
  type Scope,
} from '../scenario.ts'
import type { Fixture, Stack } from '../stack.ts'
import { addCounts, recoveryMs, tally, type Counts, type Window } from '../tally.ts'
import { sleep, waitUntil } from '../util.ts'

/** A socket holds at most 25 subscriptions, so conversations are followed in groups of 25. */
const GROUP = 25
/** One message a second per buyer: the default send budget (10 in 10 s, 60 a minute) allows it. */
const INTERVAL_MS = 1050

type Follower = { client: RecipeClient; streams: Map<number, ConversationStream> }

/** For each group of 25 conversations, two followers on each gateway. */
function follow(stack: Stack, scope: Scope, f: Fixture): Follower[] {
  const followers: Follower[] = []
  for (let g = 0; g * GROUP < f.pairs.length; g++)
    for (let k = 0; k < 4; k++) {
      const client = scope.client(stack.gateways[k % 2]!.wsUrl, f.agents[g * 4 + k]!.token)
      const streams = new Map<number, ConversationStream>()
      for (let i = g * GROUP; i < Math.min(f.pairs.length, (g + 1) * GROUP); i++)
        streams.set(i, scope.conversation(client, f.pairs[i]!.conversationId, 0))
      followers.push({ client, streams })
    }
  return followers
}

/** Each buyer's paced loop; a failed attempt moves to the other gateway, as a load balancer would. */
async function sendAll(stack: Stack, f: Fixture, perBuyer: number, acks: Ack[][], unacked: string[]) {
  const start = Date.now()
  await Promise.all(
    f.pairs.map(async (pair, i) => {
      await sleep((i * INTERVAL_MS) / f.pairs.length) // spread the buyers over the interval
      for (let k = 0; k < perBuyer; k++) {
        const body = `soak c${i} m${k}`
        const pick = (attempt: number) => stack.gateways[(i + k + attempt) % 2]!.url
        const ack = await sendUntilAcked(
          pick,
          pair.buyer.token,
          pair.conversationId,
          randomUUID(),
          body,
          Date.now() + 120_000,
        )
        if ('failed' in ack) unacked.push(`${body}: ${ack.failed}`)
        else acks[i]!.push(ack)
        await sleep(Math.max(0, start + (k + 1) * INTERVAL_MS - Date.now()))
      }
    }),
  )
}

/** The faults, spread over the expected sending time; each is a window for the stall count. */
async function faults(
  stack: Stack,
  followers: Follower[],
  durationMs: number,
  windows: Window[],
  majors: Window[],
  done: () => boolean,
  log: string[],
) {
  const t0 = Date.now()
  const at = (share: number) => sleep(Math.max(0, t0 + share * durationMs - Date.now()))
  const window = async (what: string, fault: () => Promise<void>) => {
    const start = Date.now()
    await fault()
    windows.push({ start, end: Date.now() })
    majors.push({ start, end: Date.now() })
    log.push(`${what} at ${((start - t0) / 1000).toFixed(1)} s, ${((Date.now() - start) / 1000).toFixed(1)} s long`)
  }
  const disconnects = (async () => {
    while (!done()) {
      await sleep(2000 + Math.random() * 2000)
      const victim = followers[Math.floor(Math.random() * followers.length)]!
      if (victim.client.dropSocket()) windows.push({ start: Date.now(), end: Date.now() })
    }
  })()
  await at(0.2)
  await window('gateway-a SIGKILL + restart', () => stack.gateways[0].restart('SIGKILL'))
  await at(0.45)
  await window('Redis restart', () => stack.redis.restart())
  await at(0.65)
  await window('PostgreSQL outage', async () => {
    for (const p of stack.proxies) {
      p.reset()
      p.blackhole()
    }
    await sleep(10_000)
    for (const p of stack.proxies) p.restore()
  })
  await disconnects
}

export const soak: Scenario = {
  name: '8 soak',
  run: (stack: Stack, opts: Options) =>
    scoped(async (scope): Promise<Result> => {
      const buyers = opts.quick ? 25 : 50
      const perBuyer = Math.ceil(opts.messages / buyers)
      const f = await stack.fixture(buyers, Math.ceil(buyers / GROUP) * 4)
      const followers = follow(stack, scope, f)
      const streams = followers.flatMap((x) => [...x.streams.values()])
      if (!(await waitUntil(() => streams.every((s) => s.count('Subscribed') > 0), 30_000)))
        throw new Error('followers never went live')
      const acks: Ack[][] = f.pairs.map(() => [])
      const unacked: string[] = []
      const windows: Window[] = []
      const majors: Window[] = []
      const log: string[] = []
      let sending = true
      const faulting = faults(stack, followers, perBuyer * INTERVAL_MS, windows, majors, () => !sending, log)
      await sendAll(stack, f, perBuyer, acks, unacked)
      sending = false
      await faulting
      return settle(stack, f, followers, acks, { windows, majors }, [
        ...log,
        ...(unacked.length ? [`${unacked.length} message(s) never acknowledged, e.g. ${unacked[0]}`] : []),
      ])
    }),
}

/** Waits for the followers to catch up (30 s at most), then counts against the database. */
async function settle(
  stack: Stack,
  f: Fixture,
  followers: Follower[],
  acks: Ack[][],
  w: { windows: Window[]; majors: Window[] },
  log: string[],
): Promise<Result> {
  const stored = await Promise.all(f.pairs.map((p) => stack.messages(p.rawId)))
  const streamsOf = (i: number) => followers.flatMap((x) => (x.streams.has(i) ? [x.streams.get(i)!] : []))
  const caughtUp = () => f.pairs.every((_, i) => tally(acks[i]!, stored[i]!, streamsOf(i), w.windows).lost === 0)
  await waitUntil(caughtUp, 30_000, 500)
  let counts: Counts = { messages: 0, lost: 0, duplicated: 0, stalled: 0 }
  for (let i = 0; i < f.pairs.length; i++)
    counts = addCounts(counts, tally(acks[i]!, stored[i]!, streamsOf(i), w.windows))
  // Recovery from each big fault: every conversation's followers caught up and live again.
  const recoveries = w.majors.map((m) => {
    let worst: number | null = 0
    for (let i = 0; i < f.pairs.length; i++) {
      const r = recoveryMs(m.end, recoverySet(acks[i]!, m.end), stored[i]!, streamsOf(i))
      worst = r === null || worst === null ? null : Math.max(worst, r)
    }
    return worst
  })
  const all = followers.flatMap((x) => [...x.streams.values()])
  const retries = acks.flat().reduce((n, a) => n + a.attempts - 1, 0)
  const limited = acks.flat().reduce((n, a) => n + a.rateLimited, 0)
  const notes = [
    ...log,
    `recovery after each: ${recoveries.map((r) => (r === null ? 'never' : `${(r / 1000).toFixed(1)} s`)).join(', ')}`,
    `${retries} send retries, ${limited} rate-limited answers`,
    `${all.reduce((n, s) => n + s.count('Subscribed'), 0) - all.length} resubscriptions over ${all.length} streams`,
  ]
  const recovery = recoveries.includes(null) ? null : Math.max(0, ...(recoveries as number[]))
  return {
    counts,
    recoveryMs: recovery,
    failures: streamFailures(all),
    notes: [...notes, ...streamErrors(all).slice(0, 8), ...closeNotes(followers.map((x) => x.client))],
  }
}
