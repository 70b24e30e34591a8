import { describe, expect, it } from 'vitest'
import { FORM_ALLOWANCE_BYTES, formFileMaxBytes } from './limits'

describe('formFileMaxBytes', () => {
  const gateway = { attachmentMaxBytes: 10 * 1024 * 1024 }

  it('is the gateway’s limit when this server takes bigger posts', () => {
    expect(formFileMaxBytes(gateway, 11 * 1024 * 1024)).toBe(10 * 1024 * 1024)
    expect(formFileMaxBytes(gateway, Infinity)).toBe(10 * 1024 * 1024)
  })

  it('is what fits in this server’s request limit beside the form’s fields otherwise', () => {
    expect(formFileMaxBytes(gateway, 512 * 1024)).toBe(512 * 1024 - FORM_ALLOWANCE_BYTES)
  })
})
