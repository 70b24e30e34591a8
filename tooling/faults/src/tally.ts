// The counts every scenario ends with, from what subscribers received compared with what the
// database holds for the messages senders had acknowledged.
import type { Ack } from './http.ts'
import type { ConversationStream } from './client.ts'

/** A period something was broken: a message acknowledged around it may arrive up to 5 s after `end`. */
export type Window = { start: number; end: number }

export const STALL_MS = 5000

export type Counts = { messages: number; lost: number; duplicated: number; stalled: number }

/** When `ack` must have been delivered live: 5 s after it, pushed on by any outage it ran into. */
export function deadline(ackAt: number, windows: readonly Window[]): number {
  let d = ackAt + STALL_MS
  for (const w of [...windows].sort((a, b) => a.start - b.start))
    if (w.start <= d && w.end + STALL_MS > d) d = w.end + STALL_MS
  return d
}

/**
 * Each subscriber of a conversation against every acknowledged message of it: lost = never
 * received, duplicated = received more than once (each extra copy counts), stalled = received,
 * but after its deadline. Acknowledged bodies the database holds twice count as duplicates too.
 */
export function tally(
  acks: readonly Ack[],
  stored: readonly { sequence: number; body: string }[],
  streams: readonly ConversationStream[],
  windows: readonly Window[],
): Counts {
  const counts: Counts = { messages: acks.length, lost: 0, duplicated: 0, stalled: 0 }
  const bySequence = new Map<string, number[]>()
  for (const m of stored) bySequence.set(m.body, [...(bySequence.get(m.body) ?? []), m.sequence])
  for (const ack of acks) {
    const sequences = bySequence.get(ack.body) ?? []
    if (sequences.length > 1) counts.duplicated += sequences.length - 1
    const sequence = sequences[0]
    for (const stream of streams) {
      const got = sequence === undefined ? undefined : stream.deliveries.get(sequence)
      if (!got?.length) {
        counts.lost++
        continue
      }
      counts.duplicated += got.length - 1
      if (got[0]!.at > deadline(ack.at, windows)) counts.stalled++
    }
  }
  return counts
}

export function addCounts(a: Counts, b: Counts): Counts {
  return {
    messages: a.messages + b.messages,
    lost: a.lost + b.lost,
    duplicated: a.duplicated + b.duplicated,
    stalled: a.stalled + b.stalled,
  }
}

/** From `since` until every acknowledged message had reached every stream (null if some never did). */
export function recoveryMs(
  since: number,
  acks: readonly Ack[],
  stored: readonly { sequence: number; body: string }[],
  streams: readonly ConversationStream[],
): number | null {
  const seq = new Map(stored.map((m) => [m.body, m.sequence]))
  let last = since
  for (const ack of acks)
    for (const s of streams) {
      const at = s.deliveries.get(seq.get(ack.body) ?? -1)?.[0]?.at
      if (at === undefined) return null
      last = Math.max(last, at)
    }
  return last - since
}
