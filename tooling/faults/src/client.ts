// Clients exactly as the gateway's README recipe describes them: a stock graphql-ws client that
// retries for ever with jittered backoff, one `variables` object per subscription whose
// afterSequence follows the last MessageAdded (graphql-ws re-sends that same object when it
// retries, so a retry resumes from there), and a resubscribe after any error or complete the
// client did not ask for. Nothing is de-duplicated here: the suite counts duplicates.
// reviewEvents follows the same recipe with its string cursor, `after`.
import { createClient, type Client } from 'graphql-ws'
import WebSocket from 'ws'
import { backoffMs } from './util.ts'

const CONVERSATION = `subscription($id: ID!, $afterSequence: Int) {
  conversationEvents(conversationId: $id, afterSequence: $afterSequence) {
    __typename ... on Subscribed { lastSequence } ... on MessageAdded { message { sequence body } }
  }
}`
const INBOX = 'subscription { inboxEvents { kind } }'
const REVIEW_EVENTS = `subscription($supplierId: ID!, $after: String) {
  reviewEvents(supplierId: $supplierId, after: $after) { kind cursor question { body } }
}`

export type Outcome = { kind: 'Subscribed' | 'error' | 'complete'; at: number; detail?: string }

export class RecipeClient {
  readonly client: Client
  readonly closeCodes: number[] = []
  /** Times graphql-ws's own (non-lazy) connection loop gave up: it does on 4500, whatever shouldRetry says. */
  readonly gaveUp: string[] = []
  private socket: WebSocket | null = null

  constructor(url: string, token: string) {
    this.client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: { authToken: token },
      lazy: false,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, backoffMs(retries))),
      // Not part of the recipe's behaviour: only instead of graphql-ws's default console.error.
      onNonLazyError: (err) => this.gaveUp.push(describe(err)),
      on: {
        connected: (socket) => (this.socket = socket as WebSocket),
        closed: (event) => {
          this.socket = null
          const code = (event as { code?: unknown }).code
          if (typeof code === 'number') this.closeCodes.push(code)
        },
      },
    })
  }

  /** Ends the current socket abruptly from the client side (a network drop; 1006 to graphql-ws). */
  dropSocket(): boolean {
    if (!this.socket) return false
    this.socket.terminate()
    return true
  }

  conversation(conversationId: string, afterSequence: number | null): ConversationStream {
    return new ConversationStream(this.client, conversationId, afterSequence)
  }

  inbox(): InboxStream {
    return new InboxStream(this.client)
  }

  reviewEvents(supplierId: string, after: string | null): ReviewEventStream {
    return new ReviewEventStream(this.client, supplierId, after)
  }

  async dispose() {
    await this.client.dispose()
  }
}

/** A subscription that resubscribes by itself; subclasses say what an event means. */
abstract class Resubscribing<V extends Record<string, unknown>> {
  readonly outcomes: Outcome[] = []
  private stopped = false
  private attempt = 0
  private unsubscribe: () => void = () => {}

  constructor(
    private readonly client: Client,
    private readonly query: string,
    readonly variables: V,
  ) {}

  protected begin() {
    if (this.stopped) return
    // The same variables object every time: the client's retries and ours resume from it.
    this.unsubscribe = this.client.subscribe<Record<string, unknown>>(
      { query: this.query, variables: this.variables },
      {
        next: (result) => this.onResult(result),
        error: (err) => this.ended('error', describe(err)),
        complete: () => this.ended('complete'),
      },
    )
  }

  protected abstract onData(data: Record<string, unknown>): void

  protected live() {
    this.attempt = 0
    this.outcomes.push({ kind: 'Subscribed', at: Date.now() })
  }

  count(kind: Outcome['kind']) {
    return this.outcomes.filter((o) => o.kind === kind).length
  }

  stop() {
    this.stopped = true
    this.unsubscribe()
  }

