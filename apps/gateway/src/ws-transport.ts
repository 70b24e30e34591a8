// graphql-ws's protocol server (makeServer) on a `ws` WebSocketServer, in place of the stock
// graphql-ws/use/ws adapter. Same protocol and behaviour; what differs is what an idle
// connection holds and what a message costs, which matter with thousands of open sockets:
//
// - Keep-alive: one sweep for the whole server pings every socket and ends those that did not
//   answer the previous ping (the `ws` documentation's heartbeat), instead of a ping interval
//   and a pong timer per socket.
// - Listeners: the socket events go to shared functions (`this` is the socket) that find the
//   connection in a WeakMap, instead of half a dozen closures per socket.
// - Sending: written straight to the socket, without a promise and write callback per message
//   (graphql-ws awaits whatever send returns; the socket keeps the order). So nothing waits for a
//   slow reader: a socket whose unsent data passes `maxBufferedBytes` is ended instead (1013),
//   and its client reconnects and catches up from its last sequence.
// - Incoming messages: graphql-ws's handler is not wrapped in another async function, which
//   for a subscription stayed suspended for as long as it lived.
// - Shared results: a payload made by `preSerialized(json)` is written as that JSON, so a result
//   shared by a thousand subscribers is serialised once, not once per subscriber.
import type { IncomingMessage } from 'node:http'
import { handleProtocols, makeServer, type ServerOptions } from 'graphql-ws'
import { WebSocket, type WebSocketServer } from 'ws'
import { TRY_AGAIN_LATER } from './outage.ts'

const JSON_TEXT = Symbol('pre-serialised JSON')
/** A `next` payload already in JSON (the same for many subscribers): onNext may return it. */
export type PreSerialized = { readonly [JSON_TEXT]: string }
export function preSerialized(json: string): PreSerialized {
  return { [JSON_TEXT]: json }
}
// graphql-ws serialises each message with JSON.stringify(message, replacer) and hands the text
// to send() in the same synchronous step; the replacer leaves a placeholder for a
// pre-serialised payload, and send() puts the JSON in its place. The payload is the message's
// last member, so the placeholder is found at the very end, whatever the client chose as id.
const PLACEHOLDER = '\u0000rapport:pre-serialised'
const PLACEHOLDER_END = `${JSON.stringify(PLACEHOLDER)}}`
let pendingJson: string | null = null
function replacer(key: string, value: unknown) {
  if (key === 'payload' && typeof value === 'object' && value !== null && JSON_TEXT in value) {
    pendingJson = (value as PreSerialized)[JSON_TEXT]
    return PLACEHOLDER
  }
  return value
}
function withPayload(data: string): string {
  const json = pendingJson
  pendingJson = null
  if (json === null || !data.endsWith(PLACEHOLDER_END)) return data
  return data.slice(0, data.length - PLACEHOLDER_END.length) + json + '}'
}

/** graphql-ws's `extra`: the socket, and the upgrade request (which onConnect may drop). */
export type SocketExtra = { readonly socket: WebSocket; request: IncomingMessage | undefined }

/** The socket as graphql-ws sees it: one small object per connection, its methods shared. */
class Connection {
  /** graphql-ws's message handler for this socket. */
  handler: ((data: string) => Promise<void>) | null = null
  /** graphql-ws's close handler for this socket. */
  closed: ((code?: number, reason?: string) => Promise<void>) | null = null

  constructor(
    private readonly socket: WebSocket,
    private readonly maxBufferedBytes: number,
  ) {}

  get protocol() {
    return this.socket.protocol
  }

  send(data: string) {
    const frame = withPayload(data)
    if (this.socket.readyState !== WebSocket.OPEN) return
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      this.socket.close(TRY_AGAIN_LATER, 'Too slow: reconnect and resume')
      return
    }
    this.socket.send(frame)
  }

  close(code?: number, reason?: string) {
    this.socket.close(code, reason)
  }

  onMessage(cb: (data: string) => Promise<void>) {
    this.handler = cb
  }
}

