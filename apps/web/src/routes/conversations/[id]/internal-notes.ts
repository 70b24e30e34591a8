// The supplier team's internal notes beside the messages: kept in order, resumed without gaps
// after a reconnect, and woven into the thread by time. Only the team's page has any; the
// buyer's page never asks for them (the gateway refuses the field and drops them from the feed).
import type { MessageData } from '$lib/messages'

export type InternalNote = {
  id: string
  sequence: number
  body: string
  createdAt: string
  /** Kept after the author leaves the team (author is null then). */
  authorName: string
  author: { id: string } | null
}

/** What the thread shows, in order: a message, or one of the team's notes. */
export type ThreadItem = { kind: 'message'; message: MessageData } | { kind: 'note'; note: InternalNote }

/** Notes by sequence, each once (a replay after a reconnect can repeat what the page has). */
export function mergeNotes(notes: readonly InternalNote[], incoming: readonly InternalNote[]): InternalNote[] {
  const bySequence = new Map(notes.map((n) => [n.sequence, n]))
  for (const n of incoming) bySequence.set(n.sequence, n)
  return [...bySequence.values()].sort((a, b) => a.sequence - b.sequence)
}

/**
 * Where the feed resumes notes: the end of the gap-free run from the first note. Notes count
 * 1, 2, 3 … per conversation, and a note the viewer just added over HTTP can be ahead of one
 * that was missed while offline; resuming after it would skip the missed one for good.
 */
export function resumeNoteSequence(notes: readonly InternalNote[]): number {
  let last = 0
  for (const n of notes) {
    if (n.sequence !== last + 1) break
    last = n.sequence
  }
  return last
}

/**
 * Messages and the notes written in the time they span, by time. A page of history starts at
 * its first message (earlier notes belong to the older page, with their messages); an older
 * page also ends at its last message, the latest page runs on to now.
 */
export function threadItems(
  messages: readonly MessageData[],
  notes: readonly InternalNote[],
  window: { hasOlder: boolean; isLatest: boolean },
): ThreadItem[] {
  const at = (item: { createdAt: string }) => Date.parse(item.createdAt)
  const first = messages[0] ? at(messages[0]) : -Infinity
  const last = messages.at(-1) ? at(messages.at(-1)!) : Infinity
  const shown = notes.filter((n) => (!window.hasOlder || at(n) >= first) && (window.isLatest || at(n) <= last))
  const items: ThreadItem[] = []
  let i = 0
  for (const message of messages) {
    // A note goes before the first message written after it; at the same instant, the message first.
    while (i < shown.length && at(shown[i]!) < at(message)) items.push({ kind: 'note', note: shown[i++]! })
    items.push({ kind: 'message', message })
  }
  for (; i < shown.length; i++) items.push({ kind: 'note', note: shown[i]! })
  return items
}
