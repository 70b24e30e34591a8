import { describe, expect, it } from 'vitest'
import type { ConversationState, MessageData, PendingMessage } from '$lib/messages'
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
})
