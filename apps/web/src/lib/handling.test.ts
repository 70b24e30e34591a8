import { describe, expect, it } from 'vitest'
import { asksForChange, isStatus, parseLabels } from './handling'

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

  it('tell a form that changes nothing from one that does', () => {
    expect(asksForChange({})).toBe(false)
    expect(asksForChange({ assigneeId: null })).toBe(true)
    expect(asksForChange({ status: 'RESOLVED' })).toBe(true)
    expect(asksForChange({ addLabels: ['gift'] })).toBe(true)
    expect(asksForChange({ removeLabels: ['gift'] })).toBe(true)
  })
})
