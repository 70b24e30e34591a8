/* The partner portal's shapes and pure helpers, shared by its pages, its server code and its tests. */

export type ApiKeyStatus = 'ACTIVE' | 'EXPIRED' | 'REVOKED'

export type UsageDay = { day: string; requests: number; cost: number; throttled: number }

/** A scope and whether a platform partner's key may hold it (the gateway's rule, one home). */
export type ApiScope = { name: string; description: string; forPlatformKeys?: boolean }

/** An API key as the key list shows it (the DEVELOPERS_PAGE selection). */
export type ApiKeyRow = {
  id: string
  name: string
  /** The partner company the key is for (a supplier's key: the supplier). */
  partnerName: string
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

/** What a /developers page's create form came back with after a refused submit. */
export type CreateFormState<V> = {
  /** The refusal's own message (shown when no field is at fault), null when none. */
  message: string | null
  errors: Record<string, string>
  /** What was typed, to fill the form in again. */
  typed: V | null
}

/** A page's `form` prop, read for its create form: the message, the errors by field and the typed values. */
export function createFormState<V>(form: Record<string, unknown> | null | undefined): CreateFormState<V> {
  if (!form || form.action !== 'create' || !('errors' in form)) return { message: null, errors: {}, typed: null }
  return {
    message: typeof form.message === 'string' ? form.message : null,
    errors: (form.errors ?? {}) as Record<string, string>,
    typed: 'values' in form ? (form.values as V) : null,
  }
}

/**
 * Whose keys and webhooks a /developers page is about: a supplier the viewer owns (`?supplier=`),
 * or, for platform admins, the platform's partner companies (`?platform=1`).
 */
export type PortalTarget =
  | { kind: 'supplier'; supplier: { id: string; slug: string; name: string } }
  | { kind: 'platform' }

/** The query that names a target in a URL ('' for none), kept across links, actions and redirects. */
export function targetQuery(target: PortalTarget | null): string {
  if (!target) return ''
  return target.kind === 'platform' ? 'platform=1' : `supplier=${encodeURIComponent(target.supplier.slug)}`
}

/** Whom a page is about, for its title: the supplier's name or "platform partners" (null: no target). */
export function targetName(target: PortalTarget | null): string | null {
  if (!target) return null
  return target.kind === 'platform' ? 'platform partners' : target.supplier.name
}

/** A named form action's URL, keeping the target shown: an owner of several (or an admin) acts for that one. */
export function actionUrl(target: PortalTarget | null, name: string): string {
  const query = targetQuery(target)
  return query ? `?${query}&/${name}` : `?/${name}`
}

/** The partner companies named on a list (keys or endpoints), each once, in alphabetical order. */
export function partnerNamesOf(rows: readonly { partnerName: string }[]): string[] {
  return [...new Set(rows.map((r) => r.partnerName))].sort((a, b) => a.localeCompare(b, 'en'))
}

/** Rows grouped by their partner company, companies in alphabetical order and rows in the list's order. */
export function byPartner<T extends { partnerName: string }>(rows: readonly T[]): { partnerName: string; rows: T[] }[] {
  return partnerNamesOf(rows).map((partnerName) => ({
    partnerName,
    rows: rows.filter((r) => r.partnerName === partnerName),
  }))
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
    return {
      ok: false,
      message: 'That day is over (UTC). Pick a later one, or leave it empty for a key that doesn’t expire.',
    }
  return { ok: true, expiresAt: end.toISOString() }
}

// Webhooks (the WEBHOOKS_PAGE selection and the gateway's rules, @rapport/partners webhooks/).

export type WebhookDeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED' | 'DEAD'

export type WebhookAttempt = {
  attempt: number
  at: string
  statusCode: number | null
  latencyMs: number
  responseExcerpt: string
  error: string | null
}

export type WebhookDelivery = {
  id: string
  eventType: string
  status: WebhookDeliveryStatus
  attempts: number
  nextAttemptAt: string | null
  lastStatusCode: number | null
  lastError: string | null
  createdAt: string
  deliveredAt: string | null
  replayOf: string | null
  log: WebhookAttempt[]
}

export type WebhookEndpointRow = {
  id: string
  url: string
  /** The partner company the endpoint belongs to (a supplier's: the supplier). */
  partnerName: string
  description: string | null
  events: string[]
  enabled: boolean
  failureCount: number
  disabledAt: string | null
  disabledReason: string | null
  createdAt: string
  rotating: boolean
  deliveries: { edges: { node: WebhookDelivery }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }
}

/** An endpoint just made, or its secret just rotated: the one time its signing secret is shown. */
export type IssuedWebhookSecret = {
  secret: string
  url: string
  /** After a rotation: until when deliveries are signed with the old secret too (null: not at all). */
  previousExpiresAt?: string | null
}

/** Recent deliveries shown per endpoint (kept small: the gateway prices each row with its log). */
export const WEBHOOK_DELIVERIES_SHOWN = 5

/** The gateway's webhook rules, for the forms and the docs (ENDPOINT_LIMITS, backoff.ts, verify-example.ts). */
export const WEBHOOK_RULES = {
  endpointsPerSupplier: 10,
  urlLength: 2048,
  descriptionLength: 200,
  toleranceSeconds: 300,
  retryHours: 24,
  firstRetrySeconds: 30,
  maxRetryDelayHours: 6,
  disableAfterFailures: 20,
  overlap: { default: 24, min: 0, max: 168 },
} as const

/** What each event tells (the gateway's WEBHOOK_EVENTS are the list; an event not here shows without a line). */
export const WEBHOOK_EVENT_DESCRIPTIONS: Record<string, string> = {
  'message.created': 'A buyer or your team wrote in one of your conversations.',
  'conversation.updated': 'A conversation’s status, labels or assignee changed.',
  'review.created': 'A buyer reviewed you.',
  'review.updated': 'A buyer edited their review of you.',
  'review.responded': 'Your team answered a review, or edited its answer.',
  'question.created': 'A buyer asked a question about one of your products.',
  'question.answered': 'A question about one of your products was answered.',
}

export const WEBHOOK_STATUS_LABELS: Record<WebhookDeliveryStatus, string> = {
  PENDING: 'Pending',
  DELIVERED: 'Delivered',
  FAILED: 'Retrying',
  DEAD: 'Failed',
}