export type WsTransportOptions = {
  /** Ping interval; a socket that has not answered the previous ping by the next one is ended. */
  keepAliveMs?: number
  /** Errors in message handling or on a socket (the socket is closed with 1013, try again later). */
  onError: (err: unknown, where: string) => void
  /**
   * Builds graphql-ws's `extra` for a socket (default: `{ socket, request }`). An instance of
   * a class with every field declared keeps them in the object itself, where fields added
   * later would each grow it.
   */
  createExtra?: (socket: WebSocket, request: IncomingMessage) => SocketExtra
  /** Unsent bytes a socket may pile up before it is ended as too slow (default 8 MiB). */
  maxBufferedBytes?: number
}

export function serveGraphQLWs<P extends Record<string, unknown> | undefined, E extends object>(
  options: ServerOptions<P, SocketExtra & E>,
  wss: WebSocketServer,
  { keepAliveMs = 12_000, onError, createExtra = (socket, request) => ({ socket, request }), maxBufferedBytes = 8 * 1024 * 1024 }: WsTransportOptions,
): { dispose(): Promise<void> } {
  const server = makeServer<P, SocketExtra & E>({ ...options, jsonMessageReplacer: replacer })
  wss.options.handleProtocols = handleProtocols
  const connections = new WeakMap<WebSocket, Connection>()
  // Sockets pinged in this round and not yet answered.
  const unanswered = new Set<WebSocket>()

  // A failure while handling a message (the database down while a connection is initialised or
  // an operation starts, a stream that broke) closes with 1013 "try again later": graphql-ws
  // clients retry it and resubscribe. graphql-ws's own 4500 is never retried, which left a
  // page without live updates until it was reloaded.
  function fail(socket: WebSocket, err: unknown, where: string) {
    onError(err, where)
    if (socket.readyState === WebSocket.OPEN) socket.close(TRY_AGAIN_LATER, 'Try again later')
  }

  // Shared listeners: `this` is the socket.
  function onSocketMessage(this: WebSocket, data: unknown) {
    const handler = connections.get(this)?.handler
    if (!handler) return
    handler(String(data)).catch((err: unknown) => fail(this, err, 'message handling'))
  }
  function onSocketClose(this: WebSocket, code: number, reason: Buffer) {
    unanswered.delete(this)
    const c = connections.get(this)
    connections.delete(this)
    c?.closed?.(code, String(reason)).catch((err: unknown) => onError(err, 'close handling'))
  }
  function onSocketError(this: WebSocket, err: Error) {
    fail(this, err, 'socket')
  }
  function onSocketPong(this: WebSocket) {
    unanswered.delete(this)
  }

  const sweep =
    keepAliveMs > 0 && Number.isFinite(keepAliveMs)
      ? setInterval(() => {
          for (const socket of wss.clients) {
            if (socket.readyState !== WebSocket.OPEN) continue
            if (unanswered.has(socket)) {
              unanswered.delete(socket)
              socket.terminate()
              continue
            }
            unanswered.add(socket)
            socket.ping()
          }
        }, keepAliveMs)
      : null
  sweep?.unref()

  wss.on('error', (err) => {
    onError(err, 'WebSocket server')
    for (const socket of wss.clients) socket.close(TRY_AGAIN_LATER, 'Try again later')
  })

  wss.on('connection', (socket, request) => {
    const connection = new Connection(socket, maxBufferedBytes)
    connections.set(socket, connection)
    socket.on('error', onSocketError)
    socket.on('pong', onSocketPong)
    socket.on('message', onSocketMessage)
    // on, not once: close fires once anyway, and once() wraps the listener in two more objects.
    socket.on('close', onSocketClose)
    connection.closed = server.opened(connection, createExtra(socket, request) as SocketExtra & E)
  })

  return {
    async dispose() {
      if (sweep) clearInterval(sweep)
      for (const socket of wss.clients) socket.close(1001, 'Going away')
      wss.removeAllListeners()
      await new Promise<void>((resolve, reject) => wss.close((err) => (err ? reject(err) : resolve())))
    },
  }
}
