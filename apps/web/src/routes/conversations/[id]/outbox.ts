// Messages on their way: files uploaded first (once), then the message, through the page's form
// actions. A network failure sends the same message (same clientMessageId) again with backoff, so
// it can't arrive twice; a refusal stays on screen with its reason until retried or discarded.
import type { ActionResult } from '@sveltejs/kit'
import type { ConversationState, MessageData, PendingMessage } from '$lib/messages'

export type Post = (action: string, fields: Record<string, string | File>) => Promise<ActionResult>

export type Sent = { message: MessageData; conversation: ConversationState | null; notice: string | null }

export type OutboxOptions = {
  post: Post
  /** The pending list lives in the page's state; the outbox reads and replaces it. */
  getPending: () => PendingMessage[]
  setPending: (pending: PendingMessage[]) => void
  onSent: (sent: Sent) => void
  /** The session ended, say: the action answered with a redirect to follow. */
  onRedirect: (result: ActionResult) => Promise<void>
}

export const MAX_RETRY_DELAY_MS = 15_000

export function failureMessage(result: ActionResult): string {
  return result.type === 'failure' && typeof result.data?.message === 'string'
    ? result.data.message
    : 'That didn’t work. Please try again.'
}

export function createOutbox(options: OutboxOptions) {
  const { post, getPending, setPending } = options
  const timers = new Map<string, ReturnType<typeof setTimeout>>()

  const update = (id: string, patch: Partial<PendingMessage>) =>
    setPending(getPending().map((p) => (p.clientMessageId === id ? { ...p, ...patch } : p)))

  function retryLater(id: string, attempt: number) {
    update(id, { state: 'retrying' })
    const delay = Math.min(1000 * 2 ** attempt, MAX_RETRY_DELAY_MS)
    timers.set(
      id,
      setTimeout(() => void deliver(id, attempt + 1), delay),
    )
  }

  /** Uploads the files not uploaded yet; null when it stopped (refused, or retrying later). */
  async function upload(p: PendingMessage, attempt: number): Promise<string[] | null> {
    const id = p.clientMessageId
    const ids = [...(p.attachmentIds ?? [])]
    for (const file of (p.files ?? []).slice(ids.length)) {
      let uploaded: ActionResult
      try {
        uploaded = await post('upload', { file })
      } catch {
        retryLater(id, attempt)
        return null
      }
      if (uploaded.type === 'success' && uploaded.data?.attachment) {
        ids.push((uploaded.data.attachment as { id: string }).id)
        update(id, { attachmentIds: [...ids] })
      } else if (uploaded.type === 'failure' && uploaded.status < 500) {
        update(id, { state: 'failed', error: failureMessage(uploaded) })
        return null
      } else {
        retryLater(id, attempt)
        return null
      }
    }
    return ids
  }

  async function deliver(id: string, attempt = 0): Promise<void> {
    clearTimeout(timers.get(id))
    const p = getPending().find((x) => x.clientMessageId === id)
    if (!p) return
    update(id, { state: 'sending', error: null })
    const ids = await upload(p, attempt)
    if (!ids) return
    let result: ActionResult
    try {
      result = await post('send', {
        body: p.body,
        clientMessageId: p.clientMessageId,
        ...(p.replyToId ? { replyToId: p.replyToId } : {}),
        ...(ids.length > 0 ? { attachmentIds: ids.join(',') } : {}),
      })
    } catch {
      return retryLater(id, attempt)
    }
    if (result.type === 'success' && result.data?.sent) {
      setPending(getPending().filter((x) => x.clientMessageId !== id))
      options.onSent({
        message: result.data.sent as MessageData,
        conversation: (result.data.conversation as ConversationState | undefined) ?? null,
        notice: typeof result.data.notice === 'string' ? result.data.notice : null,
      })
    } else if ((result.type === 'failure' && result.status >= 500) || result.type === 'error') {
      retryLater(id, attempt)
    } else if (result.type === 'redirect') {
      await options.onRedirect(result)
    } else {
      update(id, { state: 'failed', error: failureMessage(result) })
    }
  }

  return {
    /** Shows a message as on its way; `deliver` sends it. */
    queue(p: PendingMessage) {
      setPending([...getPending(), p])
    },
    deliver: (id: string) => deliver(id),
    /** The connection is back: everything waiting goes now rather than at its next timer. */
    retryAll() {
      for (const p of getPending()) if (p.state === 'retrying') void deliver(p.clientMessageId)
    },
    discard(id: string) {
      clearTimeout(timers.get(id))
      setPending(getPending().filter((x) => x.clientMessageId !== id))
    },
    dispose() {
      for (const timer of timers.values()) clearTimeout(timer)
    },
  }
}

export type Outbox = ReturnType<typeof createOutbox>
