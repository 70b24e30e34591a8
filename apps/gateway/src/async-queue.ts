// A small unbounded async queue: several event sources push, one consumer pulls in order.
export class AsyncQueue<T> implements AsyncIterableIterator<T> {
  private items: T[] = []
  private waiting: ((r: IteratorResult<T>) => void)[] = []
  private done = false
  private readonly cleanups: (() => void)[] = []

  push(item: T) {
    if (this.done) return
    const w = this.waiting.shift()
    if (w) w({ value: item, done: false })
    else this.items.push(item)
  }

  /** Pumps an async iterator into the queue until either ends. */
  pipe<S>(source: AsyncIterator<S>, map: (s: S) => T | null) {
    this.cleanups.push(() => void source.return?.())
    void (async () => {
      for (;;) {
        const r = await source.next()
        if (r.done || this.done) return
        const item = map(r.value)
        if (item !== null) this.push(item)
      }
    })().catch(() => this.end())
  }

  onEnd(fn: () => void) {
    this.cleanups.push(fn)
  }

  end() {
    if (this.done) return
    this.done = true
    for (const w of this.waiting.splice(0)) w({ value: undefined as never, done: true })
    for (const c of this.cleanups) c()
  }

  next(): Promise<IteratorResult<T>> {
    if (this.items.length) return Promise.resolve({ value: this.items.shift()!, done: false })
    if (this.done) return Promise.resolve({ value: undefined as never, done: true })
    return new Promise((resolve) => this.waiting.push(resolve))
  }

  async return(): Promise<IteratorResult<T>> {
    this.end()
    return { value: undefined as never, done: true }
  }

  [Symbol.asyncIterator]() {
    return this
  }
}
