// Which web pages may use the visitor's session cookie on the gateway's WebSocket. Browsers
// send the cookie with a cross-site WebSocket upgrade and the server must check Origin itself
// (the same-origin policy does not apply to WebSockets).
import type { IncomingMessage } from 'node:http'

/**
 * Allowed: an origin in `allowed` (ALLOWED_ORIGINS), or — when none are configured — a page
 * on the gateway's own host name (the web app and the gateway share it, on different ports).
 * A request without Origin comes from a program, not a page, and is not a cross-site risk.
 */
export function isOriginAllowed(req: Pick<IncomingMessage, 'headers'>, allowed: readonly string[] | undefined): boolean {
  const origin = req.headers.origin
  if (!origin) return true
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    return false
  }
  if (allowed?.length) return allowed.includes(url.origin)
  const host = req.headers.host
  if (!host) return false
  try {
    return new URL(`http://${host}`).hostname === url.hostname
  } catch {
    return false
  }
}

/** ALLOWED_ORIGINS as a list of origins (scheme://host[:port]); throws on a malformed entry. */
export function parseOrigins(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const url = new URL(s)
      if (url.origin === 'null' || url.pathname !== '/' || url.search) throw new Error(`"${s}" is not an origin (scheme://host[:port])`)
      return url.origin
    })
}
