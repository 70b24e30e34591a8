import { describe, expect, it } from 'vitest'
import { localTime, placeOfTimeZone } from './time'

describe('localTime', () => {
  const noonUtcInJanuary = new Date('2025-01-15T12:05:00Z')
  const noonUtcInJuly = new Date('2025-07-15T12:05:00Z')

  it('shows the 24-hour wall-clock time in the supplier’s zone with the city name', () => {
    expect(localTime('Europe/Lisbon', noonUtcInJanuary)?.label).toBe('12:05 in Lisbon')
    expect(localTime('Europe/Lisbon', noonUtcInJuly)?.label).toBe('13:05 in Lisbon')
    expect(localTime('Asia/Tokyo', noonUtcInJanuary)?.label).toBe('21:05 in Tokyo')
  })

  it('names multi-word zones readably', () => {
    expect(placeOfTimeZone('America/Argentina/Buenos_Aires')).toBe('Buenos Aires')
    expect(placeOfTimeZone('UTC')).toBe('UTC')
  })

  it('returns null instead of throwing for an unknown zone', () => {
    expect(localTime('Mars/Olympus_Mons', noonUtcInJanuary)).toBeNull()
  })
})
