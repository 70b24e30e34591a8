// The one queue of a subscription: pub/sub listeners push into it synchronously (see
// @rapport/realtime's dispatcher), graphql-ws pulls from it. It is held by every idle
// subscription, so it allocates nothing until it is used, and it pushes straight to a waiting
// reader (no intermediate buffer, no second queue).
export class AsyncQueue<T> implements AsyncIterableIterator<T> {
  private items: T[] | null = null
  /** The reader waiting for the next item (graphql-ws reads one at a time; extras queue up). */
  private waiting: ((r: IteratorResult<T>) => void)[] | null = null
  private cleanups: (() => void)[] | null = null
  done = false

  push(item: T) {
    if (this.done) return
    const w = this.waiting?.shift()
    if (w) w({ value: item, done: false })
    else (this.items ??= []).push(item)
  }

  /** Runs `fn` once when the queue ends (the reader returned, or end() was called). */
  onEnd(fn: () => void) {
    if (this.done) fn()
    else (this.cleanups ??= []).push(fn)
  }

  end() {
    if (this.done) return
    this.done = true
    this.items = null
    for (const w of this.waiting?.splice(0) ?? []) w({ value: undefined as never, done: true })
    for (const c of this.cleanups?.splice(0) ?? []) c()
  }

  next(): Promise<IteratorResult<T>> {
    if (this.items?.length) return Promise.resolve({ value: this.items.shift()!, done: false })
    if (this.done) return Promise.resolve({ value: undefined as never, done: true })
    return new Promise((resolve) => (this.waiting ??= []).push(resolve))
  }

  async return(): Promise<IteratorResult<T>> {
    this.end()
    return { value: undefined as never, done: true }
  }

  [Symbol.asyncIterator]() {
    return this
  }
}
