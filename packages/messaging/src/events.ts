// What the messaging domain announces after a commit. Payloads are plain JSON (they cross
// Redis) and carry everything a subscriber needs, so delivering an event costs no query.
export type AuthorSide = 'BUYER' | 'SUPPLIER' | 'SYSTEM'

export type MessageDTO = {
  id: string
  conversationId: string
  sequence: number
  clientMessageId: string | null
  authorId: string | null
  authorSide: AuthorSide
  authorName: string
  /** The supplier member who wrote it, when a person on the supplier side did. */
  authorMemberId: string | null
  kind: 'TEXT' | 'AUTO_REPLY' | 'SYSTEM'
  body: string
  masked: boolean
  replyToId: string | null
  createdAt: string
  editedAt: string | null
  deletedAt: string | null
  reactions: { emoji: string; userIds: string[] }[]
  attachments: AttachmentDTO[]
}

/** An internal note (the supplier's team only), as it crosses Redis in the team's events. */
export type InternalNoteDTO = {
  id: string
  conversationId: string
  sequence: number
  body: string
  createdAt: string
  author: { memberId: string; userId: string; displayName: string }
}

export type AttachmentDTO = {
  id: string
  fileName: string
  contentType: string
  byteSize: number
  width: number | null
  height: number | null
}

export type ConversationEvent =
  | { type: 'MessageAdded'; conversationId: string; message: MessageDTO }
  | { type: 'MessageEdited'; conversationId: string; message: MessageDTO }
  | { type: 'MessageDeleted'; conversationId: string; message: MessageDTO }
  | { type: 'ReactionChanged'; conversationId: string; message: MessageDTO }
  | {
      type: 'ReadPositionChanged'
      conversationId: string
      userId: string
      side: AuthorSide
      displayName: string
      lastReadSequence: number
      at: string
      /** The reader hides their receipts from the other side. */
      hidden: boolean
    }
  | { type: 'TypingChanged'; conversationId: string; userId: string; side: AuthorSide; displayName: string; typing: boolean; at: string }
  | { type: 'PresenceChanged'; conversationId: string; side: AuthorSide; online: boolean; lastSeenAt: string | null }
  /** A teammate opened (or left) the conversation: the team's collision notice; the buyer's feed drops it. */
  | { type: 'ViewingChanged'; conversationId: string; userId: string; memberId: string; displayName: string; viewing: boolean; at: string; audience: 'team' }
  /** Always `audience: 'team'`: the buyer's feed drops it, and nothing else announces a note. */
  | { type: 'InternalNoteAdded'; conversationId: string; note: InternalNoteDTO; audience: 'team' }
  | {
      type: 'ConversationUpdated'
      conversationId: string
      fields: string[]
      /** 'team': only the supplier's team may hear of it (labels, assignee); the buyer's feed drops it. */
      audience?: 'team'
    }

export type InboxEvent = {
  type: 'NEW_CONVERSATION' | 'NEW_MESSAGE' | 'UPDATED' | 'READ'
  conversationId: string
  buyerId: string
  supplierId: string
  /** Who caused it, so a viewer's own actions can be told apart. */
  actorId: string | null
  /** 'team': published to the supplier's inbox only (a label or assignment is none of the buyer's business). */
  audience?: 'team'
}

export type MessagingEvent = { kind: 'conversation'; event: ConversationEvent } | { kind: 'inbox'; event: InboxEvent }

/** Called after commit; implemented by the gateway with the pub/sub transport. */
export type Publish = (event: MessagingEvent) => void
