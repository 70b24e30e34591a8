// Live conversation and inbox streams over graphql-ws.
//
// conversationEvents(conversationId, afterSequence) subscribes to the live topic FIRST, waits
// until the subscription is registered, then replays from the database every message after
// `afterSequence`, then streams live events — dropping messages already replayed and filling
// any gap pub/sub left (it delivers at most once) from the database. So a client that
// reconnects with its last sequence sees no gap and no duplicate, on any gateway process.
import { isStaff, membershipOf } from '@rapport/core'
import {
  loadConversation,
  messagesAfter,
  notesAfter,
  VIEWING,
  sideOf,
  TEAM_ONLY_FIELDS,
  totalUnreadConversations,
  type ConversationEvent,
  type InboxEvent,
  type MessageDTO,
} from '@rapport/messaging'
import type { Conversation } from '@rapport/db'
import type { Listening } from '@rapport/realtime'
import { GraphQLError } from 'graphql'
import { LRUCache } from 'lru-cache'
import { AsyncQueue } from '../../async-queue.ts'
import { topic } from '../../topics.ts'
import { suppliers } from '../catalog/supplier.ts'
import { builder } from '../../builder.ts'
import { viewerSpecific } from '../../schema/viewer-specific.ts'
import type { Context, SharedServices } from '../../context.ts'
import { decodeGlobalId } from '../../schema/ids.ts'
import { counterpartPresence, counterpartPresenceTopic } from '../presence/presence.ts'
import { InternalNoteRef } from './internal-notes.ts'
import { ConversationRef, conversations, MessageRef, ParticipantRef, ParticipantSideEnum, ReadPositionRef } from './types.ts'

type Ev =
  | { type: 'Subscribed'; conversationId: string; lastSequence: number; lastNoteSequence: number }
  | ConversationEvent

const MessageEventFields = (name: string, description: string) =>
  builder.objectRef<Extract<Ev, { message: MessageDTO }>>(name).implement({
    description,
    isTypeOf: (e) => (e as Ev).type === name,
    fields: (t) => ({ message: t.field({ type: MessageRef, resolve: (e) => e.message }) }),
  })
const MessageAdded = MessageEventFields('MessageAdded', 'A new message (live, or replayed after `afterSequence`).')
const MessageEdited = MessageEventFields('MessageEdited', 'A message was edited.')
const MessageDeleted = MessageEventFields('MessageDeleted', 'A message was unsent; it stays as a tombstone.')
const ReactionChanged = MessageEventFields('ReactionChanged', 'Reactions on a message changed.')

