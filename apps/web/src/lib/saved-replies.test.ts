import { describe, expect, it } from 'vitest'
import { previewReply } from './saved-replies'

const PLACEHOLDERS = [
  { key: 'buyer.firstName', description: 'The buyer’s first name', example: 'Maya' },
  { key: 'supplier.name', description: 'Your shop', example: 'Olive & Oak' },
]

describe('previewReply', () => {
  it('fills known placeholders with their examples, spaces inside the braces allowed', () => {
    expect(previewReply('Hi {{buyer.firstName}}, thanks for writing to {{ supplier.name }}.', PLACEHOLDERS)).toBe('Hi Maya, thanks for writing to Olive & Oak.')
  })
  it('leaves unknown placeholders as written, as the gateway does', () => {
    expect(previewReply('Order {{order.number}} ships today.', PLACEHOLDERS)).toBe('Order {{order.number}} ships today.')
  })
})
