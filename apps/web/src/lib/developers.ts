/* The partner portal's shapes and pure helpers, shared by its pages, its server code and its tests. */

export type ApiKeyStatus = 'ACTIVE' | 'EXPIRED' | 'REVOKED'

export type UsageDay = { day: string; requests: number; cost: number; throttled: number }

export type ApiScope = { name: string; description: string }

/** An API key as the key list shows it (the DEVELOPERS_PAGE selection). */
export type ApiKeyRow = {
  id: string
  name: string
  prefix: string
  scopes: string[]
  status: ApiKeyStatus
  createdAt: string
  lastUsedAt: string | null
  lastUsedIp: string | null
  expiresAt: string | null
  revokedAt: string | null
  bucketSize: number
  restoreRate: number
  usage: UsageDay[]
}

/** A key just made or rotated: the only moment its secret exists outside the caller's hands. */
export type IssuedKey = {
  secret: string
  name: string
  prefix: string
  /** After a rotation: when the old key stops working. */
  previousExpiresAt?: string | null
}

/** Days of use each key's chart shows. */
export const USAGE_DAYS = 14

/** Rotation overlap, in hours: the form's default and the gateway's bounds. */
export const OVERLAP = { default: 24, min: 0, max: 168 } as const

/** The largest request body the explorer's endpoint forwards (the gateway's own limit). */
export const EXPLORER_MAX_BODY_BYTES = 1024 * 1024

/**
 * Where the portal leaves a just-created key for the explorer. sessionStorage: this tab only,
 * gone when it closes, never sent to a server, never in a URL or a log.
 */
export const EXPLORER_KEY_STORAGE = 'rapport:explorer-key'

/** What the explorer's Authorization header shows until a key is pasted in. */
export const KEY_PLACEHOLDER = 'Bearer rpk_live_…'

/**
 * A key's cost bucket unless made otherwise (@rapport/partners DEFAULT_BUCKET, which the web
 * app doesn't depend on): each key's own is in the key list and in every answer's extensions.
 */
export const DEFAULT_BUCKET = { size: 10_000, restoreRate: 500 } as const

/** The cost model the gateway charges keys with (apps/gateway/src/limits.ts). */
export const COST_MODEL = { object: 10, scalar: 1 } as const

/** The gateway's static limits on one operation (apps/gateway/src/limits.ts LIMITS), for the docs. */
export const API_LIMITS = { cost: 50_000, depth: 10, aliases: 15, tokens: 2000, bodyBytes: 1024 * 1024 } as const

export type UsageTotals = { requests: number; cost: number; throttled: number }

export function usageTotals(days: readonly UsageDay[]): UsageTotals {
  return days.reduce(
    (sum, d) => ({
      requests: sum.requests + d.requests,
      cost: sum.cost + d.cost,
      throttled: sum.throttled + d.throttled,
    }),
    { requests: 0, cost: 0, throttled: 0 },
  )
}

export type UsageBar = UsageDay & { x: number; y: number; width: number; height: number }

/**
 * One bar per day, scaled to the busiest day; a day without requests keeps a 1-unit stub so the
 * chart still reads as fourteen days rather than an empty box.
 */
export function usageBars(days: readonly UsageDay[], size: { width: number; height: number; gap: number }): UsageBar[] {
  const peak = Math.max(1, ...days.map((d) => d.requests))
  const slot = days.length > 0 ? size.width / days.length : size.width
  const width = Math.max(1, slot - size.gap)
  return days.map((d, i) => {
    const height = d.requests === 0 ? 1 : Math.max(2, Math.round((d.requests / peak) * size.height))
    return { ...d, x: Math.round(i * slot * 100) / 100, y: size.height - height, width, height }
  })
}

/** "2026-12-04" (a UTC day from the gateway) → "Thu 4 Dec", read as that calendar day. */
export function formatUsageDay(day: string): string {
  const at = new Date(`${day}T12:00:00Z`)
  if (Number.isNaN(at.getTime())) return day
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    at,
  )
}

/**
 * The expiry date a person picked ("2027-01-31") as the instant the key stops working: the end
 * of that day in UTC, the calendar the gateway counts usage in. Empty means "never".
 */
export function parseExpiryDate(
  value: string,
  now: Date,
): { ok: true; expiresAt: string | null } | { ok: false; message: string } {
  const trimmed = value.trim()
  if (!trimmed) return { ok: true, expiresAt: null }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed)
  const end = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + 1) - 1) : null
  if (!end || Number.isNaN(end.getTime()) || end.toISOString().slice(0, 10) !== trimmed)
    return { ok: false, message: `“${trimmed}” isn’t a date. Pick one, or write it like 2027-01-31.` }
  if (end <= now)
    return { ok: false, message: 'That day is over (UTC). Pick a later one, or leave it empty for a key that doesn’t expire.' }
  return { ok: true, expiresAt: end.toISOString() }
}
