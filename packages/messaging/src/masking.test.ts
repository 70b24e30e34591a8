import { describe, expect, it } from 'vitest'
import { MASK, maskContactDetails } from './masking.ts'

describe('contact-detail masking', () => {
  it.each([
    ['write me at ana.silva@gmail.com please', `write me at ${MASK} please`],
    ['call +351 912 345 678 tomorrow', `call ${MASK} tomorrow`],
    ['or (212) 555-0199', `or ${MASK}`],
    ['see https://my-shop.example.com/deal', `see ${MASK}`],
    ['visit www.cheaper-elsewhere.net', `visit ${MASK}`],
    ['order direct at oliveandoak.pt', `order direct at ${MASK}`],
  ])('masks %j', (input, expected) => {
    expect(maskContactDetails(input)).toEqual({ text: expected, masked: true })
  })

  it.each([
    'Is the 500 ml bottle available?',
    'My order R-10042 arrived on 2026-03-12.',
    'It costs €45.00 and ships in 3-5 days.',
    'Dimensions 30 x 20 cm, 1.2 kg',
  ])('leaves ordinary text alone: %j', (input) => {
    expect(maskContactDetails(input)).toEqual({ text: input, masked: false })
  })
})
