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

/** The body's text, or null when it is longer than `max` bytes (read no further than that). */
export async function readAtMost(request: Request, max: number): Promise<string | null> {
  if (Number(request.headers.get('content-length') ?? 0) > max) return null
  if (!request.body) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > max) {
      await reader.cancel()
      return null
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let at = 0
  for (const chunk of chunks) {
    bytes.set(chunk, at)
    at += chunk.byteLength
  }
  return new TextDecoder().decode(bytes)
}
