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

export type TopicDispatcher = {
  /** Calls `fn` with every payload published on `topic` until the returned function is called. */
  listen(topic: string, fn: (payload: unknown) => void): () => void
  /** Topics this process listens to on the transport (for tests and metrics). */
  readonly topicCount: number
  /** Subscribers of one topic in this process. */
  subscriberCount(topic: string): number
}

type Subscriber = { fn: (payload: unknown) => void; topic: Topic | null }
type Topic = { name: string; subscribers: Set<Subscriber>; listener: (event: Event) => void }

export function createTopicDispatcher(target: TopicEventTarget, onError: (e: Error) => void): TopicDispatcher {
  const topics = new Map<string, Topic>()
  // The subscriber record is all a subscription holds (the topic's name lives once, in the topic).
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
  return {
    listen(name, fn) {
      let topic = topics.get(name)
      if (!topic) {
        const subscribers: Topic['subscribers'] = new Set()
        const listener = (event: Event) => {
          const payload = (event as CustomEvent).detail
          for (const s of subscribers) {
            // One failing subscriber must not cost the others their event.
            try {
              s.fn(payload)
            } catch (e) {
              onError(e instanceof Error ? e : new Error(String(e)))
            }
          }
        }
        topics.set(name, (topic = { name, subscribers, listener }))
        target.addEventListener(name, listener)
      }
      // A record per subscription (not the function itself): the same function may listen twice.
      const record: Subscriber = { fn, topic }
      topic.subscribers.add(record)
      return () => leave(record)
    },
    get topicCount() {
      return topics.size
    },
    subscriberCount(name) {
      return topics.get(name)?.subscribers.size ?? 0
    },
  }
}