  /** Subscribes again after stop(), with the variables as they are (a cursor resumes from there). */
  restart() {
    this.stopped = false
    this.begin()
  }

  private onResult(result: { data?: Record<string, unknown> | null; errors?: readonly unknown[] }) {
    if (result.errors?.length) this.outcomes.push({ kind: 'error', at: Date.now(), detail: describe(result.errors) })
    if (result.data) this.onData(result.data)
  }

  private ended(kind: 'error' | 'complete', detail?: string) {
    if (this.stopped) return
    this.outcomes.push({ kind, at: Date.now(), detail })
    setTimeout(() => this.begin(), backoffMs(this.attempt++))
  }
}

export type Delivery = { body: string; at: number }

export class ConversationStream extends Resubscribing<{ id: string; afterSequence: number | null }> {
  /** Every MessageAdded received, by sequence: more than one entry is a duplicate. */
  readonly deliveries = new Map<number, Delivery[]>()

  constructor(client: Client, conversationId: string, afterSequence: number | null) {
    super(client, CONVERSATION, { id: conversationId, afterSequence })
    this.begin()
  }

  protected onData(data: Record<string, unknown>) {
    const e = data.conversationEvents as
      | { __typename: string; message?: { sequence: number; body: string } }
      | undefined
    if (e?.__typename === 'Subscribed') return this.live()
    if (e?.__typename !== 'MessageAdded' || !e.message) return
    const { sequence, body } = e.message
    const list = this.deliveries.get(sequence) ?? []
    list.push({ body, at: Date.now() })
    this.deliveries.set(sequence, list)
    this.variables.afterSequence = sequence
  }

  has(sequence: number) {
    return this.deliveries.has(sequence)
  }
}

export class InboxStream extends Resubscribing<Record<string, never>> {
  readonly kinds: { kind: string; at: number }[] = []

  constructor(client: Client) {
    super(client, INBOX, {})
    this.begin()
  }

  protected onData(data: Record<string, unknown>) {
    const kind = (data.inboxEvents as { kind: string } | undefined)?.kind
    if (!kind) return
    if (kind === 'SUBSCRIBED') this.live()
    this.kinds.push({ kind, at: Date.now() })
  }
}

/**
 * reviewEvents as the recipe follows it: `after` is the last cursor received (SUBSCRIBED's
 * included, the feed's start), so a retry or a restart() resumes there. QUESTION_ASKED
 * deliveries are kept by the question's body, the events this suite causes.
 */
export class ReviewEventStream extends Resubscribing<{ supplierId: string; after: string | null }> {
  readonly deliveries = new Map<string, Delivery[]>()

  constructor(client: Client, supplierId: string, after: string | null) {
    super(client, REVIEW_EVENTS, { supplierId, after })
    this.begin()
  }

  protected onData(data: Record<string, unknown>) {
    const e = data.reviewEvents as { kind: string; cursor: string; question: { body: string } | null } | undefined
    if (!e) return
    this.variables.after = e.cursor
    if (e.kind === 'SUBSCRIBED') return this.live()
    if (e.kind !== 'QUESTION_ASKED' || !e.question) return
    const list = this.deliveries.get(e.question.body) ?? []
    list.push({ body: e.question.body, at: Date.now() })
    this.deliveries.set(e.question.body, list)
  }

  has(body: string) {
    return this.deliveries.has(body)
  }
}

/** A readable one-liner for whatever graphql-ws hands to sink.error. */
export function describe(err: unknown): string {
  if (Array.isArray(err))
    return err
      .map(
        (e: { message?: string; extensions?: { code?: unknown } }) =>
          `${String(e.extensions?.code ?? '?')}: ${e.message ?? ''}`,
      )
      .join('; ')
  const close = err as { code?: unknown; reason?: unknown }
  if (typeof close?.code === 'number') return `close ${close.code} ${String(close.reason ?? '')}`.trim()
  return err instanceof Error ? err.message : String(err)
}
