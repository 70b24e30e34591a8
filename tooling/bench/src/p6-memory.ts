// P6: memory per idle subscribed connection. The server runs in a child process (the
// gateway's own main.ts, or a raw `ws` server); clients connect from here, subscribe, and
// the child's resident memory is read before and after from /proc, each time after a full
// garbage collection in the child (both sides alike), so the figure is what connections keep.
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { encodeGlobalID } from '@pothos/plugin-relay'
import { repoRoot } from '@rapport/db'
import { freePort } from '@rapport/scripts/processes'
import type { Client } from 'graphql-ws'
import WebSocket from 'ws'
import type { Fixture } from './fixtures.ts'
import { abPairs, median } from './stats.ts'
import { benchClient, follow } from './subscribers.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const rawServer = path.join(here, 'raw-ws-server.ts')
/** Both servers run with a full GC on SIGUSR2 (gc-on-signal.cjs), read before every sample. */
const gcFlags = ['--expose-gc', '--require', path.join(here, 'gc-on-signal.cjs')]

const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN)

/** Where a server child writes its heap figures after each collection (see gc-on-signal.cjs). */
const reportFile = () => path.join(os.tmpdir(), `rapport-bench-mem-${process.pid}-${Math.random().toString(36).slice(2)}.json`)

/** Resident and heap (+ external) memory in bytes, after full collections. */
type Memory = { rss: number; heap: number }

async function settle(pid: number, report: string): Promise<Memory> {
  // Collect garbage first (the same for both servers), then read a few times: the median.
  const rss: number[] = []
  const heap: number[] = []
  for (let i = 0; i < 5; i++) {
    process.kill(pid, 'SIGUSR2')
    await new Promise((r) => setTimeout(r, 300))
    rss.push(rssKb(pid) * 1024)
    const m = JSON.parse(readFileSync(report, 'utf8')) as { heapUsed: number; external: number }
    heap.push(m.heapUsed + m.external)
  }
  return { rss: median(rss), heap: median(heap) }
}

const perConnection = (before: Memory, after: Memory, n: number): Memory => ({ rss: (after.rss - before.rss) / n, heap: (after.heap - before.heap) / n })

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

/** Opens `n` subscribed connections; resolves to a function that closes them. */
type Connect = (n: number) => Promise<() => Promise<void>>

/**
 * Warms the server up with a fifth as many connections, which stay open, so that what is read
 * is what each further connection keeps, not one-time costs the first connections happen to pay
 * (the JIT compiling the connection path, pools filling up, allocator arenas the compiler's
 * threads grow); then reads memory before and after opening `connections` more. Both servers
 * alike. (Closing the warm-up connections first left freed pages that the next ones reused, or
 * that were given back later: single readings then ranged from negative to twice the median.)
 */
async function measure(pid: number, report: string, connect: Connect, connections: number): Promise<Memory> {
  const closeWarmUp = await connect(Math.max(1, Math.round(connections / 5)))
  try {
    const before = await settle(pid, report)
    const close = await connect(connections)
    try {
      const after = await settle(pid, report)
      return perConnection(before, after, connections)
    } finally {
      await close()
    }
  } finally {
    await closeWarmUp()
  }
}

/** In batches of 50, as a crowd of browsers would arrive. */
async function inBatches<T>(n: number, open: () => Promise<T>): Promise<T[]> {
  const out: T[] = []
  for (let i = 0; i < n; i += 50) out.push(...(await Promise.all(Array.from({ length: Math.min(50, n - i) }, open))))
  return out
}

export async function rapportMemory(f: Fixture, connections: number): Promise<Memory> {
  const port = await freePort()
  const report = reportFile()
  const child = spawn(process.execPath, [...gcFlags, '--import', 'tsx', path.join(repoRoot, 'apps/gateway/src/main.ts')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: f.databaseUrl, LOG_LEVEL: 'error', NODE_ENV: 'production', REDIS_PREFIX: `rapport-bench-mem-${process.pid}:`, MEMORY_REPORT_FILE: report },
    stdio: 'ignore',
  })
  const id = encodeGlobalID('Conversation', f.conversationId)
  const connect: Connect = async (n) => {
    const clients: Client[] = []
    try {
      await inBatches(n, async () => {
        const client = benchClient(`ws://127.0.0.1:${port}/graphql`, f.tokens.buyer)
        clients.push(client)
        await follow(client, 'subscription($id: ID!) { conversationEvents(conversationId: $id) { __typename } }', id)
      })
    } catch (e) {
      await Promise.all(clients.map((c) => c.dispose()))
      throw e
    }
    return async () => {
      await Promise.all(clients.map((c) => c.dispose()))
    }
  }
  try {
    await waitReady(`http://127.0.0.1:${port}/readyz`, child)
    return await measure(child.pid!, report, connect, connections)
  } finally {
    await stop(child)
    rmSync(report, { force: true })
  }
}

export async function rawMemory(connections: number): Promise<Memory> {
  const port = await freePort()
  const report = reportFile()
  const child = spawn(process.execPath, [...gcFlags, '--import', 'tsx', rawServer], { env: { ...process.env, PORT: String(port), MEMORY_REPORT_FILE: report }, stdio: 'ignore' })
  const connect: Connect = async (n) => {
    const sockets: WebSocket[] = []
    try {
      await inBatches(
        n,
        () =>
          new Promise<void>((ready, fail) => {
            const ws = new WebSocket(`ws://127.0.0.1:${port}/`)
            sockets.push(ws)
            ws.on('open', () => ws.send(JSON.stringify({ subscribe: 'conversation' })))
            ws.on('message', () => ready())
            ws.on('error', fail)
          }),
      )
    } catch (e) {
      for (const s of sockets) s.terminate()
      throw e
    }
    return async () => {
      await Promise.all(sockets.map((s) => new Promise((r) => (s.once('close', r), s.close()))))
    }
  }
  try {
    await waitReady(`http://127.0.0.1:${port}/`, child)
    return await measure(child.pid!, report, connect, connections)
  } finally {
    await stop(child)
    rmSync(report, { force: true })
  }
}

/** Per connection, in bytes: resident memory (the target's measure) and JS heap + external. */
export type P6Result = { rapportBytes: number; baselineBytes: number; ratio: number; rapportHeap: number; baselineHeap: number; heapRatio: number; connections: number }

export async function runP6(f: Fixture, opts: { pairs: number; connections: number }): Promise<P6Result> {
  await f.release() // embedded PGlite: the child process opens the folder
  try {
    const pairs = await abPairs(opts.pairs, () => rapportMemory(f, opts.connections), () => rawMemory(opts.connections))
    const rapportBytes = median(pairs.map((p) => p.a.rss))
    const baselineBytes = median(pairs.map((p) => p.b.rss))
    const rapportHeap = median(pairs.map((p) => p.a.heap))
    const baselineHeap = median(pairs.map((p) => p.b.heap))
    return { rapportBytes, baselineBytes, ratio: rapportBytes / baselineBytes, rapportHeap, baselineHeap, heapRatio: rapportHeap / baselineHeap, connections: opts.connections }
  } finally {
    await f.reopen()
  }
}
