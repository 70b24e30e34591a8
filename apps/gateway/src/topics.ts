// Every pub/sub topic the gateway publishes or subscribes to, with its payload type.
// Later features add their topics here (conversation events, inbox events, reviews).
export type Topics = {
  /** A session was signed out: WebSocket connections using it are closed. */
  [topic: `session:revoked:${string}`]: { at: string }
}
