import type { ActionResult } from '@sveltejs/kit'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { MessageData, PendingMessage } from '$lib/messages'
import { createOutbox, type Post, type Sent } from './outbox'

function pendingMessage(id: string, extra: Partial<PendingMessage> = {}): PendingMessage {
  return {
    clientMessageId: id,
    body: `body of ${id}`,
    replyToId: null,
    createdAt: '2026-11-25T10:00:00.000Z',
    state: 'sending',
    error: null,
    files: [],
    attachmentIds: [],
    ...extra,
  }
}

const sentAs = (id: string) => ({ id: `msg-${id}`, sequence: 7, clientMessageId: id }) as MessageData
const success = (data: Record<string, unknown>): ActionResult => ({ type: 'success', status: 200, data })
const failure = (status: number, message: string): ActionResult => ({ type: 'failure', status, data: { message } })

function harness(post: Post) {
  let pending: PendingMessage[] = []
  const sent: Sent[] = []
  const redirects: ActionResult[] = []
  const outbox = createOutbox({
    post,
    getPending: () => pending,
    setPending: (next) => (pending = next),
    onSent: (s) => sent.push(s),
    onRedirect: async (r) => void redirects.push(r),
  })
  return { outbox, sent, redirects, pending: () => pending }
}

describe('the outbox', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('sends a message and takes it off the pending list once the server has it', async () => {
    const post = vi.fn<Post>(async () => success({ sent: sentAs('a'), conversation: null, notice: 'Away until 9:00' }))
    const h = harness(post)
    h.outbox.queue(pendingMessage('a'))
    await h.outbox.deliver('a')
    expect(post).toHaveBeenCalledWith('send', { body: 'body of a', clientMessageId: 'a' })
    expect(h.pending()).toEqual([])
    expect(h.sent).toEqual([{ message: sentAs('a'), conversation: null, notice: 'Away until 9:00' }])
  })

  it('sends the same message again with the same id after a network failure, waiting longer each time', async () => {
    const post = vi
      .fn<Post>()
      .mockRejectedValueOnce(new TypeError('offline'))
      .mockRejectedValueOnce(new TypeError('offline'))
      .mockResolvedValue(success({ sent: sentAs('a') }))
    const h = harness(post)
    h.outbox.queue(pendingMessage('a'))
    await h.outbox.deliver('a')
    expect(h.pending()[0]?.state).toBe('retrying')
    await vi.advanceTimersByTimeAsync(999)
    expect(post).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(post).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(2_000)
    expect(post).toHaveBeenCalledTimes(3)
    expect(post.mock.calls.map((c) => c[1].clientMessageId)).toEqual(['a', 'a', 'a'])
    expect(h.pending()).toEqual([])
  })

  it('keeps a refused message on screen with the reason, and does not retry it by itself', async () => {
    const post = vi.fn<Post>(async () => failure(400, 'Keep it under 4,000 characters.'))
    const h = harness(post)
    h.outbox.queue(pendingMessage('a'))
    await h.outbox.deliver('a')
    expect(h.pending()).toEqual([
      expect.objectContaining({ state: 'failed', error: 'Keep it under 4,000 characters.' }),
    ])
    await vi.advanceTimersByTimeAsync(60_000)
    expect(post).toHaveBeenCalledTimes(1)
  })

  it('uploads each file once: a retry after a failed send reuses the ids already received', async () => {
    const file = new File(['x'], 'photo.png', { type: 'image/png' })
    const post = vi
      .fn<Post>()
      .mockResolvedValueOnce(success({ attachment: { id: 'att-1' } }))
      .mockResolvedValueOnce({ type: 'error', status: 502, error: new Error('bad gateway') })
      .mockResolvedValue(success({ sent: sentAs('a') }))
    const h = harness(post)
    h.outbox.queue(pendingMessage('a', { files: [file] }))
    await h.outbox.deliver('a')
    await vi.advanceTimersByTimeAsync(1_000)
    expect(post.mock.calls.map((c) => c[0])).toEqual(['upload', 'send', 'send'])
    expect(post.mock.calls[2]?.[1]).toMatchObject({ attachmentIds: 'att-1' })
  })

  it('sends everything waiting at once when the connection comes back', async () => {
    const post = vi
      .fn<Post>()
      .mockRejectedValueOnce(new TypeError('offline'))
      .mockResolvedValue(success({ sent: sentAs('a') }))
    const h = harness(post)
    h.outbox.queue(pendingMessage('a'))
    await h.outbox.deliver('a')
    h.outbox.retryAll()
    await vi.advanceTimersByTimeAsync(0)
    expect(post).toHaveBeenCalledTimes(2)
    expect(h.pending()).toEqual([])
  })

  it('forgets a discarded message and its timer', async () => {
    const post = vi.fn<Post>().mockRejectedValue(new TypeError('offline'))
    const h = harness(post)
    h.outbox.queue(pendingMessage('a'))
    await h.outbox.deliver('a')
    h.outbox.discard('a')
    await vi.advanceTimersByTimeAsync(60_000)
    expect(post).toHaveBeenCalledTimes(1)
    expect(h.pending()).toEqual([])
  })
})