const Subscribed = builder.objectRef<Extract<Ev, { type: 'Subscribed' }>>('Subscribed').implement({
  description: 'Sent once, after the replay: the stream is live from here. Everything up to lastSequence has been delivered.',
  isTypeOf: (e) => (e as Ev).type === 'Subscribed',
  fields: (t) => ({
    lastSequence: t.exposeInt('lastSequence'),
    lastNoteSequence: t.exposeInt('lastNoteSequence', { description: 'Internal notes up to here have been delivered (the supplier’s team; always 0 for the buyer).' }),
  }),
})
const ViewingChanged = builder.objectRef<Extract<Ev, { type: 'ViewingChanged' }>>('ViewingChanged').implement({
  description: `A teammate opened or left the conversation (the team's collision notice; never sent to the buyer). Forget a viewer ${VIEWING.expiresSeconds} s after their last notice.`,
  isTypeOf: (e) => (e as Ev).type === 'ViewingChanged',
  fields: (t) => ({
    viewer: t.field({ type: ParticipantRef, resolve: (e) => ({ side: 'SUPPLIER' as const, displayName: e.displayName, memberId: e.memberId, userId: e.userId }) }),
    viewing: t.exposeBoolean('viewing'),
    at: t.field({ type: 'DateTime', resolve: (e) => new Date(e.at) }),
    expiresAt: t.field({ type: 'DateTime', description: 'When to stop showing them without a renewal.', resolve: (e) => new Date(new Date(e.at).getTime() + VIEWING.expiresSeconds * 1000) }),
  }),
})
const InternalNoteAdded = builder.objectRef<Extract<Ev, { type: 'InternalNoteAdded' }>>('InternalNoteAdded').implement({
  description: 'A teammate wrote an internal note (live, or replayed after `afterNoteSequence`). The supplier’s team only.',
  isTypeOf: (e) => (e as Ev).type === 'InternalNoteAdded',
  fields: (t) => ({ note: t.field({ type: InternalNoteRef, resolve: (e) => e.note }) }),
})
const ReadPositionChanged = builder.objectRef<Extract<Ev, { type: 'ReadPositionChanged' }>>('ReadPositionChanged').implement({
  isTypeOf: (e) => (e as Ev).type === 'ReadPositionChanged',
  fields: (t) => ({
    readPosition: t.field({
      type: ReadPositionRef,
      resolve: async (e, _args, ctx) => {
        let displayName = e.displayName
        // Outside the team, the supplier reads as one: which agent read is the team's business.
        if (e.side === 'SUPPLIER') {
          const c = await conversations.get(ctx, e.conversationId)
          if (!membershipOf(ctx.viewer, c.supplierId)) displayName = (await suppliers.get(ctx, c.supplierId)).name
        }
        return { userId: e.userId, side: e.side as 'BUYER' | 'SUPPLIER', displayName, lastReadSequence: e.lastReadSequence, updatedAt: new Date(e.at) }
      },
    }),
  }),
})
const TypingChanged = builder.objectRef<Extract<Ev, { type: 'TypingChanged' }>>('TypingChanged').implement({
  description: 'Someone on the other side started or stopped typing. Ephemeral; expires after a few seconds without renewal.',
  isTypeOf: (e) => (e as Ev).type === 'TypingChanged',
  fields: (t) => ({
    participant: t.field({ type: ParticipantRef, resolve: (e) => ({ side: e.side, displayName: e.displayName, memberId: null, userId: e.userId }) }),
    typing: t.exposeBoolean('typing'),
    at: t.field({ type: 'DateTime', resolve: (e) => new Date(e.at) }),
  }),
})
const PresenceChanged = builder.objectRef<Extract<Ev, { type: 'PresenceChanged' }>>('PresenceChanged').implement({
  description: 'The other side came online or went offline.',
  isTypeOf: (e) => (e as Ev).type === 'PresenceChanged',
  fields: (t) => ({
    side: t.expose('side', { type: ParticipantSideEnum }),
    online: t.exposeBoolean('online'),
    lastSeenAt: t.field({ type: 'DateTime', nullable: true, resolve: (e) => (e.lastSeenAt ? new Date(e.lastSeenAt) : null) }),
  }),
})
const ConversationUpdated = builder.objectRef<Extract<Ev, { type: 'ConversationUpdated' }>>('ConversationUpdated').implement({
  description: 'Status, assignee, labels or blocking changed.',
  isTypeOf: (e) => (e as Ev).type === 'ConversationUpdated',
  fields: (t) => ({
    fields: t.stringList({
      description: 'What changed. "labels" and "assignee" are team-only: members of the supplier see them, and no one else gets their events.',
      resolve: async (e, _args, ctx) => {
        if (!e.fields.some((f) => TEAM_ONLY_FIELDS.has(f))) return e.fields
        const c = await conversations.find(ctx, e.conversationId)
        return c && membershipOf(ctx.viewer, c.supplierId) ? e.fields : e.fields.filter((f) => !TEAM_ONLY_FIELDS.has(f))
      },
    }),
    conversation: t.field({ type: ConversationRef, resolve: (e, _args, ctx) => conversations.get(ctx, e.conversationId) }),
  }),
})

const ConversationEventUnion = builder.unionType('ConversationEvent', {
  types: [Subscribed, MessageAdded, MessageEdited, MessageDeleted, ReactionChanged, ReadPositionChanged, TypingChanged, PresenceChanged, ConversationUpdated, InternalNoteAdded, ViewingChanged],
  resolveType: (e) => (e as Ev).type,
})

type InboxPayload = (InboxEvent | { type: 'SUBSCRIBED' | 'RESYNC'; conversationId: null; actorId: null }) & { viewerUserId: string }
const InboxEventKindEnum = builder.enumType('InboxEventKind', {
  values: {
    SUBSCRIBED: { description: 'Sent once when the stream is live; `conversation` is null.' },
    RESYNC: {
      description:
        'Events may have been missed (the gateway’s event connection broke and is back): read the inbox again. `conversation` is null. Conversation streams catch up by themselves.',
    },
    NEW_CONVERSATION: {},
    NEW_MESSAGE: {},
    UPDATED: {},
    READ: {},
  } as const,
})
const InboxEventRef = builder.objectRef<InboxPayload>('InboxEvent').implement({
  description: 'Something changed in one of the viewer’s inboxes (as a buyer or on a team).',
  fields: (t) => ({
    kind: t.field({ type: InboxEventKindEnum, resolve: (e) => e.type }),
    conversation: t.field({
      type: ConversationRef,
      nullable: true,
      resolve: (e, _args, ctx) => (e.conversationId ? conversations.get(ctx, e.conversationId) : null),
    }),
    byViewer: t.boolean({ extensions: viewerSpecific, description: 'The viewer caused it (in another tab, say).', resolve: (e) => e.actorId === e.viewerUserId }),
    unreadCount: t.int({ extensions: viewerSpecific, description: 'The viewer’s conversations with unread messages, after this event.', resolve: (_e, _args, ctx) => totalUnreadConversations(ctx.db, ctx.viewer) }),
  }),
})

