import { describe, expect, it } from 'vitest'
import {
  canEdit,
  mergeMessages,
  newClientMessageId,
  readReceipt,
  resumeSequence,
  settlePending,
  statusAfterMessage,
  type MessageData,
  type PendingMessage,
} from './messages'

function message(sequence: number, extra: Partial<MessageData> = {}): MessageData {
  return {
    id: `m${sequence}`,
    sequence,
    kind: 'TEXT',
    body: `message ${sequence}`,
    createdAt: '2026-11-25T10:00:00.000Z',
    editedAt: null,
    deletedAt: null,
    isViewerAuthor: false,
    masked: false,
    clientMessageId: null,
    author: { displayName: 'Ana', side: 'SUPPLIER', member: null },
    reactions: [],
    replyTo: null,
    attachments: [],
    ...extra,
  }
}

describe('mergeMessages', () => {
  it('keeps messages in sequence order whatever order they arrive in', () => {
    const merged = mergeMessages([message(1), message(4)], [message(3), message(2)])
    expect(merged.map((m) => m.sequence)).toEqual([1, 2, 3, 4])
  })

  it('never shows a sequence twice: a replayed or re-sent message replaces the one shown', () => {
    const edited = message(2, { body: 'edited' })
    const merged = mergeMessages([message(1), message(2)], [edited, message(2, { body: 'edited' }), message(3)])
    expect(merged.map((m) => m.sequence)).toEqual([1, 2, 3])
    expect(merged[1]?.body).toBe('edited')
  })
})

describe('settlePending', () => {
  const pending = (clientMessageId: string): PendingMessage => ({
    clientMessageId,
    body: 'hi',
    replyToId: null,
    createdAt: '2026-11-25T10:00:00.000Z',
    state: 'sending',
    error: null,
  })

  it('drops the viewer’s pending messages once their clientMessageId comes back confirmed', () => {
    const left = settlePending(
      [pending('a'), pending('b')],
      [message(5, { clientMessageId: 'a', isViewerAuthor: true })],
    )
    expect(left.map((p) => p.clientMessageId)).toEqual(['b'])
  })

  it('ignores someone else’s message with the same clientMessageId', () => {
    const left = settlePending([pending('a')], [message(5, { clientMessageId: 'a', isViewerAuthor: false })])
    expect(left).toHaveLength(1)
  })
})

describe('readReceipt', () => {
  const mine = (sequence: number) => message(sequence, { author: { displayName: 'Maya', side: 'BUYER', member: null } })

  it('sits under the viewer’s latest message the other side has read', () => {
    const messages = [mine(1), message(2), mine(3), mine(4)]
    const receipt = readReceipt(
      messages,
      [{ side: 'SUPPLIER', displayName: 'Tiago', lastReadSequence: 3, readAt: '2026-11-25T10:05:00.000Z' }],
      'BUYER',
    )
    expect(receipt?.sequence).toBe(3)
    expect(receipt?.readers.map((r) => r.displayName)).toEqual(['Tiago'])
  })

  it('says nothing when the other side hasn’t read any of the viewer’s messages', () => {
    expect(
      readReceipt([mine(3)], [{ side: 'SUPPLIER', displayName: 'Tiago', lastReadSequence: 2, readAt: '' }], 'BUYER'),
    ).toBeNull()
    expect(
      readReceipt([mine(3)], [{ side: 'BUYER', displayName: 'Maya', lastReadSequence: 3, readAt: '' }], 'BUYER'),
    ).toBeNull()
  })
})

describe('canEdit', () => {
  it('allows editing the viewer’s own text for 15 minutes', () => {
    const m = message(1, { isViewerAuthor: true })
    expect(canEdit(m, new Date('2026-11-25T10:14:00.000Z'))).toBe(true)
    expect(canEdit(m, new Date('2026-11-25T10:16:00.000Z'))).toBe(false)
    expect(canEdit({ ...m, isViewerAuthor: false }, new Date('2026-11-25T10:01:00.000Z'))).toBe(false)
  })
})

describe('newClientMessageId', () => {
  it('makes ids the gateway accepts, different every time', () => {
    const a = newClientMessageId()
    expect(a).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
    expect(newClientMessageId()).not.toBe(a)
  })
})

describe('statusAfterMessage', () => {
  const from = (side: 'BUYER' | 'SUPPLIER', kind: MessageData['kind'] = 'TEXT') => ({
    kind,
    author: { displayName: 'x', side, member: null },
  })

  it('follows who wrote last, as the gateway does', () => {
    expect(statusAfterMessage('OPEN', from('SUPPLIER'))).toBe('AWAITING_BUYER')
    expect(statusAfterMessage('AWAITING_BUYER', from('BUYER'))).toBe('AWAITING_SUPPLIER')
    expect(statusAfterMessage('RESOLVED', from('BUYER'))).toBe('AWAITING_SUPPLIER')
    expect(statusAfterMessage('OPEN', from('BUYER'))).toBe('OPEN')
  })

  it('ignores automatic replies', () => {
    expect(statusAfterMessage('OPEN', from('SUPPLIER', 'AUTO_REPLY'))).toBe('OPEN')
  })
})

describe('resumeSequence', () => {
  it('resumes after the last message with nothing missing before it', () => {
    expect(resumeSequence([message(7), message(8), message(9)])).toBe(9)
  })

  it('does not skip a gap left by messages missed while a newer one of ours arrived over HTTP', () => {
    // 2–4 came from the other side while we were offline; 5 is ours, confirmed by the send.
    expect(resumeSequence([message(1), message(5)])).toBe(1)
  })

  it('starts from the beginning of an empty conversation', () => {
    expect(resumeSequence([])).toBe(0)
  })
})
