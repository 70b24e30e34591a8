import { env } from '$env/dynamic/private'

export const DEFAULT_GATEWAY_URL = 'http://127.0.0.1:4000/graphql'

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** Parses and checks the gateway URL; exported separately so it can be unit-tested without `$env`. */
export function parseGatewayUrl(raw: string | undefined): URL {
  const value = raw?.trim() || DEFAULT_GATEWAY_URL
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new ConfigError(
      `GATEWAY_URL must be an absolute http(s) URL such as ${DEFAULT_GATEWAY_URL}; got ${JSON.stringify(value)}.`,
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`GATEWAY_URL must use http: or https:; got ${JSON.stringify(value)}.`)
  }
  return url
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

/**
 * The graphql-ws URL browsers use for live updates. `GATEWAY_WS_URL` when set (e.g.
 * wss://api.example.com/graphql behind a balancer); otherwise the gateway's own URL with ws(s):.
 *
 * The browser authenticates the upgrade with the HttpOnly session cookie, and cookies are kept
 * per host name (not per port). So when the gateway is on a loopback address, the page's own host
 * name is used: a page on http://localhost:3000 must talk to ws://localhost:4000, not 127.0.0.1.
 */
export function parseGatewayWsUrl(raw: string | undefined, gateway: URL, page: URL): URL {
  const value = raw?.trim()
  if (value) {
    let url: URL
    try {
      url = new URL(value)
    } catch {
      throw new ConfigError(`GATEWAY_WS_URL must be an absolute ws(s) URL; got ${JSON.stringify(value)}.`)
    }
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
      throw new ConfigError(`GATEWAY_WS_URL must use ws: or wss:; got ${JSON.stringify(value)}.`)
    }
    return url
  }
  const url = new URL(gateway)
  url.protocol = gateway.protocol === 'https:' ? 'wss:' : 'ws:'
  if (LOOPBACK.has(url.hostname) && LOOPBACK.has(page.hostname)) url.hostname = page.hostname
  return url
}

export function gatewayWsUrl(page: URL): URL {
  return parseGatewayWsUrl(env.GATEWAY_WS_URL, gatewayUrl(), page)
}

/**
 * The gateway's GraphQL endpoint. Read at request time (dynamic env), so the built app
 * can be pointed at any gateway with `GATEWAY_URL=… node build`.
 */
export function gatewayUrl(): URL {
  return parseGatewayUrl(env.GATEWAY_URL)
}

/**
 * Shared with the gateway (WEB_PROXY_SECRET): sent with the visitor's address on every
 * server-side call, so the gateway's per-IP limits see visitors rather than this server.
 */
export function webProxySecret(): string | null {
  return env.WEB_PROXY_SECRET || null
}

/** adapter-node's default for BODY_SIZE_LIMIT. */
export const DEFAULT_BODY_SIZE_LIMIT = '512K'

/**
 * Bytes in one request body this server accepts, read as adapter-node reads BODY_SIZE_LIMIT
 * ("512K", "12M", "1048576", "Infinity"). A bigger form post never reaches our actions, so a
 * file's limit here can be lower than the gateway's. An unreadable value falls back to the default.
 */
export function parseBodySizeLimit(raw: string | undefined): number {
  const value = raw?.trim() || DEFAULT_BODY_SIZE_LIMIT
  const multiplier = { K: 1024, M: 1024 * 1024, G: 1024 * 1024 * 1024 }[value.at(-1)?.toUpperCase() ?? ''] ?? 1
  const bytes = Number(multiplier === 1 ? value : value.slice(0, -1)) * multiplier
  return Number.isNaN(bytes) || bytes < 0 ? parseBodySizeLimit(DEFAULT_BODY_SIZE_LIMIT) : bytes
}

export function bodySizeLimit(): number {
  return parseBodySizeLimit(env.BODY_SIZE_LIMIT)
}

/**
 * How often this process posts its timings to the gateway (STATS_FLUSH_MS, in ms, 100 to 600000),
 * or undefined for @rapport/stats's default. Tests shorten it; an unreadable value is ignored.
 */
export function parseStatsFlushMs(raw: string | undefined): number | undefined {
  const ms = Number(raw?.trim() || NaN)
  return Number.isInteger(ms) && ms >= 100 && ms <= 600_000 ? ms : undefined
}

export function statsFlushMs(): number | undefined {
  return parseStatsFlushMs(env.STATS_FLUSH_MS)
}
