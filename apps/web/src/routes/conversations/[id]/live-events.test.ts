import { describe, expect, it } from 'vitest'
import type { ConversationState, MessageData, PendingMessage } from '$lib/messages'
import { TEAMMATE_TYPING_MS, collisionText } from './collision'
import { reduceLiveEvent, type LiveState } from './live-events'

const conv: ConversationState = {
  id: 'c1',
  status: 'RESOLVED',
  labels: [],
  resolvedAt: '2026-11-25T09:00:00.000Z',
  buyerConfirmedAt: '2026-11-25T09:00:00.000Z',
  expectedReplyBy: null,
  lastSequence: 1,
  assignee: null,
}

function message(sequence: number, side: 'BUYER' | 'SUPPLIER', extra: Partial<MessageData> = {}): MessageData {
  return {
    id: `m${sequence}`,
    sequence,
    kind: 'TEXT',
    body: `message ${sequence}`,
    createdAt: '2026-11-25T10:00:00.000Z',
    editedAt: null,
    deletedAt: null,
    isViewerAuthor: side === 'BUYER',
    masked: false,
    clientMessageId: side === 'BUYER' ? `client-${sequence}` : null,
    author: { displayName: side, side, member: null },
    reactions: [],
    replyTo: null,
    attachments: [],
    ...extra,
  }
}

const state: LiveState = {
  messages: [message(1, 'BUYER')],
  notes: [],
  pending: [{ clientMessageId: 'client-2', state: 'sending' } as PendingMessage],
  conv,
  readPositions: [],
  presence: { online: false, lastSeenAt: null },
  teammates: [],
}

