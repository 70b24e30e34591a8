// HTTP load for benchmarks: closed loop (N requests always in flight, for peak throughput)
// and open loop (a fixed schedule; latency counts from the scheduled send time, so a slow
// server cannot hide queueing — no coordinated omission).
import { Pool } from 'undici'

export type LoadResult = { requests: number; errors: number; seconds: number; rps: number; latenciesMs: number[] }

type Req = { path: string; body: string; headers?: Record<string, string> }

function pool(origin: string, connections: number) {
  return new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 30_000 })
}

async function send(p: Pool, req: Req): Promise<boolean> {
  const res = await p.request({ method: 'POST', path: req.path, body: req.body, headers: { 'content-type': 'application/json', ...req.headers } })
  const text = await res.body.text()
  return res.statusCode === 200 && !text.includes('"errors"')
}

export async function closedLoop(url: string, req: Req, opts: { concurrency: number; seconds: number }): Promise<LoadResult> {
  const { origin } = new URL(url)
  const p = pool(origin, opts.concurrency)
  const latencies: number[] = []
  let errors = 0
  const end = performance.now() + opts.seconds * 1000
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (performance.now() < end) {
        const s = performance.now()
        const ok = await send(p, req).catch(() => false)
        latencies.push(performance.now() - s)
        if (!ok) errors++
      }
    }),
  )
  const seconds = (performance.now() - t0) / 1000
  await p.close()
  return { requests: latencies.length, errors, seconds, rps: latencies.length / seconds, latenciesMs: latencies }
}

export async function openLoop(url: string, req: Req, opts: { rate: number; seconds: number; connections?: number }): Promise<LoadResult> {
  const { origin } = new URL(url)
  const p = pool(origin, opts.connections ?? 64)
  const total = Math.round(opts.rate * opts.seconds)
  const interval = 1000 / opts.rate
  const latencies: number[] = []
  let errors = 0
  const t0 = performance.now()
  const inflight: Promise<void>[] = []
  for (let i = 0; i < total; i++) {
    const scheduled = t0 + i * interval
    const wait = scheduled - performance.now()
    if (wait > 1) await new Promise((r) => setTimeout(r, wait))
    inflight.push(
      send(p, req)
        .catch(() => false)
        .then((ok) => {
          latencies.push(performance.now() - scheduled)
          if (!ok) errors++
        }),
    )
  }
  await Promise.all(inflight)
  const seconds = (performance.now() - t0) / 1000
  await p.close()
  return { requests: total, errors, seconds, rps: total / seconds, latenciesMs: latencies }
}
