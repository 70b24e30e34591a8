import { describe, expect, it } from 'vitest'
import { ConfigError, DEFAULT_GATEWAY_URL, parseGatewayUrl } from './env'

describe('parseGatewayUrl', () => {
  it('falls back to the local gateway when GATEWAY_URL is unset or empty', () => {
    expect(parseGatewayUrl(undefined).href).toBe(DEFAULT_GATEWAY_URL)
    expect(parseGatewayUrl('  ').href).toBe(DEFAULT_GATEWAY_URL)
  })

  it('accepts an http(s) URL', () => {
    expect(parseGatewayUrl('https://api.example.com/graphql').href).toBe('https://api.example.com/graphql')
  })

  it('rejects a value that is not an absolute http(s) URL with a clear message', () => {
    expect(() => parseGatewayUrl('localhost:4000')).toThrow(ConfigError)
    expect(() => parseGatewayUrl('/graphql')).toThrow(/GATEWAY_URL must be an absolute http\(s\) URL/)
    expect(() => parseGatewayUrl('ftp://example.com')).toThrow(/GATEWAY_URL must use http: or https:/)
  })
})