const PRESENCE_CHECK = Symbol('presence check')
/** Events may have been lost (pub/sub reconnected): read the database after the last delivered. */
const CATCH_UP = Symbol('catch up')

type ConversationKeys = Readonly<Pick<Conversation, 'id' | 'buyerId' | 'supplierId'>>
// What a feed needs of its conversation never changes, so every feed of one conversation
// shares one record (and its three id strings) instead of holding copies.
const conversationKeys = new LRUCache<string, ConversationKeys>({ max: 10_000 })
function keysOf(c: Conversation): ConversationKeys {
  let keys = conversationKeys.get(c.id)
  if (!keys) conversationKeys.set(c.id, (keys = Object.freeze({ id: c.id, buyerId: c.buyerId, supplierId: c.supplierId })))
  return keys
}
type Live = ConversationEvent | typeof PRESENCE_CHECK | typeof CATCH_UP

/**
 * One conversationEvents subscription: a single queue that the pub/sub dispatcher pushes
 * into. Live events go straight through (synchronously) unless async work is under way —
 * the replay, a gap fill, a presence lookup — and then wait their turn in `backlog`, so order
 * holds. A class, not closures: an idle subscription should hold a few fields, not a dozen
 * functions. It holds the gateway's shared services and the viewer, not the operation's
 * context (whose per-request caches would then live as long as the subscription).
 */
class ConversationFeed extends AsyncQueue<Ev> {
  private last = 0
  /** The team's feed: the last internal note delivered (the buyer's feed never carries one). */
  private lastNote = 0
  private busy = true // the replay comes first
  private backlog: Live[] | null = null

  /** Only what the feed reads: the whole row would stay in memory for as long as the subscription. */
  private readonly conversation: ConversationKeys
  private readonly services: SharedServices
  private readonly viewer: NonNullable<Context['viewer']>
  private readonly requestId: string
  /** Its registrations on the conversation's topic and the counterpart's presence topic. */
  private live: Listening | null = null
  private presenceLive: Listening | null = null

  constructor(
    ctx: Context,
    conversation: Conversation,
    private readonly side: 'BUYER' | 'SUPPLIER',
  ) {
    super()
    this.services = ctx.services
    this.viewer = ctx.viewer!
    this.requestId = ctx.requestId
    this.conversation = keysOf(conversation)
  }

  /**
   * Listens from now on (the dispatcher registers at once, so nothing published after this is
   * missed). Shared methods as listeners: an idle feed holds two records, no closures.
   */
  listen(pubsub: Context['pubsub'], presenceTopic: ReturnType<typeof topic.userPresence | typeof topic.teamPresence>) {
    this.live = pubsub.attach(topic.conversation(this.conversation.id), ConversationFeed.prototype.onConversationEvent, this)
    if (!this.done) this.presenceLive = pubsub.attach(presenceTopic, ConversationFeed.prototype.onPresence, this)
  }

  private onConversationEvent(e: ConversationEvent) {
    // Not the viewer's own typing or viewing; not other people's reads on the other side when they hide them.
    if ((e.type === 'TypingChanged' || e.type === 'ViewingChanged') && e.userId === this.viewer.userId) return
    if (e.type === 'ReadPositionChanged' && e.hidden && e.side !== this.side) return
    // Internal notes, labels and assignment are the team's business: the buyer hears of none of them.
    if ('audience' in e && e.audience === 'team' && this.side === 'BUYER') return
    this.accept(e)
  }

  private onPresence() {
    this.accept(PRESENCE_CHECK)
  }

  /**
   * Called by the pub/sub dispatcher when its connection came back: events published while it
   * was away are gone, so the feed reads what it missed from the database (in order, like a gap
   * fill) and checks presence again. A message sent during the blip arrives now, not when (or
   * if) a later one shows the gap.
   */
  resync() {
    this.accept(CATCH_UP)
  }

  override end() {
    if (this.done) return
    super.end()
    this.release()
  }

  override fail(error: unknown) {
    if (this.done) return
    super.fail(error)
    this.release()
  }

  private release() {
    this.live?.close()
    this.presenceLive?.close()
  }

