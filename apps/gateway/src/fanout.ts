// Subscription fan-out: an event is executed once per viewer scope, not once per subscriber.
// Every subscriber of a topic receives the same event object, so results are shared through a
// WeakMap keyed by it (entries go when the event does).
import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql'
import { LRUCache } from 'lru-cache'
import { executionContext, type Context } from './context.ts'
import { outageOf } from './outage.ts'

/**
 * Who may share one execution of an event. A document that selects a viewer-specific field
 * (declared on the field, see schema/viewer-specific.ts) runs per viewer; any other once per
 * side: the buyer alone, or the supplier teams the viewer belongs to.
 */
export function fanoutScope(perViewer: boolean, ctx: Context): string {
  const v = ctx.viewer
  if (!v) return 'anonymous'
  if (perViewer) return `user:${v.userId}`
  return `buyer:${v.buyerId ?? '-'}|teams:${v.memberships.map((m) => m.supplierId).sort().join(',')}`
}

type SharedMap = WeakMap<object, Map<string, Promise<ExecutionResult> | ExecutionResult>>

/** graphql-ws's `subscribe`: the subscriber's events, each turned into its scope's shared result. */
export function sharedSubscriber() {
  const shared: SharedMap = new WeakMap()
  return async function sharedSubscribe(args: ExecutionArgs) {
    // The subscribe phase gets a context of its own: what it caches goes when it is done.
    const source = await createSourceEventStream({ ...args, contextValue: executionContext(args.contextValue as Context) })
    if (!(Symbol.asyncIterator in source)) {
      // The database or Redis was down while the stream was set up. Thrown rather than
      // answered: the socket then closes with 1013 and the client retries, where an error
      // result would end this subscription for good (graphql-ws sends it, then `complete`).
      const outage = source.errors?.find((e) => outageOf(e))
      if (outage) throw outage
      return source
    }
    return new SharedResults(args, (args.contextValue as Context).fanoutScope, source[Symbol.asyncIterator](), shared)
  }
}

/**
 * What graphql-ws iterates for one subscription: the subscriber's events, each turned into the
 * result shared by every subscriber with the same scope (executed by the first to ask). A
 * class with three fields, not a closure per method: thousands of these sit idle.
 */
class SharedResults implements AsyncIterableIterator<ExecutionResult> {
  constructor(
    private readonly args: ExecutionArgs,
    private readonly scope: string | undefined,
    private readonly events: AsyncIterator<unknown>,
    private readonly shared: SharedMap,
  ) {}

  [Symbol.asyncIterator]() {
    return this
  }

  // Not async: one promise hop per event instead of three.
  next(): Promise<IteratorResult<ExecutionResult>> {
    return this.events.next().then((r) => {
      if (r.done) return { done: true, value: undefined }
      const result = this.run(r.value)
      return result instanceof Promise ? result.then((value) => ({ done: false, value })) : { done: false, value: result }
    })
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    await this.events.return?.()
    return { done: true, value: undefined }
  }

  private run(event: unknown): Promise<ExecutionResult> | ExecutionResult {
    const { args, scope } = this
    // Each event is executed like a new request (a fresh context over the subscription's), so
    // loaders and auth caches never serve an earlier event's data.
    const once = () => execute({ ...args, contextValue: executionContext(args.contextValue as Context), rootValue: event })
    if (!scope || typeof event !== 'object' || event === null) return once()
    let byScope = this.shared.get(event)
    if (!byScope) this.shared.set(event, (byScope = new Map()))
    let result = byScope.get(scope)
    if (!result) byScope.set(scope, (result = once()))
    return result
  }
}

/** One shared copy per key (the first one seen), for values many sockets hold alike. */
export function interning<V extends object | string>(max: number): (key: string, value: V) => V {
  const known = new LRUCache<string, V>({ max })
  return (key, value) => {
    const existing = known.get(key)
    if (existing !== undefined) return existing
    known.set(key, value)
    return value
  }
}

/**
 * Strings built piece by piece (randomUUID() is ~30 pieces, a template literal a few) stay
 * in V8 as trees of pieces, ~0.5 KB per id, for as long as they are kept — for hours on an
 * open subscription. Reading a character makes V8 flatten the string in place.
 */
export function flatten(s: string): string {
  s.charCodeAt(0)
  return s
}
