import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { WEBHOOK_VERIFY_EXAMPLE } from './webhook-verify-example'

const original = fileURLToPath(new URL('../../../../packages/partners/src/webhooks/verify-example.ts', import.meta.url))

describe('the docs’ signature check', () => {
  it('is the one @rapport/partners tests, to the letter', () => {
    expect(WEBHOOK_VERIFY_EXAMPLE).toBe(readFileSync(original, 'utf8'))
  })
})
