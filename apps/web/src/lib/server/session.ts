import type { Cookies } from '@sveltejs/kit'
import { GatewayError, gql } from './gateway'
import { gatewayErrorStatus } from './http-status'
import { SESSION_VIEWER } from '$lib/graphql/viewer'
import type { Viewer } from '$lib/types'

/** The cookie the gateway also reads (HTTP and the WebSocket upgrade). */
export const SESSION_COOKIE = 'rapport_session'
/** The visitor's IANA time zone, written by the browser (not sensitive, not HttpOnly). */
export const TIME_ZONE_COOKIE = 'rapport_tz'

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: string): void {
  const expires = new Date(expiresAt)
  cookies.set(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    // SvelteKit would mark it Secure on plain http too (except on localhost); browsers then drop it.
    secure: url.protocol === 'https:',
    ...(Number.isNaN(expires.getTime()) ? {} : { expires }),
  })
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
  cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:' })
}

export type SessionCheck =
  /** The gateway knows the token: a signed-in viewer. */
  | { kind: 'valid'; viewer: Viewer }
  /** The gateway does not accept the token (expired, revoked, unknown). */
  | { kind: 'invalid' }
  /** The gateway could not be asked; the session may well still be fine. */
  | { kind: 'unknown'; error: GatewayError }

/** Asks the gateway who the token belongs to. A decoded cookie is never trusted on its own. */
export async function checkSession(token: string): Promise<SessionCheck> {
  try {
    const data = await gql<{ viewer: Viewer | null }>(SESSION_VIEWER, {}, { token })
    return data.viewer ? { kind: 'valid', viewer: data.viewer } : { kind: 'invalid' }
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error
    if (gatewayErrorStatus(error) === 401) return { kind: 'invalid' }
    return { kind: 'unknown', error }
  }
}

/**
 * Where to go after signing in: only a path on this site. Anything that could leave it
 * (`//evil.example`, `/\evil.example`, `https://…`, `javascript:`) falls back.
 */
export function safeNextPath(raw: string | null | undefined, fallback = '/'): string {
  if (!raw || raw.length > 2048) return fallback
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
  if (/[\u0000-\u001f\u007f]/.test(raw)) return fallback
  try {
    const base = 'http://rapport.invalid'
    const url = new URL(raw, base)
    if (url.origin !== base) return fallback
    return `${url.pathname}${url.search}${url.hash}`
  } catch {
    return fallback
  }
}

/** An IANA zone this runtime knows, or null. */
export function validTimeZone(zone: string | null | undefined): string | null {
  if (!zone || zone.length > 64) return null
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone
  } catch {
    return null
  }
}

/**
 * A time zone guessed from Accept-Language, when the language's region has exactly one zone
 * ("sv-SE" or just "sv" → Europe/Stockholm, "ja" → Asia/Tokyo; "en-US" has many → null).
 * A first guess for people whose browser hasn't told us its zone yet (first visit, no JavaScript).
 */
export function timeZoneFromLanguages(header: string | null): string | null {
  if (!header) return null
  const tags = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      )
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0 }
    })
    .filter((t) => t.tag && t.tag !== '*')
    .sort((a, b) => b.q - a.q)
  for (const { tag } of tags.slice(0, 5)) {
    try {
      const locale = new Intl.Locale(tag).maximize() as Intl.Locale & {
        timeZones?: string[]
        getTimeZones?: () => string[]
      }
      const zones = locale.getTimeZones?.() ?? locale.timeZones
      if (zones?.length === 1 && zones[0]) return zones[0]
      if (zones) return null
    } catch {
      // not a language tag; try the next
    }
  }
  return null
}