describe('reduceLiveEvent', () => {
  it('adds the viewer’s own message once, settles it from the pending list and reopens a resolved conversation', () => {
    const out = reduceLiveEvent(state, { __typename: 'MessageAdded', message: message(2, 'BUYER') }, 'BUYER')
    expect(out.state.messages.map((m) => m.sequence)).toEqual([1, 2])
    expect(out.state.pending).toEqual([])
    expect(out.state.conv).toMatchObject({ status: 'AWAITING_SUPPLIER', resolvedAt: null, buyerConfirmedAt: null })
    expect(out.typing).toBeUndefined()
  })

  it('ends the other side’s typing when their message arrives, and waits for the buyer after a supplier reply', () => {
    const open = {
      ...state,
      conv: { ...conv, status: 'AWAITING_SUPPLIER' as const, expectedReplyBy: '2026-11-26T09:00:00.000Z' },
    }
    const out = reduceLiveEvent(open, { __typename: 'MessageAdded', message: message(2, 'SUPPLIER') }, 'BUYER')
    expect(out.typing).toBeNull()
    expect(out.state.conv).toMatchObject({ status: 'AWAITING_BUYER', expectedReplyBy: null })
  })

  it('replaces an edited message in place without changing the status', () => {
    const edited = message(1, 'BUYER', { body: 'edited', editedAt: '2026-11-25T10:05:00.000Z' })
    const out = reduceLiveEvent(state, { __typename: 'MessageEdited', message: edited }, 'BUYER')
    expect(out.state.messages).toEqual([edited])
    expect(out.state.conv).toBe(conv)
  })

  it('shows only the other side’s typing and presence', () => {
    const typing = (side: 'BUYER' | 'SUPPLIER', on: boolean) =>
      reduceLiveEvent(
        state,
        { __typename: 'TypingChanged', typing: on, at: '', participant: { displayName: 'Tiago', side } },
        'BUYER',
      ).typing
    expect(typing('SUPPLIER', true)).toBe('Tiago')
    expect(typing('SUPPLIER', false)).toBeNull()
    expect(typing('BUYER', true)).toBeUndefined()
    const presence = (side: 'BUYER' | 'SUPPLIER') =>
      reduceLiveEvent(state, { __typename: 'PresenceChanged', side, online: true, lastSeenAt: null }, 'BUYER').state
        .presence
    expect(presence('SUPPLIER')).toEqual({ online: true, lastSeenAt: null })
    expect(presence('BUYER')).toEqual({ online: false, lastSeenAt: null })
  })

  it('asks for the page again when blocking changed, and not for other updates', () => {
    const update = (fields: string[]) =>
      reduceLiveEvent(
        state,
        { __typename: 'ConversationUpdated', fields, conversation: { ...conv, labels: ['x'] } },
        'BUYER',
      )
    expect(update(['blocked']).reload).toBe(true)
    expect(update(['labels']).reload).toBe(false)
    expect(update(['labels']).state.conv.labels).toEqual(['x'])
  })

  it('adds a teammate’s internal note once for the team, and never for the buyer', () => {
    const note = {
      id: 'n1',
      sequence: 1,
      body: 'Check stock first',
      createdAt: '2026-11-25T10:01:00.000Z',
      authorName: 'Tiago',
      author: { id: 't' },
    }
    const event = { __typename: 'InternalNoteAdded' as const, note }
    const team = reduceLiveEvent(state, event, 'SUPPLIER').state
    expect(team.notes).toEqual([note])
    expect(reduceLiveEvent(team, event, 'SUPPLIER').state.notes).toEqual([note])
    expect(reduceLiveEvent(state, event, 'BUYER').state.notes).toEqual([])
  })

  describe('the team’s collision notice', () => {
    const NOW = Date.parse('2026-11-25T10:00:00.000Z')
    const viewing = (name: string, on: boolean, expiresAt = '2026-11-25T10:00:45.000Z') => ({
      __typename: 'ViewingChanged' as const,
      viewing: on,
      at: '2026-11-25T10:00:00.000Z',
      expiresAt,
      viewer: { displayName: name, side: 'SUPPLIER' as const },
    })
    const typing = (name: string, on: boolean) => ({
      __typename: 'TypingChanged' as const,
      typing: on,
      at: '2026-11-25T10:00:00.000Z',
      participant: { displayName: name, side: 'SUPPLIER' as const },
    })

    it('shows a teammate viewing until their expiry, and forgets them when they leave', () => {
      const open = reduceLiveEvent(state, viewing('Ana', true), 'SUPPLIER', NOW)
      expect(open.state.teammates).toEqual([{ name: 'Ana', viewingUntil: NOW + 45_000, typingUntil: null }])
      expect(collisionText(open.state.teammates, NOW)).toBe('Ana is viewing')
      expect(collisionText(open.state.teammates, NOW + 45_000)).toBeNull()
      expect(open.typing).toBeUndefined()
      const left = reduceLiveEvent(open.state, viewing('Ana', false), 'SUPPLIER', NOW + 1_000)
      expect(left.state.teammates).toEqual([])
    })

    it('shows a teammate’s typing in the notice, not in the other side’s typing indicator', () => {
      const out = reduceLiveEvent(state, typing('Ana', true), 'SUPPLIER', NOW)
      expect(out.typing).toBeUndefined()
      expect(collisionText(out.state.teammates, NOW)).toBe('Ana is typing…')
      expect(collisionText(out.state.teammates, NOW + TEAMMATE_TYPING_MS)).toBeNull()
      expect(reduceLiveEvent(out.state, typing('Ana', false), 'SUPPLIER', NOW).state.teammates).toEqual([])
    })

    it('names typists once and viewers together, and their message ends their typing', () => {
      let s = reduceLiveEvent(state, viewing('Ana', true), 'SUPPLIER', NOW).state
      s = reduceLiveEvent(s, viewing('Bo', true), 'SUPPLIER', NOW).state
      expect(collisionText(s.teammates, NOW)).toBe('Ana and Bo are viewing')
      s = reduceLiveEvent(s, typing('Ana', true), 'SUPPLIER', NOW).state
      expect(collisionText(s.teammates, NOW)).toBe('Ana is typing… · Bo is viewing')
      const sent = message(2, 'SUPPLIER', { author: { displayName: 'Ana', side: 'SUPPLIER', member: null } })
      s = reduceLiveEvent(s, { __typename: 'MessageAdded', message: sent }, 'SUPPLIER', NOW + 1_000).state
      expect(collisionText(s.teammates, NOW + 1_000)).toBe('Ana and Bo are viewing')
    })

    it('leaves the buyer’s page exactly as it was', () => {
      expect(reduceLiveEvent(state, viewing('Ana', true), 'BUYER', NOW).state).toBe(state)
      const buyerTyping = { ...typing('Maya', true), participant: { displayName: 'Maya', side: 'BUYER' as const } }
      const out = reduceLiveEvent(state, buyerTyping, 'BUYER', NOW)
      expect(out.state).toBe(state)
      expect(out.typing).toBeUndefined()
    })
  })
})
