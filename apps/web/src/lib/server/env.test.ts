import { describe, expect, it } from 'vitest'
import {
  ConfigError,
  DEFAULT_GATEWAY_URL,
  parseBodySizeLimit,
  parseGatewayUrl,
  parseGatewayWsUrl,
  parseStatsFlushMs,
} from './env'

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

describe('parseGatewayWsUrl', () => {
  const page = new URL('http://localhost:3000/conversations/x')

  it('derives ws: from the gateway URL and keeps the page’s loopback host name, so the cookie goes along', () => {
    expect(parseGatewayWsUrl(undefined, new URL('http://127.0.0.1:4000/graphql'), page).href).toBe(
      'ws://localhost:4000/graphql',
    )
  })

  it('uses wss: for an https gateway and keeps a real host name as it is', () => {
    const gateway = new URL('https://api.example.com/graphql')
    expect(parseGatewayWsUrl('', gateway, new URL('https://example.com/')).href).toBe('wss://api.example.com/graphql')
  })

  it('prefers GATEWAY_WS_URL and rejects values that are not ws(s) URLs', () => {
    const gateway = new URL('http://10.0.0.5:4000/graphql')
    expect(parseGatewayWsUrl('wss://live.example.com/graphql', gateway, page).href).toBe(
      'wss://live.example.com/graphql',
    )
    expect(() => parseGatewayWsUrl('https://live.example.com', gateway, page)).toThrow(/must use ws: or wss:/)
    expect(() => parseGatewayWsUrl('live', gateway, page)).toThrow(ConfigError)
  })
})

describe('parseBodySizeLimit', () => {
  it('reads the value as the Node adapter does, with its 512K default', () => {
    expect(parseBodySizeLimit(undefined)).toBe(512 * 1024)
    expect(parseBodySizeLimit('')).toBe(512 * 1024)
    expect(parseBodySizeLimit('12M')).toBe(12 * 1024 * 1024)
    expect(parseBodySizeLimit('64k')).toBe(64 * 1024)
    expect(parseBodySizeLimit('1048576')).toBe(1048576)
    expect(parseBodySizeLimit('Infinity')).toBe(Infinity)
  })

  it('falls back to the default for a value it cannot read', () => {
    expect(parseBodySizeLimit('lots')).toBe(512 * 1024)
  })
})

describe('parseStatsFlushMs', () => {
  it('reads whole milliseconds from 100 to 600000, and leaves anything else to @rapport/stats’s default', () => {
    expect(parseStatsFlushMs('500')).toBe(500)
    expect(parseStatsFlushMs(' 600000 ')).toBe(600_000)
    for (const raw of [undefined, '', '  ', '99', '600001', '1.5', 'soon']) expect(parseStatsFlushMs(raw)).toBeUndefined()
  })
})
