import { describe, expect, it } from 'vitest'
import { safeNextPath, timeZoneFromLanguages, validTimeZone } from './session'

describe('safeNextPath', () => {
  it('keeps a path on this site with its query and hash', () => {
    expect(safeNextPath('/products/abc?x=1#ask')).toBe('/products/abc?x=1#ask')
    expect(safeNextPath('/')).toBe('/')
  })

  it('refuses anything that could lead off the site', () => {
    for (const raw of [
      '//evil.example/x',
      '/\\evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      'products',
      '/\u0000x',
      '/x\nLocation: y',
    ]) {
      expect(safeNextPath(raw)).toBe('/')
    }
    expect(safeNextPath(null, '/inbox')).toBe('/inbox')
  })
})

describe('validTimeZone', () => {
  it('accepts IANA zones and refuses the rest', () => {
    expect(validTimeZone('Europe/Lisbon')).toBe('Europe/Lisbon')
    expect(validTimeZone('Mars/Olympus')).toBeNull()
    expect(validTimeZone('')).toBeNull()
  })
})

describe('timeZoneFromLanguages', () => {
  it('guesses the zone of a language’s region when it has only one', () => {
    expect(timeZoneFromLanguages('sv-SE,sv;q=0.9,en;q=0.8')).toBe('Europe/Stockholm')
    expect(timeZoneFromLanguages('ja')).toBe('Asia/Tokyo')
  })

  it('does not guess for regions with several zones, or without a header', () => {
    expect(timeZoneFromLanguages('en-US,en;q=0.9')).toBeNull()
    expect(timeZoneFromLanguages('pt-PT')).toBeNull()
    expect(timeZoneFromLanguages(null)).toBeNull()
    expect(timeZoneFromLanguages('*')).toBeNull()
  })
})
