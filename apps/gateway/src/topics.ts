// Every pub/sub topic the gateway publishes or subscribes to, with its payload type.
// Later features add their topics here (conversation events, inbox events, reviews).
export type Topics = {
  /** Liveness of the event path itself: published by the readiness probe. */
  'system:heartbeat': { at: string }
}
