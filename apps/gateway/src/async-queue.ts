// The one queue of a subscription: pub/sub listeners push into it synchronously (see
// @rapport/realtime's dispatcher), graphql-ws pulls from it. It is held by every idle
// subscription, so it allocates nothing until it is used, and it pushes straight to a waiting
// reader (no intermediate buffer, no second queue). An idle subscription has one reader waiting
// and a cleanup or two: those are single fields or exactly sized arrays, not growable ones
// (V8 gives an empty array room for 16 on its first push).
type Resolver<T> = (r: IteratorResult<T>) => void

export class AsyncQueue<T> implements AsyncIterableIterator<T> {
  private items: T[] | null = null
  /** The reader waiting for the next item (graphql-ws reads one at a time). */
  private waiting: Resolver<T> | null = null
  /** Further readers, when a consumer calls next() again before the first one resolved. */
  private moreWaiting: Resolver<T>[] | null = null
  private cleanups: (() => void)[] | null = null
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

  end() {
    if (this.done) return
    this.done = true
    this.items = null
    for (let w = this.takeReader(); w; w = this.takeReader()) w({ value: undefined as never, done: true })
    const cleanups = this.cleanups
    this.cleanups = null
    for (const c of cleanups ?? []) c()
  }

  next(): Promise<IteratorResult<T>> {
    if (this.items?.length) return Promise.resolve({ value: this.items.shift()!, done: false })
    if (this.done) return Promise.resolve({ value: undefined as never, done: true })
    return new Promise((resolve) => {
      if (!this.waiting) this.waiting = resolve
      else (this.moreWaiting ??= []).push(resolve)
    })
  }

  async return(): Promise<IteratorResult<T>> {
    this.end()
    return { value: undefined as never, done: true }
  }

  [Symbol.asyncIterator]() {
    return this
  }

  private takeReader(): Resolver<T> | null {
    const w = this.waiting
    this.waiting = this.moreWaiting?.shift() ?? null
    if (this.moreWaiting?.length === 0) this.moreWaiting = null
    return w
  }
}
