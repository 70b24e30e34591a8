// The web app's timings for the staff performance page (/moderation/performance): its routes'
// server time and its visitors' page loads and largest contentful paints, counted per minute in
// this process by @rapport/stats and posted to the gateway (POST /stats), which adds them to every
// other process's. Only with WEB_PROXY_SECRET: without it the gateway would refuse the rows, so
// nothing is counted at all.
import { createStatsRecorder, type StatRow, type StatsRecorder } from '@rapport/stats/recorder'
import type { StatSource } from '@rapport/stats/limits'
import { gatewayUrl, statsFlushMs, webProxySecret } from './env'

/** A write that takes longer is given up; its rows are kept for the next one. */
export const STATS_POST_TIMEOUT_MS = 5_000

/** The web app's own sources: the gateway times GraphQL operations itself. */
export type WebStatSource = Exclude<StatSource, 'operation'>

/** Posts counted rows to the gateway; throws on any failure, so the recorder keeps them. */
export async function postStats(
  rows: StatRow[],
  options: { secret: string; url?: URL; fetch?: typeof globalThis.fetch },
): Promise<void> {
  const url = new URL('/stats', options.url ?? gatewayUrl())
  const response = await (options.fetch ?? globalThis.fetch)(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rapport-proxy-secret': options.secret },
    body: JSON.stringify({ rows: rows.map((r) => ({ ...r, minute: r.minute.toISOString() })) }),
    signal: AbortSignal.timeout(STATS_POST_TIMEOUT_MS),
  })
  await response.body?.cancel()
  if (response.status !== 202) throw new Error(`the gateway answered ${response.status} to POST ${url.pathname}`)
}

let recorder: StatsRecorder | null = null
let lastFailure = 0

/** This process's recorder, made on first use; null when WEB_PROXY_SECRET isn't set. */
function theRecorder(): StatsRecorder | null {
  if (recorder) return recorder
  const secret = webProxySecret()
  if (!secret) return null
  recorder = createStatsRecorder({
    save: (rows) => postStats(rows, { secret }),
    flushMs: statsFlushMs(),
    onError: (err) => {
      // The rows wait for the next write; one log line a minute is enough while the gateway is away.
      if (Date.now() - lastFailure < 60_000) return
      lastFailure = Date.now()
      console.error(`[web] posting timings to the gateway failed (kept for the next try): ${String(err)}`)
    },
  })
  // adapter-node's graceful shutdown: write what is left.
  const current = recorder
  process.once('sveltekit:shutdown', () => void current.close())
  return recorder
}

/** One timing, if this process counts timings at all. */
export function recordTiming(source: WebStatSource, name: string, ms: number, failed: boolean): void {
  theRecorder()?.record(source, name, ms, failed)
}

// The route ids this process has served: a browser's beacon may only name one of them, so a
// client can't fill the page with names of its own (the recorder caps them too).
const routesServed = new Set<string>()

/** Called for every request that matched a route. */
export function routeServed(routeId: string): void {
  routesServed.add(routeId)
}

export function hasServedRoute(routeId: string): boolean {
  return routesServed.has(routeId)
}

/** Tests: forget the recorder and the routes seen. */
export async function resetStatsForTests(): Promise<void> {
  await recorder?.close()
  recorder = null
  routesServed.clear()
}
