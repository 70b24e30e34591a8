import { describe, expect, it } from 'vitest'
import { isWebhookEvent, WEBHOOK_EVENTS, webhookBody } from './events.ts'

describe('webhookBody', () => {
  const createdAt = new Date('2026-12-06T12:00:00.000Z')

  it('is { id, type, created_at, data } in that order', () => {
    expect(webhookBody({ id: 'dlv_1', event: 'review.created', createdAt, data: { stars: 5 } })).toBe(
      '{"id":"dlv_1","type":"review.created","created_at":"2026-12-06T12:00:00.000Z","data":{"stars":5}}',
    )
  })

  it('always carries data, null when there is none', () => {
    expect(JSON.parse(webhookBody({ id: 'dlv_2', event: 'message.created', createdAt, data: undefined }))).toEqual({
      id: 'dlv_2',
      type: 'message.created',
      created_at: '2026-12-06T12:00:00.000Z',
      data: null,
    })
  })

  it('refuses an event outside the list', () => {
    expect(() => webhookBody({ id: 'x', event: 'review.deleted' as never, createdAt, data: {} })).toThrow(
      /Unknown webhook event/,
    )
  })
})

describe('WEBHOOK_EVENTS', () => {
  it('lists the seven events and recognises them', () => {
    expect(WEBHOOK_EVENTS).toHaveLength(7)
    expect(WEBHOOK_EVENTS.every(isWebhookEvent)).toBe(true)
    expect(isWebhookEvent('conversation.deleted')).toBe(false)
  })
})
