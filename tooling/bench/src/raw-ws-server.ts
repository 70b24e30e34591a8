// The P6 baseline: a raw `ws` server that keeps each subscriber in a topic set and answers
// one acknowledgement — the least a subscription server can hold per connection.
import { createServer } from 'node:http'
import { WebSocketServer, type WebSocket } from 'ws'

const topics = new Map<string, Set<WebSocket>>()
const http = createServer((_req, res) => res.end('ok'))
const wss = new WebSocketServer({ server: http })
wss.on('connection', (ws) => {
  ws.on('message', (data) => {
    const { subscribe } = JSON.parse(String(data)) as { subscribe: string }
    let set = topics.get(subscribe)
    if (!set) topics.set(subscribe, (set = new Set()))
    set.add(ws)
    ws.send(JSON.stringify({ subscribed: subscribe }))
  })
  ws.on('close', () => {
    for (const set of topics.values()) set.delete(ws)
  })
})
http.listen(Number(process.env.PORT), '127.0.0.1')
process.on('SIGTERM', () => {
  wss.close()
  http.close(() => process.exit(0))
})