  /** Each live event (typing and hidden reads already filtered), in order. */
  private accept(e: Live) {
    if (this.done) return
    if (this.busy) (this.backlog ??= []).push(e)
    else this.step(e)
  }

  /** Replays after `afterSequence` (and the team's notes after `afterNoteSequence`), sends Subscribed, then lets live events through. */
  start(afterSequence: number | null | undefined, afterNoteSequence: number | null | undefined) {
    this.wait(this.replay(afterSequence, this.side === 'SUPPLIER' ? afterNoteSequence : 0))
  }

  private async replay(afterSequence: number | null | undefined, afterNoteSequence: number | null | undefined) {
    const { services, conversation } = this
    const now = await services.db.conversation.findUniqueOrThrow({ where: { id: conversation.id }, select: { lastSequence: true, lastNoteSequence: true } })
    this.last = afterSequence ?? now.lastSequence
    this.lastNote = this.side === 'SUPPLIER' ? (afterNoteSequence ?? now.lastNoteSequence) : 0
    if (afterSequence != null) await this.pushFromDatabase(afterSequence, Infinity)
    if (this.side === 'SUPPLIER' && afterNoteSequence != null) await this.pushNotesFromDatabase(afterNoteSequence, Infinity)
    this.push({ type: 'Subscribed', conversationId: conversation.id, lastSequence: this.last, lastNoteSequence: this.lastNote })
  }

  private step(e: Live) {
    if (e === PRESENCE_CHECK) return this.wait(this.presence())
    if (e === CATCH_UP) return this.wait(this.catchUp())
    if (e.type === 'MessageAdded') {
      const seq = e.message.sequence
      if (seq <= this.last) return // already replayed
      if (seq > this.last + 1) return this.wait(this.fillGap(e)) // pub/sub dropped something: the database has it
      this.last = seq
    }
    if (e.type === 'InternalNoteAdded') {
      const seq = e.note.sequence
      if (seq <= this.lastNote) return
      if (seq > this.lastNote + 1) return this.wait(this.fillNoteGap(e))
      this.lastNote = seq
    }
    this.push(e)
  }

  private async fillNoteGap(e: Extract<ConversationEvent, { type: 'InternalNoteAdded' }>) {
    await this.pushNotesFromDatabase(this.lastNote, e.note.sequence)
    this.lastNote = e.note.sequence
    this.push(e)
  }

  private async pushNotesFromDatabase(after: number, before: number) {
    for await (const note of notesAfter(this.services.db, this.conversation.id, after)) {
      if (note.sequence >= before || this.done) break
      this.push({ type: 'InternalNoteAdded', conversationId: this.conversation.id, note, audience: 'team' })
      this.lastNote = note.sequence
    }
  }

  private async fillGap(e: Extract<ConversationEvent, { type: 'MessageAdded' }>) {
    await this.pushFromDatabase(this.last, e.message.sequence)
    this.last = e.message.sequence
    this.push(e)
  }

  private async pushFromDatabase(after: number, before: number) {
    for await (const m of messagesAfter(this.services.db, this.conversation.id, after)) {
      if (m.sequence >= before || this.done) break
      this.push({ type: 'MessageAdded', conversationId: this.conversation.id, message: m })
      this.last = m.sequence
    }
  }

  private async catchUp() {
    await this.pushFromDatabase(this.last, Infinity)
    if (this.side === 'SUPPLIER') await this.pushNotesFromDatabase(this.lastNote, Infinity)
    await this.presence()
  }

  private async presence() {
    const { db, presence } = this.services
    const p = await counterpartPresence({ db, presence }, this.viewer, this.conversation)
    this.push({ type: 'PresenceChanged', conversationId: this.conversation.id, side: this.side === 'BUYER' ? 'SUPPLIER' : 'BUYER', online: p.online, lastSeenAt: p.lastSeenAt?.toISOString() ?? null })
  }

  /** Holds live events back until `work` is done, then lets them through in order. */
  private wait(work: Promise<void>) {
    this.busy = true
    work.then(
      () => {
        this.busy = false
        while (!this.busy && !this.done && this.backlog?.length) this.step(this.backlog.shift()!)
        if (!this.busy) this.backlog = null
      },
      (err: unknown) => {
        // Not end(): that completes the stream, and a client takes `complete` to mean it has
        // everything. A failure reaches the client as one (an outage closes the socket with
        // 1013, see ws-server.ts), and it resubscribes from its last sequence.
        this.services.logger.warn({ err, requestId: this.requestId }, 'conversation stream failed')
        this.fail(err)
      },
    )
  }
}

