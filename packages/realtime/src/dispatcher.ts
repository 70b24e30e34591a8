// One listener per topic per process, however many subscribers it has. A pub/sub transport
// (an EventTarget: Node's in memory, @graphql-yoga/redis-event-target for Redis) sees one
// listener per topic; the subscribers of that topic are small records in a Set here, called
// in order with the same payload object. Before this, every subscriber held its own
// Repeater, event listener and buffers: most of the memory of an idle subscription, and a
// queue hop per event.

/** What a transport must offer: the EventTarget subset both transports implement. */
export type TopicEventTarget = {
  addEventListener(topic: string, listener: (event: Event) => void): void
  removeEventListener(topic: string, listener: (event: Event) => void): void
}

/** One subscriber's registration: `close()` ends it (idempotent). */
export type Listening = { close(): void }

/** An attach() receiver that can catch up after lost events (see TopicDispatcher.resync). */
export type Resyncable = { resync(): void }

export type TopicDispatcher = {
  /** Calls `fn` with every payload published on `topic` until the returned function is called. */
  listen(topic: string, fn: (payload: unknown) => void): () => void
  /**
   * Calls `fn` with `receiver` as `this` for every payload on `topic`, until `close()`. For
   * long-lived subscribers: with a shared method as `fn`, the registration is one small
   * record, with no closure of its own.
   */
  attach<R>(topic: string, fn: (this: R, payload: unknown) => void, receiver: R): Listening
  /**
   * After the transport lost events (its connection broke and came back): calls `resync()`
   * once on every distinct attach() receiver that has one, so each subscriber re-reads what
   * it may have missed. Subscribers need no registration of their own for this: a long-lived
   * feed inherits recovery by having the method.
   */
  resync(): void
  /** Topics this process listens to on the transport (for tests and metrics). */
  readonly topicCount: number
  /** Subscribers of one topic in this process. */
  subscriberCount(topic: string): number
}

type Topic = { name: string; subscribers: Set<Subscriber>; listener: (event: Event) => void }

/** The record a subscription holds (the topic's name lives once, in the topic). */
class Subscriber implements Listening {
  constructor(
    readonly fn: (payload: unknown) => void,
    readonly receiver: unknown,
    public topic: Topic | null,
    private readonly leave: (s: Subscriber) => void,
  ) {}

  close() {
    this.leave(this)
  }
}

export function createTopicDispatcher(target: TopicEventTarget, onError: (e: Error) => void): TopicDispatcher {
  const topics = new Map<string, Topic>()
  const leave = (s: Subscriber) => {
    const t = s.topic
    if (!t) return
    s.topic = null
    t.subscribers.delete(s)
    if (t.subscribers.size === 0 && topics.get(t.name) === t) {
      topics.delete(t.name)
      target.removeEventListener(t.name, t.listener)
    }
  }
  const join = (name: string, fn: (payload: unknown) => void, receiver: unknown): Subscriber => {
      let topic = topics.get(name)
      if (!topic) {
        const subscribers: Topic['subscribers'] = new Set()
        const listener = (event: Event) => {
          const payload = (event as CustomEvent).detail
          for (const s of subscribers) {
            // One failing subscriber must not cost the others their event.
            try {
              s.fn.call(s.receiver, payload)
            } catch (e) {
              onError(e instanceof Error ? e : new Error(String(e)))
            }
          }
        }
        topics.set(name, (topic = { name, subscribers, listener }))
        target.addEventListener(name, listener)
      }
      // A record per subscription (not the function itself): the same function may listen twice.
      const record = new Subscriber(fn, receiver, topic, leave)
      topic.subscribers.add(record)
      return record
  }
  return {
    listen(name, fn) {
      const record = join(name, fn, undefined)
      return () => record.close()
    },
    attach(name, fn, receiver) {
      return join(name, fn as (payload: unknown) => void, receiver)
    },
    resync() {
      const receivers = new Set<Resyncable>()
      for (const t of topics.values())
        for (const s of t.subscribers) if (typeof (s.receiver as Partial<Resyncable> | undefined)?.resync === 'function') receivers.add(s.receiver as Resyncable)
      for (const r of receivers) {
        try {
          r.resync()
        } catch (e) {
          onError(e instanceof Error ? e : new Error(String(e)))
        }
      }
    },
    get topicCount() {
      return topics.size
    },
    subscriberCount(name) {
      return topics.get(name)?.subscribers.size ?? 0
    },
  }
}
