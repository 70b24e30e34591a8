// How the team's handling controls read what was typed: the conversation page's control bar and
// the inbox's bulk actions share these, so "Shipping, gift " means the same labels in both.
import type { ConversationStatus } from '$lib/messages'

export const STATUSES: readonly ConversationStatus[] = ['OPEN', 'AWAITING_SUPPLIER', 'AWAITING_BUYER', 'RESOLVED']

export function isStatus(value: string): value is ConversationStatus {
  return (STATUSES as readonly string[]).includes(value)
}

/** "Shipping, gift ,, shipping" → ["shipping", "gift"]: trimmed, lower-cased, once each. */
export function parseLabels(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((l) => l.trim().toLowerCase())
        .filter(Boolean),
    ),
  ]
}

/** The changes updateConversations can make (beside which conversations). */
const CHANGES = ['assigneeId', 'status', 'addLabels', 'removeLabels'] as const

/** Whether the form asked for any change at all (an empty one changes nothing and sends nothing). */
export function asksForChange(input: Partial<Record<(typeof CHANGES)[number], unknown>>): boolean {
  return CHANGES.some((k) => input[k] !== undefined)
}
