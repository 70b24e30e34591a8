import { describe, expect, it } from 'vitest'
import { excerpt, unfilledPlaceholders } from './text'

describe('excerpt', () => {
  it('keeps only the first sentence when it is short enough', () => {
    expect(excerpt('We dye by hand. Every batch is different.')).toBe('We dye by hand.')
  })

  it('returns short text without a full stop unchanged', () => {
    expect(excerpt('  Small   batches,\nslow growth ')).toBe('Small batches, slow growth')
  })

  it('cuts a long first sentence at a word boundary and adds an ellipsis', () => {
    const long = `${'word '.repeat(60)}end.`
    const result = excerpt(long, 160)
    expect(result.length).toBeLessThanOrEqual(160)
    expect(result.endsWith('word…')).toBe(true)
  })

  it('does not treat a decimal point as the end of a sentence', () => {
    expect(excerpt('We ship 2.5 kg boxes. Always.')).toBe('We ship 2.5 kg boxes.')
  })

  it('returns an empty string for missing text', () => {
    expect(excerpt(null)).toBe('')
    expect(excerpt('   ')).toBe('')
  })
})

describe('unfilledPlaceholders', () => {
  it('finds each placeholder left in a draft once', () => {
    expect(
      unfilledPlaceholders('Hi Maya, order {{order.number}} ships {{ order.number }} with {{product.name}}.'),
    ).toEqual(['{{order.number}}', '{{product.name}}'])
    expect(unfilledPlaceholders('Nothing {to} fill {{ }}')).toEqual([])
  })
})
