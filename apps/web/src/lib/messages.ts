/* Conversation data as pages hold it, and the pure rules for keeping it in order. */

export type Side = 'BUYER' | 'SUPPLIER' | 'SYSTEM'
export type ConversationStatus = 'OPEN' | 'AWAITING_SUPPLIER' | 'AWAITING_BUYER' | 'RESOLVED'

export type MessageData = {
  id: string
  sequence: number
  kind: 'TEXT' | 'AUTO_REPLY' | 'SYSTEM'
  body: string | null
  createdAt: string
  editedAt: string | null
  deletedAt: string | null
  isViewerAuthor: boolean
  masked: boolean
  clientMessageId: string | null
  author: { displayName: string; side: Side; member: { id: string } | null }
  reactions: Array<{ emoji: string; count: number; reactedByViewer: boolean }>
  replyTo: {
    id: string
    sequence: number
    body: string | null
    deletedAt: string | null
    author: { displayName: string }
  } | null
  attachments: Array<{ id: string; fileName: string; contentType: string; byteSize: number; url: string }>
}

export type ReadPosition = { side: Side; displayName: string; lastReadSequence: number; readAt: string }

export type ConversationState = {
  id: string
  status: ConversationStatus
  labels: string[]
  resolvedAt: string | null
  buyerConfirmedAt: string | null
  expectedReplyBy: string | null
  lastSequence: number
  assignee: { id: string; displayName: string } | null
}

/** A message the viewer sent that the server hasn't confirmed yet. */
export type PendingMessage = {
  clientMessageId: string
  body: string
  replyToId: string | null
  createdAt: string
  /** sending: on its way; retrying: the network failed, it goes again with the same id; failed: refused. */
  state: 'sending' | 'retrying' | 'failed'
  error: string | null
  /** Files to send with it; uploaded first, once (their ids are kept for retries). */
  files?: File[]
  attachmentIds?: string[]
}

export const REACTIONS = ['👍', '❤️', '😂', '😮', '🙏', '🎉', '✅', '👀'] as const

/**
 * Merges messages into a list ordered by sequence, without duplicates: a message with a
 * sequence already present replaces it (an edit, a reaction, an unsend), whatever the order in
 * which replays, live events and refreshed pages arrive.
 */
export function mergeMessages(current: readonly MessageData[], incoming: readonly MessageData[]): MessageData[] {
  if (incoming.length === 0) return current as MessageData[]
  const bySequence = new Map<number, MessageData>()
  for (const m of current) bySequence.set(m.sequence, m)
  for (const m of incoming) bySequence.set(m.sequence, m)
  return [...bySequence.values()].sort((a, b) => a.sequence - b.sequence)
}

/**
 * Where to resume the live stream: the last sequence up to which nothing is missing. Not simply
 * the highest one shown — a message the viewer just sent over HTTP (after being offline, say) can
 * be ahead of others that were missed, and resuming after it would skip them.
 */
export function resumeSequence(messages: readonly MessageData[]): number {
  const first = messages[0]
  if (!first) return 0
  let last = first.sequence
  for (const m of messages.slice(1)) {
    if (m.sequence !== last + 1) break
    last = m.sequence
  }
  return last
}

/** The pending messages the server has now confirmed (same clientMessageId, sent by the viewer) drop out. */
export function settlePending(pending: readonly PendingMessage[], confirmed: readonly MessageData[]): PendingMessage[] {
  const ids = new Set(confirmed.filter((m) => m.isViewerAuthor && m.clientMessageId).map((m) => m.clientMessageId))
  return pending.filter((p) => !ids.has(p.clientMessageId))
}

export const EDIT_WINDOW_MS = 15 * 60_000
export const UNSEND_WINDOW_MS = 24 * 60 * 60_000

export function canEdit(m: MessageData, now: Date): boolean {
  return (
    m.isViewerAuthor && m.kind === 'TEXT' && !m.deletedAt && now.getTime() - Date.parse(m.createdAt) < EDIT_WINDOW_MS
  )
}

export function canUnsend(m: MessageData, now: Date): boolean {
  return (
    m.isViewerAuthor && m.kind === 'TEXT' && !m.deletedAt && now.getTime() - Date.parse(m.createdAt) < UNSEND_WINDOW_MS
  )
}

/**
 * "Seen by Ana" goes under the viewer's side's latest message the other side has read. Returns
 * that message's sequence and who read it, or null.
 */
export function readReceipt(
  messages: readonly MessageData[],
  positions: readonly ReadPosition[],
  viewerSide: Side,
): { sequence: number; readers: ReadPosition[] } | null {
  const others = positions.filter((p) => p.side !== viewerSide && p.side !== 'SYSTEM')
  if (others.length === 0) return null
  const furthest = Math.max(...others.map((p) => p.lastReadSequence))
  const ours = messages.filter((m) => m.author.side === viewerSide && m.kind === 'TEXT' && m.sequence <= furthest)
  const last = ours.at(-1)
  if (!last) return null
  return { sequence: last.sequence, readers: others.filter((p) => p.lastReadSequence >= last.sequence) }
}

/** Upserts a read position (one per side and person). */
export function mergeReadPosition(positions: readonly ReadPosition[], next: ReadPosition): ReadPosition[] {
  const rest = positions.filter((p) => !(p.side === next.side && p.displayName === next.displayName))
  return [...rest, next]
}

/** A client-side id for a message, 8–64 of [A-Za-z0-9_-] as the gateway asks (no secure context needed). */
export function newClientMessageId(): string {
  const bytes = new Uint8Array(16)
  crypto.getRandomValues(bytes)
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`
}

/**
 * The status a new person-written message leaves a conversation in (mirrors the gateway's rule:
 * the supplier side answering → AWAITING_BUYER; the buyer writing → AWAITING_SUPPLIER, except
 * that a conversation nobody has answered yet stays OPEN). The gateway doesn't publish a
 * ConversationUpdated for these changes, so live pages apply the rule themselves.
 */
export function statusAfterMessage(
  current: ConversationStatus,
  m: Pick<MessageData, 'kind' | 'author'>,
): ConversationStatus {
  if (m.kind !== 'TEXT') return current
  if (m.author.side === 'SUPPLIER') return 'AWAITING_BUYER'
  if (m.author.side === 'BUYER') return current === 'OPEN' ? 'OPEN' : 'AWAITING_SUPPLIER'
  return current
}

export const STATUS_LABELS: Record<ConversationStatus, { buyer: string; supplier: string }> = {
  OPEN: { buyer: 'Waiting for a reply', supplier: 'New' },
  AWAITING_SUPPLIER: { buyer: 'Waiting for a reply', supplier: 'Needs reply' },
  AWAITING_BUYER: { buyer: 'Answered', supplier: 'Waiting for buyer' },
  RESOLVED: { buyer: 'Resolved', supplier: 'Resolved' },
}

/** How an order's status reads beside its number ("R-10038 · Delivered"). */
export const ORDER_STATUS_LABELS: Record<string, string> = {
  PLACED: 'Placed',
  SHIPPED: 'Shipped',
  DELIVERED: 'Delivered',
  CANCELLED: 'Cancelled',
}
