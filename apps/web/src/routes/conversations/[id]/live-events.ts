// The conversation's live feed, as a reducer: what each event does to what the page shows. The
// page applies the result and does the rest (scrolling, timers, reloading its data).
import {
  mergeMessages,
  mergeReadPosition,
  settlePending,
  statusAfterMessage,
  type ConversationState,
  type MessageData,
  type PendingMessage,
  type ReadPosition,
  type Side,
} from '$lib/messages'
import { TEAMMATE_TYPING_MS, withTeammate, type Teammate } from './collision'
import { mergeNotes, type InternalNote } from './internal-notes'

export type LiveEvent =
  | { __typename: 'Subscribed'; lastSequence: number }
  | { __typename: 'InternalNoteAdded'; note: InternalNote }
  | { __typename: 'MessageAdded' | 'MessageEdited' | 'MessageDeleted' | 'ReactionChanged'; message: MessageData }
  | { __typename: 'ReadPositionChanged'; readPosition: ReadPosition }
  | { __typename: 'TypingChanged'; typing: boolean; at: string; participant: { displayName: string; side: Side } }
  | { __typename: 'PresenceChanged'; side: Side; online: boolean; lastSeenAt: string | null }
  | { __typename: 'ConversationUpdated'; fields: string[]; conversation: ConversationState }
  | {
      __typename: 'ViewingChanged'
      viewing: boolean
      at: string
      expiresAt: string
      viewer: { displayName: string; side: Side }
    }

export type Presence = { online: boolean; lastSeenAt: string | null }

export type LiveState = {
  messages: MessageData[]
  /** The team's internal notes (always empty on the buyer's page). */
  notes: InternalNote[]
  pending: PendingMessage[]
  conv: ConversationState
  readPositions: ReadPosition[]
  presence: Presence
  /** Teammates here too, for the team's collision notice (always empty on the buyer's page). */
  teammates: Teammate[]
}

export type LiveOutcome = {
  state: LiveState
  /** The other side's typing indicator: a name to show, null to hide it, undefined to leave it. */
  typing?: string | null
  /** Something changed that the page's data must be fetched again for (blocking changes the composer). */
  reload: boolean
}

/** The fields of a conversation the live state keeps (the page's data has many more). */
export function pickConversation(c: ConversationState): ConversationState {
  return {
    id: c.id,
    status: c.status,
    labels: c.labels,
    resolvedAt: c.resolvedAt,
    buyerConfirmedAt: c.buyerConfirmedAt,
    expectedReplyBy: c.expectedReplyBy,
    lastSequence: c.lastSequence,
    assignee: c.assignee,
  }
}

/** What a teammate's typing or viewing does to the team's collision notice (the buyer's page has none). */
function reduceTeammate(state: LiveState, event: LiveEvent, viewerSide: Side, now: number): LiveOutcome {
  if (viewerSide !== 'SUPPLIER') return { state, reload: false }
  let teammates = state.teammates
  if (event.__typename === 'TypingChanged') {
    const typingUntil = event.typing ? now + TEAMMATE_TYPING_MS : null
    teammates = withTeammate(teammates, event.participant.displayName, { typingUntil }, now)
  } else if (event.__typename === 'ViewingChanged') {
    // Leaving ends their typing too: nothing of theirs is left to show.
    const change = event.viewing
      ? { viewingUntil: Date.parse(event.expiresAt) }
      : { viewingUntil: null, typingUntil: null }
    teammates = withTeammate(teammates, event.viewer.displayName, change, now)
  } else if (event.__typename === 'MessageAdded' && state.teammates.length > 0) {
    // Their message ends their typing, as the other side's does.
    teammates = withTeammate(teammates, event.message.author.displayName, { typingUntil: null }, now)
  }
  return { state: { ...state, teammates }, reload: false }
}

/** `now` (epoch ms) times teammates' typing, which carries no expiry of its own. */
export function reduceLiveEvent(state: LiveState, event: LiveEvent, viewerSide: Side, now = Date.now()): LiveOutcome {
  switch (event.__typename) {
    case 'MessageAdded':
    case 'MessageEdited':
    case 'MessageDeleted':
    case 'ReactionChanged': {
      const next: LiveState = {
        ...state,
        messages: mergeMessages(state.messages, [event.message]),
        pending: settlePending(state.pending, [event.message]),
      }
      if (event.__typename !== 'MessageAdded') return { state: next, reload: false }
      if (event.message.author.side === viewerSide) next.teammates = reduceTeammate(state, event, viewerSide, now).state.teammates
      // The status follows who wrote last, as the gateway sets it; a new message reopens a resolved one.
      const status = statusAfterMessage(state.conv.status, event.message)
      if (status !== state.conv.status) {
        next.conv = {
          ...state.conv,
          status,
          ...(status === 'AWAITING_BUYER' ? { expectedReplyBy: null } : {}),
          ...(state.conv.status === 'RESOLVED' ? { resolvedAt: null, buyerConfirmedAt: null } : {}),
        }
      }
      // Their message ends their typing.
      return { state: next, reload: false, ...(event.message.author.side !== viewerSide ? { typing: null } : {}) }
    }
    case 'ReadPositionChanged':
      return {
        state: { ...state, readPositions: mergeReadPosition(state.readPositions, event.readPosition) },
        reload: false,
      }
    case 'TypingChanged':
      // A teammate typing goes to the team's collision notice, never to the other side's indicator.
      if (event.participant.side === viewerSide) return reduceTeammate(state, event, viewerSide, now)
      return { state, reload: false, typing: event.typing ? event.participant.displayName : null }
    case 'PresenceChanged':
      if (event.side === viewerSide) return { state, reload: false }
      return { state: { ...state, presence: { online: event.online, lastSeenAt: event.lastSeenAt } }, reload: false }
    case 'ConversationUpdated':
      return {
        state: { ...state, conv: pickConversation(event.conversation) },
        reload: event.fields.includes('blocked'),
      }
    case 'InternalNoteAdded':
      // The gateway sends notes to the team only; a buyer's page would never show one regardless.
      if (viewerSide !== 'SUPPLIER') return { state, reload: false }
      return { state: { ...state, notes: mergeNotes(state.notes, [event.note]) }, reload: false }
    case 'ViewingChanged':
      return reduceTeammate(state, event, viewerSide, now)
    case 'Subscribed':
      return { state, reload: false }
    default:
      // An event this page does not show (one the gateway added since): the stream goes on.
      return { state, reload: false }
  }
}
