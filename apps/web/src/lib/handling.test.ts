import { describe, expect, it } from 'vitest'
import { isStatus, parseLabels } from './handling'

describe('handling controls', () => {
  it('read labels as the gateway stores them: trimmed, lower-cased, once each, blanks dropped', () => {
    expect(parseLabels('Shipping, gift ,, shipping')).toEqual(['shipping', 'gift'])
    expect(parseLabels('  ')).toEqual([])
  })

  it('accept only the four statuses', () => {
    expect(isStatus('AWAITING_BUYER')).toBe(true)
    expect(isStatus('awaiting_buyer')).toBe(false)
    expect(isStatus('')).toBe(false)
  })
})
