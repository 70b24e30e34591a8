// P6: memory per idle subscribed connection. The server runs in a child process (the
// gateway's own main.ts, or a raw `ws` server); clients connect from here, subscribe, and
// the child's resident memory is read before and after from /proc, each time after a full
// garbage collection in the child (both sides alike), so the figure is what connections keep.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { encodeGlobalID } from '@pothos/plugin-relay'
import { repoRoot } from '@rapport/db'
import { freePort } from '@rapport/scripts/processes'
import { createClient, type Client } from 'graphql-ws'
import WebSocket from 'ws'
import type { Fixture } from './fixtures.ts'
import { abPairs, median } from './stats.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const rawServer = path.join(here, 'raw-ws-server.ts')
/** Both servers run with a full GC on SIGUSR2 (gc-on-signal.cjs), read before every sample. */
const gcFlags = ['--expose-gc', '--require', path.join(here, 'gc-on-signal.cjs')]

const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN)

async function settleRss(pid: number): Promise<number> {
  // Collect garbage first (the same for both servers), then read a few times: the median.
  const reads: number[] = []
  for (let i = 0; i < 5; i++) {
    process.kill(pid, 'SIGUSR2')
    await new Promise((r) => setTimeout(r, 300))
    reads.push(rssKb(pid))
  }
  return median(reads)
}

async function waitReady(url: string, child: ChildProcess) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error('server exited')
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`not ready: ${url}`)
}

async function stop(child: ChildProcess) {
  child.kill('SIGTERM')
  await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)))
}

export async function rapportMemory(f: Fixture, connections: number): Promise<number> {
  const port = await freePort()
  const child = spawn(process.execPath, [...gcFlags, '--import', 'tsx', path.join(repoRoot, 'apps/gateway/src/main.ts')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: f.databaseUrl, LOG_LEVEL: 'error', NODE_ENV: 'production', REDIS_PREFIX: `rapport-bench-mem-${process.pid}:` },
    stdio: 'ignore',
  })
  const clients: Client[] = []
  try {
    await waitReady(`http://127.0.0.1:${port}/readyz`, child)
    const before = await settleRss(child.pid!)
    const id = encodeGlobalID('Conversation', f.conversationId)
    for (let i = 0; i < connections; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, connections - i) }, async () => {
          const client = createClient({ url: `ws://127.0.0.1:${port}/graphql`, webSocketImpl: WebSocket, connectionParams: { authToken: f.tokens.buyer }, lazy: false, retryAttempts: 0 })
          clients.push(client)
          await new Promise<void>((ready, fail) =>
            client.subscribe(
              { query: 'subscription($id: ID!) { conversationEvents(conversationId: $id) { __typename } }', variables: { id } },
              { next: () => ready(), error: fail, complete: () => {} },
            ),
          )
        }),
      )
    }
    const after = await settleRss(child.pid!)
    return ((after - before) * 1024) / connections
  } finally {
    await Promise.all(clients.map((c) => c.dispose()))
    await stop(child)
  }
}

export async function rawMemory(connections: number): Promise<number> {
  const port = await freePort()
  const child = spawn(process.execPath, [...gcFlags, '--import', 'tsx', rawServer], { env: { ...process.env, PORT: String(port) }, stdio: 'ignore' })
  const sockets: WebSocket[] = []
  try {
    await waitReady(`http://127.0.0.1:${port}/`, child)
    const before = await settleRss(child.pid!)
    for (let i = 0; i < connections; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, connections - i) }, () =>
          new Promise<void>((ready, fail) => {
            const ws = new WebSocket(`ws://127.0.0.1:${port}/`)
            sockets.push(ws)
            ws.on('open', () => ws.send(JSON.stringify({ subscribe: 'conversation' })))
            ws.on('message', () => ready())
            ws.on('error', fail)
          }),
        ),
      )
    }
    const after = await settleRss(child.pid!)
    return ((after - before) * 1024) / connections
  } finally {
    for (const s of sockets) s.terminate()
    await stop(child)
  }
}

export type P6Result = { rapportBytes: number; baselineBytes: number; ratio: number; connections: number }

export async function runP6(f: Fixture, opts: { pairs: number; connections: number }): Promise<P6Result> {
  await f.release() // embedded PGlite: the child process opens the folder
  try {
    const pairs = await abPairs(opts.pairs, () => rapportMemory(f, opts.connections), () => rawMemory(opts.connections))
    const rapportBytes = median(pairs.map((p) => p.a))
    const baselineBytes = median(pairs.map((p) => p.b))
    return { rapportBytes, baselineBytes, ratio: rapportBytes / baselineBytes, connections: opts.connections }
  } finally {
    await f.reopen()
  }
}
