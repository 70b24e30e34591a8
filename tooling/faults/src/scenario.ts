// What a scenario is, what it reports, and the helpers most of them share.
import { randomUUID } from 'node:crypto'
import { RecipeClient, type ConversationStream, type InboxStream, type ReviewEventStream } from './client.ts'
import { sendUntilAcked, type Ack } from './http.ts'
import type { Pair, Stack } from './stack.ts'
import { recoveryMs, tally, type Counts, type Window } from './tally.ts'
import { waitUntil } from './util.ts'

export type Options = { quick: boolean; messages: number }

export type Result = {
  counts: Counts
  /** From the fault's end until subscribers had caught up (or the expectation was met). */
  recoveryMs: number | null
  /** Expectations not met; a scenario passes when there are none and nothing was lost, duplicated or stalled. */
  failures: string[]
  notes: string[]
}

export type Scenario = {
  name: string
  /** Runs alongside the scenarios before `joinBefore` (it mostly waits, on a gateway of its own). */
  background?: { joinBefore: string }
  run(stack: Stack, opts: Options): Promise<Result>
}

/** The clients a scenario opens, all disposed when it ends, however it ends. */
export class Scope {
  private readonly clients: RecipeClient[] = []
  private readonly streams: { stop(): void }[] = []

  client(url: string, token: string): RecipeClient {
    const c = new RecipeClient(url, token)
    this.clients.push(c)
    return c
  }

  conversation(client: RecipeClient, conversationId: string, afterSequence: number | null): ConversationStream {
    const s = client.conversation(conversationId, afterSequence)
    this.streams.push(s)
    return s
  }

  inbox(client: RecipeClient): InboxStream {
    const s = client.inbox()
    this.streams.push(s)
    return s
  }

  reviewEvents(client: RecipeClient, supplierId: string, after: string | null): ReviewEventStream {
    const s = client.reviewEvents(supplierId, after)
    this.streams.push(s)
    return s
  }

  /** Streams first: a stream still running would resubscribe on the complete that dispose causes. */
  async dispose() {
    for (const s of this.streams) s.stop()
    await Promise.all(this.clients.map((c) => c.dispose().catch(() => {})))
  }
}

/** Runs `body` with a scope that is disposed afterwards. */
export async function scoped<T>(body: (scope: Scope) => Promise<T>): Promise<T> {
  const scope = new Scope()
  try {
    return await body(scope)
  } finally {
    await scope.dispose()
  }
}

/** One message from the pair's buyer through `url`, retried until acknowledged (or 60 s pass). */
export async function send(url: string, pair: Pair, body: string): Promise<Ack> {
  const ack = await sendUntilAcked(
    () => url,
    pair.buyer.token,
    pair.conversationId,
    randomUUID(),
    body,
    Date.now() + 60_000,
  )
  if ('failed' in ack) throw new Error(`"${body}" was not acknowledged within 60 s; last answer: ${ack.failed}`)
  return ack
}

/** Waits until every stream has every acknowledged message, or `timeoutMs` passes. */
export async function delivered(
  stack: Stack,
  pair: Pair,
  acks: readonly Ack[],
  streams: readonly ConversationStream[],
  timeoutMs: number,
): Promise<boolean> {
  let stored = await stack.messages(pair.rawId)
  return waitUntil(async () => {
    let seq = new Map(stored.map((m) => [m.body, m.sequence]))
    if (acks.some((a) => !seq.has(a.body))) {
      stored = await stack.messages(pair.rawId)
      seq = new Map(stored.map((m) => [m.body, m.sequence]))
    }
    return acks.every((a) => streams.every((s) => s.has(seq.get(a.body) ?? -1)))
  }, timeoutMs)
}

/** Counts and recovery time for one conversation's acknowledged messages and its streams. */
export async function measure(
  stack: Stack,
  pair: Pair,
  acks: readonly Ack[],
  streams: readonly ConversationStream[],
  windows: readonly Window[],
  faultEnd: number,
) {
  const stored = await stack.messages(pair.rawId)
  return {
    counts: tally(acks, stored, streams, windows),
    recoveryMs: recoveryMs(faultEnd, recoverySet(acks, faultEnd), stored, streams),
  }
}

/**
 * What "recovered" waits for: everything acknowledged before the fault ended, and the first
 * message after it (proof the stream is live again, not just replayed).
 */
export function recoverySet(acks: readonly Ack[], faultEnd: number): Ack[] {
  const before = acks.filter((a) => a.at <= faultEnd)
  const after = acks.filter((a) => a.at > faultEnd).sort((x, y) => x.at - y.at)[0]
  return after ? [...before, after] : before
}

/** Failures every stream scenario checks: a complete the client did not ask for ends a live feed silently. */
export function streamFailures(streams: readonly ConversationStream[]): string[] {
  const completes = streams.reduce((n, s) => n + s.count('complete'), 0)
  return completes ? [`${completes} silent complete(s) on a conversation stream`] : []
}

/** The errors streams saw, once each, for the notes. */
export function streamErrors(streams: readonly { outcomes: { kind: string; detail?: string }[] }[]): string[] {
  const seen = new Set<string>()
  for (const s of streams)
    for (const o of s.outcomes) if (o.kind === 'error' && o.detail) seen.add(o.detail.slice(0, 160))
  return [...seen].map((d) => `stream error: ${d}`)
}

export function closeNotes(clients: readonly RecipeClient[]): string[] {
  const codes = [...new Set(clients.flatMap((c) => c.closeCodes))]
  const gaveUp = [...new Set(clients.flatMap((c) => c.gaveUp))]
  return [
    ...(codes.length ? [`socket close codes seen: ${codes.join(', ')}`] : []),
    ...gaveUp.map((g) => `graphql-ws stopped its own reconnecting after: ${g}`),
  ]
}

/**
 * The start most stream scenarios share: one buyer–supplier pair, a supplier agent on gateway
 * A following the conversation (and the inbox, when asked), live before anything is broken.
 */
export async function agentFollowing(stack: Stack, scope: Scope, opts: { inbox?: boolean } = {}) {
  const [a, b] = stack.gateways
  const { pairs, agents } = await stack.fixture(1)
  const pair = pairs[0]!
  const agent = scope.client(a.wsUrl, agents[0]!.token)
  const stream = scope.conversation(agent, pair.conversationId, 0)
  const inbox = opts.inbox ? scope.inbox(agent) : null
  const live = () => stream.count('Subscribed') > 0 && (!inbox || inbox.count('Subscribed') > 0)
  if (!(await waitUntil(live, 15_000))) throw new Error('subscriber never went live')
  return { a, b, pair, agent, stream, inbox }
}

/** The result of a one-stream scenario: counts, recovery, the failures every stream checks, and notes. */
export async function outcome(
  stack: Stack,
  run: { pair: Pair; acks: readonly Ack[]; stream: ConversationStream; clients: readonly RecipeClient[] },
  fault: { start: number; end: number },
  extra: { failures?: string[]; notes?: string[]; errorsOf?: readonly InboxStream[] } = {},
): Promise<Result> {
  const { counts, recoveryMs } = await measure(stack, run.pair, run.acks, [run.stream], [fault], fault.end)
  return {
    counts,
    recoveryMs,
    failures: [...(extra.failures ?? []), ...streamFailures([run.stream])],
    notes: [
      ...(extra.notes ?? []),
      ...streamErrors([run.stream, ...(extra.errorsOf ?? [])]),
      ...closeNotes(run.clients),
    ],
  }
}
