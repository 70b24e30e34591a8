// The event types partners can subscribe to. A closed list: adding one is a deliberate API change,
// and subscriptions are validated against it.
export const WEBHOOK_EVENTS = [
  'message.created',
  'conversation.updated',
  'review.created',
  'review.updated',
  'review.responded',
  'question.created',
  'question.answered',
] as const

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]

export function isWebhookEvent(value: string): value is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly string[]).includes(value)
}

/**
 * The exact body that is signed and sent: `{ id, type, created_at, data }`, always in that order, so
 * the same delivery always produces the same bytes (and the same signature) on every retry.
 * `id` is the delivery id, which receivers use to drop duplicates.
 */
export function webhookBody(input: { id: string; event: WebhookEvent; createdAt: Date; data: unknown }): string {
  if (!isWebhookEvent(input.event)) throw new Error(`Unknown webhook event: ${String(input.event)}`)
  return JSON.stringify({
    id: input.id,
    type: input.event,
    created_at: input.createdAt.toISOString(),
    // JSON.stringify drops an undefined property; `data` is always present in the contract.
    data: input.data === undefined ? null : input.data,
  })
}
