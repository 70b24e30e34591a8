// The pieces every pub/sub transport shares: resync hooks, publish retries, and subscribing
// through the topic dispatcher.
import { Repeater } from '@graphql-yoga/subscription'
import type { TopicDispatcher } from './dispatcher.ts'
import type { PubSub, TopicMap } from './pubsub.ts'

/** onResync and resyncNow for either transport. */
export function resyncing(dispatcher: TopicDispatcher, report: (e: Error) => void): Pick<PubSub<TopicMap>, 'onResync' | 'resyncNow'> {
  const hooks = new Set<() => void>()
  return {
    onResync(fn) {
      const hook = () => fn()
      hooks.add(hook)
      return () => void hooks.delete(hook)
    },
    resyncNow() {
      for (const hook of hooks) {
        try {
          hook()
        } catch (e) {
          report(e instanceof Error ? e : new Error(String(e)))
        }
      }
      dispatcher.resync()
    },
  }
}

/** Delays between attempts at a failed publish: about half a minute in all. */
const PUBLISH_RETRY_DELAYS_MS = [250, 500, 1000, 2000, 4000, 8000, 15000]

/** Runs a publish, trying again after a failure (see createPubSub); reports a final failure. */
export function publishRetries(closing: () => boolean, report: (e: Error) => void) {
  const run = (attempt: () => Promise<unknown>, tries = 0): Promise<void> =>
    attempt().then(
      () => {},
      (e: unknown) => {
        if (closing()) return
        const delay = PUBLISH_RETRY_DELAYS_MS[tries]
        if (delay === undefined) return report(e as Error)
        return new Promise<void>((resolve) => setTimeout(resolve, delay).unref()).then(() => run(attempt, tries + 1))
      },
    )
  return { run }
}

/** publish() on either transport: an event named after the prefixed topic, carrying the payload. */
export function publishingOn(target: EventTarget, prefix: string) {
  return (topic: string, payload: unknown) => void target.dispatchEvent(new CustomEvent(prefix + topic, { detail: payload }))
}

export function subscribing<T extends TopicMap>(dispatcher: TopicDispatcher, prefix: string): Pick<PubSub<T>, 'listen' | 'attach' | 'subscribe' | 'dispatcher'> {
  const listen = <K extends keyof T & string>(topic: K, fn: (payload: T[K]) => void) =>
    dispatcher.listen(prefix + topic, fn as (payload: unknown) => void)
  return {
    listen,
    attach: <K extends keyof T & string, R>(topic: K, fn: (this: R, payload: T[K]) => void, receiver: R) =>
      dispatcher.attach(prefix + topic, fn as (this: R, payload: unknown) => void, receiver),
    subscribe: <K extends keyof T & string>(topic: K) => {
      // Registered now, not on the first next(), so settled() can vouch for it; buffered
      // until the Repeater starts.
      let buffered: T[K][] | null = []
      let push: ((payload: T[K]) => unknown) | null = null
      const off = listen(topic, (payload) => (push ? void push(payload) : void buffered?.push(payload)))
      const repeater = new Repeater<T[K]>(async (p, stop) => {
        push = p
        for (const payload of buffered ?? []) void p(payload)
        buffered = null
        await stop
        off()
      })
      // A Repeater returned before it started never runs its executor: unsubscribe here too.
      const finish = repeater.return.bind(repeater)
      repeater.return = (value?: PromiseLike<T[K]> | T[K]) => {
        off()
        return finish(value)
      }
      return repeater
    },
    dispatcher,
  }
}
