// The graphql-ws transport on real sockets: the protocol end to end with graphql-ws's own
// client, and the shared keep-alive ending sockets that stop answering pings.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { buildSchema } from 'graphql'
import { createClient } from 'graphql-ws'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import { preSerialized, serveGraphQLWs } from './ws-transport.ts'

const schema = buildSchema('type Query { hello: String } type Subscription { count(to: Int!): Int blob(times: Int!): String }')
const roots = {
  query: { hello: () => 'hi' },
  subscription: {
    count: async function* ({ to }: { to: number }) {
      for (let i = 1; i <= to; i++) yield { count: i }
    },
    blob: async function* ({ times }: { times: number }) {
      const blob = 'x'.repeat(64 * 1024)
      for (let i = 0; i < times; i++) yield { blob }
    },
  },
}

let http: Server
let stop: () => Promise<void>
const errors: unknown[] = []

async function start(keepAliveMs: number, maxBufferedBytes?: number) {
  http = createServer()
  const wss = new WebSocketServer({ server: http, path: '/graphql' })
  const transport = serveGraphQLWs({ schema, roots }, wss, { keepAliveMs, maxBufferedBytes, onError: (e) => errors.push(e) })
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r))
  stop = async () => {
    await transport.dispose()
    await new Promise((r) => http.close(r))
  }
  return `ws://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`
}

afterEach(async () => {
  await stop?.()
  errors.length = 0
})

describe('graphql-ws transport', () => {
  it('serves queries and subscriptions to graphql-ws clients', async () => {
    const url = await start(10_000)
    const client = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0 })
    const got: unknown[] = []
    await new Promise<void>((resolve, reject) =>
      client.subscribe({ query: 'subscription { count(to: 3) }' }, { next: (r) => got.push(r.data), error: reject, complete: resolve }),
    )
    const hello = await new Promise((resolve, reject) =>
      client.subscribe({ query: '{ hello }' }, { next: (r) => resolve(r.data), error: reject, complete: () => {} }),
    )
    expect(got).toEqual([{ count: 1 }, { count: 2 }, { count: 3 }])
    expect(hello).toEqual({ hello: 'hi' })
    await client.dispose()
    expect(errors).toEqual([])
  })

  it('writes a pre-serialised payload as its JSON, whatever id the client chose', async () => {
    http = createServer()
    const wss = new WebSocketServer({ server: http, path: '/graphql' })
    const transport = serveGraphQLWs(
      { schema, roots, onNext: (_ctx, _id, _payload, _args, result) => preSerialized(JSON.stringify({ data: { count: 10 * Number((result.data as { count: number }).count) } })) as never },
      wss,
      { onError: (e) => errors.push(e) },
    )
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r))
    stop = async () => {
      await transport.dispose()
      await new Promise((r) => http.close(r))
    }
    const ws = new WebSocket(`ws://127.0.0.1:${(http.address() as AddressInfo).port}/graphql`, 'graphql-transport-ws')
    const frames: unknown[] = []
    const done = new Promise<void>((resolve) =>
      ws.on('message', (data) => {
        const m = JSON.parse(String(data)) as { type: string }
        if (m.type === 'connection_ack') ws.send(JSON.stringify({ id: '\u0000rapport:pre-serialised', type: 'subscribe', payload: { query: 'subscription { count(to: 2) }' } }))
        else frames.push(m)
        if (m.type === 'complete') resolve()
      }),
    )
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init' })))
    await done
    ws.close()
    expect(frames).toEqual([
      { id: '\u0000rapport:pre-serialised', type: 'next', payload: { data: { count: 10 } } },
      { id: '\u0000rapport:pre-serialised', type: 'next', payload: { data: { count: 20 } } },
      { id: '\u0000rapport:pre-serialised', type: 'complete' },
    ])
    expect(errors).toEqual([])
  })

  it('ends a socket that stops reading once its unsent data passes the limit (1013), instead of buffering without end', async () => {
    const url = await start(10_000, 1024 * 1024)
    const ws = new WebSocket(url, 'graphql-transport-ws')
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)))
    ws.on('message', (data) => {
      if ((JSON.parse(String(data)) as { type: string }).type !== 'connection_ack') return
      ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { blob(times: 2000) }' } }))
      // A reader that stops reading: 2000 × 64 KB is far more than socket buffers hold.
      ;(ws as unknown as { _socket: { pause(): void } })._socket.pause()
      setTimeout(() => (ws as unknown as { _socket: { resume(): void } })._socket.resume(), 1000)
    })
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init' })))
    expect(await closed).toBe(1013)
  })

  it('ends sockets that stop answering pings, and keeps those that answer', async () => {
    const url = await start(100)
    const open = (autoPong: boolean) => {
      const ws = new WebSocket(url, 'graphql-transport-ws', { autoPong })
      const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)))
      return { ws, closed }
    }
    const silent = open(false)
    const answering = open(true)
    // Terminated (no close frame: 1006) after one unanswered ping round.
    expect(await silent.closed).toBe(1006)
    expect(answering.ws.readyState).toBe(WebSocket.OPEN)
    answering.ws.close()
    await answering.closed
  })
})
