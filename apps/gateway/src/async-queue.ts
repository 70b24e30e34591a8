// The one queue of a subscription: pub/sub listeners push into it synchronously (see
// @rapport/realtime's dispatcher), graphql-ws pulls from it. It is held by every idle
// subscription, so it allocates nothing until it is used, and it pushes straight to a waiting
// reader (no intermediate buffer, no second queue). An idle subscription has one reader waiting
// and a cleanup or two: those are single fields or exactly sized arrays, not growable ones
// (V8 gives an empty array room for 16 on its first push).
type Resolver<T> = (r: IteratorResult<T>) => void
type Rejecter = (error: Error) => void

export class AsyncQueue<T> implements AsyncIterableIterator<T> {
  private items: T[] | null = null
  /** The reader waiting for the next item (graphql-ws reads one at a time), and its reject. */
  private waiting: Resolver<T> | null = null
  private waitingReject: Rejecter | null = null
  /** Further readers, when a consumer calls next() again before the first one resolved. */
  private moreWaiting: [Resolver<T>, Rejecter][] | null = null
  private cleanups: (() => void)[] | null = null
  /** Why the stream broke (see fail()): the next reader gets it, after the items already queued. */
  private failure: Error | null = null
  done = false

  push(item: T) {
    if (this.done) return
    const w = this.takeReader()
    if (w) w({ value: item, done: false })
    else (this.items ??= []).push(item)
  }

  /** Runs `fn` once when the queue ends (the reader returned, or end() was called). */
  onEnd(fn: () => void) {
    if (this.done) fn()
    else this.cleanups = this.cleanups ? this.cleanups.concat(fn) : [fn]
  }

  /** Ends the stream because its reader asked (return()) or nothing more will come: it completes. */
  end() {
    if (this.done) return
    this.done = true
    this.items = null
    this.finish()
  }

  /**
   * Ends the stream because something broke: items already queued are still read, then next()
   * rejects with `error`. graphql-ws turns that into an error for the client (see ws-server's
   * onError), never the `complete` that tells a client it has everything it asked for.
   */
  fail(error: unknown) {
    if (this.done) return
    this.done = true
    this.failure = error instanceof Error ? error : new Error(String(error))
    this.finish()
  }

  next(): Promise<IteratorResult<T>> {
    if (this.items?.length) return Promise.resolve({ value: this.items.shift()!, done: false })
    if (this.failure) return Promise.reject(this.takeFailure())
    if (this.done) return Promise.resolve({ value: undefined as never, done: true })
    return new Promise((resolve, reject) => {
      if (!this.waiting) {
        this.waiting = resolve
        this.waitingReject = reject
      } else (this.moreWaiting ??= []).push([resolve, reject])
    })
  }

  async return(): Promise<IteratorResult<T>> {
    this.end()
    return { value: undefined as never, done: true }
  }

  [Symbol.asyncIterator]() {
    return this
  }

  /** Readers waiting now have nothing queued: they get the failure (once) or the end. */
  private finish() {
    for (let reject = this.waitingReject, w = this.takeReader(); w; reject = this.waitingReject, w = this.takeReader()) {
      if (this.failure) reject!(this.takeFailure())
      else w({ value: undefined as never, done: true })
    }
    const cleanups = this.cleanups
    this.cleanups = null
    for (const c of cleanups ?? []) c()
  }

  /** The failure is reported once; after that the stream is simply over. */
  private takeFailure(): Error {
    const error = this.failure!
    this.failure = null
    return error
  }

  private takeReader(): Resolver<T> | null {
    const w = this.waiting
    const next = this.moreWaiting?.shift()
    this.waiting = next?.[0] ?? null
    this.waitingReject = next?.[1] ?? null
    if (this.moreWaiting?.length === 0) this.moreWaiting = null
    return w
  }
}
