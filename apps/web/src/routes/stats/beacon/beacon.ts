// What the browser's beacon may say (PageTimings.svelte sends it; +server.ts counts it).
import { STATS_LIMITS } from '@rapport/stats/limits'

/** The beacon is a few dozen bytes; a bigger body is not ours. */
export const BEACON_MAX_BYTES = 1024
/** A page that took longer was left in a background tab, not slow: not counted. */
export const BEACON_MAX_MS = 120_000

export type Beacon = { route: string; loadMs?: number; lcpMs?: number }

/** The beacon as sent, or null when it isn't one. */
export function parseBeacon(text: string): Beacon | null {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return null
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null
  const { route, loadMs, lcpMs } = body as Record<string, unknown>
  if (typeof route !== 'string' || route.length === 0 || route.length > STATS_LIMITS.nameLength) return null
  if (!isDuration(loadMs) || !isDuration(lcpMs)) return null
  return { route, loadMs, lcpMs }
}

function isDuration(ms: unknown): ms is number | undefined {
  return ms === undefined || (typeof ms === 'number' && Number.isFinite(ms) && ms > 0 && ms < BEACON_MAX_MS)
}
