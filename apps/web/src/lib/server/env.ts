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

/**
 * The gateway's GraphQL endpoint. Read at request time (dynamic env), so the built app
 * can be pointed at any gateway with `GATEWAY_URL=… node build`.
 */
export function gatewayUrl(): URL {
  return parseGatewayUrl(env.GATEWAY_URL)
}
