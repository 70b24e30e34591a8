import { describe, expect, it } from 'vitest'
import type { MessageData, Side } from '$lib/messages'
import { firstUnreadSequence, isSeen } from './reading'

function message(sequence: number, side: Side, extra: Partial<MessageData> = {}): MessageData {
  return {
    id: `m${sequence}`,
    sequence,
    kind: side === 'SYSTEM' ? 'SYSTEM' : 'TEXT',
    body: `message ${sequence}`,
    createdAt: '2026-11-25T10:00:00.000Z',
    editedAt: null,
    deletedAt: null,
    isViewerAuthor: false,
    masked: false,
    clientMessageId: null,
    author: { displayName: side, side, member: null },
    reactions: [],
    replyTo: null,
    attachments: [],
    ...extra,
  }
}

describe('firstUnreadSequence', () => {
  const thread = [
    message(1, 'BUYER'),
    message(2, 'SUPPLIER'),
    message(3, 'BUYER'),
    message(4, 'SUPPLIER'),
    message(5, 'SUPPLIER', { deletedAt: '2026-11-25T11:00:00.000Z' }),
    message(6, 'SYSTEM'),
    message(7, 'BUYER'),
    message(8, 'SUPPLIER'),
  ]

  it('is nothing when nothing is unread', () => {
    expect(firstUnreadSequence(thread, 'BUYER', 0)).toBeNull()
  })

  it('counts back over the other side’s messages, skipping deleted ones and the viewer’s own', () => {
    expect(firstUnreadSequence(thread, 'BUYER', 1)).toBe(8)
    expect(firstUnreadSequence(thread, 'BUYER', 2)).toBe(6)
    expect(firstUnreadSequence(thread, 'BUYER', 3)).toBe(4)
  })

  it('starts at the page’s first message from the other side when more is unread than the page holds', () => {
    expect(firstUnreadSequence(thread, 'BUYER', 40)).toBe(2)
    expect(firstUnreadSequence(thread, 'SUPPLIER', 40)).toBe(1)
  })
})

describe('isSeen', () => {
  const screen = { height: 800 } as DOMRectReadOnly
  const entry = (ratio: number, height: number) => ({
    isIntersecting: ratio > 0,
    intersectionRatio: ratio,
    intersectionRect: { height } as DOMRectReadOnly,
    rootBounds: screen,
  })

  it('counts a message half on screen as seen, and one barely peeking in as not', () => {
    expect(isSeen(entry(0.5, 40))).toBe(true)
    expect(isSeen(entry(0.1, 8))).toBe(false)
    expect(isSeen(entry(0, 0))).toBe(false)
  })

  it('counts a message taller than the screen as seen once it fills half of it', () => {
    expect(isSeen(entry(0.3, 420))).toBe(true)
    expect(isSeen(entry(0.1, 160))).toBe(false)
  })
})