async function conversationStream(ctx: Context, conversation: Conversation, after: { sequence?: number | null; noteSequence?: number | null }): Promise<AsyncIterableIterator<Ev>> {
  const viewer = ctx.viewer!
  const side = sideOf(viewer, conversation)!
  const feed = new ConversationFeed(ctx, conversation, side)
  // graphql-ws calls return() when the client stops or disconnects, which ends the feed and
  // with it these listeners; if setting up fails, they end here.
  try {
    // One presence topic per subscription: the supplier's team as a whole, or the buyer.
    const presenceTopic = await counterpartPresenceTopic(ctx, viewer, conversation)
    // Listen before the replay reads the database, so nothing published from here on is missed.
    feed.listen(ctx.pubsub, presenceTopic)
    await ctx.pubsub.settled()
  } catch (e) {
    feed.end()
    throw e
  }
  feed.start(after.sequence, after.noteSequence)
  return feed
}

/**
 * One inboxEvents subscription. Inbox events carry no sequence to resume from, so after a
 * pub/sub reconnect (resync) the feed says RESYNC and the client reads its inbox again.
 */
class InboxFeed extends AsyncQueue<InboxPayload> {
  constructor(private readonly userId: string) {
    super()
  }

  listen(pubsub: Context['pubsub'], topics: readonly ReturnType<typeof topic.buyerInbox | typeof topic.supplierInbox>[]) {
    for (const t of topics) {
      const live = pubsub.attach(t, InboxFeed.prototype.onInboxEvent, this)
      this.onEnd(() => live.close())
    }
  }

  private onInboxEvent(e: InboxEvent) {
    this.push({ ...e, viewerUserId: this.userId })
  }

  resync() {
    this.push({ type: 'RESYNC', conversationId: null, actorId: null, viewerUserId: this.userId })
  }
}

async function inboxStream(ctx: Context): Promise<AsyncIterableIterator<InboxPayload>> {
  const viewer = ctx.viewer!
  const feed = new InboxFeed(viewer.userId)
  feed.listen(ctx.pubsub, [...(viewer.buyerId ? [topic.buyerInbox(viewer.buyerId)] : []), ...viewer.memberships.map((m) => topic.supplierInbox(m.supplierId))])
  try {
    await ctx.pubsub.settled()
  } catch (e) {
    feed.end()
    throw e
  }
  feed.push({ type: 'SUBSCRIBED', conversationId: null, actorId: null, viewerUserId: viewer.userId })
  return feed
}

/**
 * A cursor the conversation never reached cannot be a client's last message: accepting it
 * silently skipped every message up to it. Sequences only grow, so anything past the last one
 * read here is a mistake (a cursor from another conversation, say), not a race.
 */
function checkAfterSequence(afterSequence: number | null | undefined, lastSequence: number, argumentName: string) {
  if (afterSequence == null) return
  if (afterSequence < 0 || afterSequence > lastSequence)
    throw new GraphQLError(`${argumentName} must be between 0 and the conversation's last sequence (${lastSequence}); it was ${afterSequence}.`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName, lastSequence },
    })
}

builder.subscriptionType({})
builder.subscriptionFields((t) => ({
  conversationEvents: t.field({
    type: ConversationEventUnion,
    description: 'Replays messages after `afterSequence` from the database, sends `Subscribed`, then streams live events in order.',
    authScopes: { signedIn: true },
    args: {
      conversationId: t.arg.id({ required: true }),
      afterSequence: t.arg.int({ description: 'The last sequence the client has; omit to start live from now.' }),
      afterNoteSequence: t.arg.int({ description: 'The supplier’s team: the last internal note’s sequence the client has; omit to start notes live from now.' }),
    },
    subscribe: async (_root, args, ctx) => {
      const { conversation, side } = await loadConversation(ctx.db, ctx.viewer, decodeGlobalId(args.conversationId, 'Conversation', 'conversationId'))
      checkAfterSequence(args.afterSequence, conversation.lastSequence, 'afterSequence')
      // The buyer's feed has no notes: their cursor is ignored, and how many there are is not told.
      if (side === 'SUPPLIER') checkAfterSequence(args.afterNoteSequence, conversation.lastNoteSequence, 'afterNoteSequence')
      return conversationStream(ctx, conversation, { sequence: args.afterSequence, noteSequence: args.afterNoteSequence })
    },
    resolve: (e) => e,
  }),
  inboxEvents: t.field({
    type: InboxEventRef,
    description: 'The viewer’s inboxes: new conversations, new messages, assignment and status changes, reads.',
    authScopes: { signedIn: true },
    subscribe: (_root, _args, ctx) => inboxStream(ctx),
    resolve: (e) => e,
  }),
}))

export { isStaff }
