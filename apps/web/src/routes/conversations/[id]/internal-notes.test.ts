import { describe, expect, it } from 'vitest'
import type { MessageData } from '$lib/messages'
import { mergeNotes, resumeNoteSequence, threadItems, type InternalNote } from './internal-notes'

const note = (sequence: number, minute: number): InternalNote => ({
  id: `n${sequence}`,
  sequence,
  body: `note ${sequence}`,
  createdAt: `2026-11-25T10:${String(minute).padStart(2, '0')}:00.000Z`,
  authorName: 'Ana',
  author: { id: 'a' },
})

const message = (sequence: number, minute: number) =>
  ({ sequence, createdAt: `2026-11-25T10:${String(minute).padStart(2, '0')}:00.000Z` }) as MessageData

const order = (items: ReturnType<typeof threadItems>) =>
  items.map((i) => (i.kind === 'note' ? `n${i.note.sequence}` : `m${i.message.sequence}`))

describe('internal notes', () => {
  it('merges by sequence, each once, in order', () => {
    expect(mergeNotes([note(2, 2)], [note(1, 1), note(2, 2)]).map((n) => n.sequence)).toEqual([1, 2])
  })

  it('resumes after the gap-free run from the first note', () => {
    expect(resumeNoteSequence([])).toBe(0)
    expect(resumeNoteSequence([note(1, 1), note(2, 2)])).toBe(2)
    // Note 3 was added here over HTTP while 2 was missed: resume after 1, so 2 is replayed.
    expect(resumeNoteSequence([note(1, 1), note(3, 3)])).toBe(1)
  })

  it('weaves notes between messages by time', () => {
    const items = threadItems([message(1, 0), message(2, 5)], [note(1, 2), note(2, 5), note(3, 9)], {
      hasOlder: false,
      isLatest: true,
    })
    expect(order(items)).toEqual(['m1', 'n1', 'm2', 'n2', 'n3'])
  })

  it('keeps to the time a page of history spans', () => {
    const notes = [note(1, 1), note(2, 4), note(3, 9)]
    const messages = [message(10, 3), message(11, 5)]
    expect(order(threadItems(messages, notes, { hasOlder: true, isLatest: true }))).toEqual(['m10', 'n2', 'm11', 'n3'])
    expect(order(threadItems(messages, notes, { hasOlder: true, isLatest: false }))).toEqual(['m10', 'n2', 'm11'])
  })
})
