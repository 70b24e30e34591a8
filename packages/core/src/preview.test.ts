import { describe, expect, it } from 'vitest'
import { messagePreview, PREVIEW_LENGTH } from './preview.ts'

describe('messagePreview', () => {
  it('collapses whitespace and keeps short messages whole', () => {
    expect(messagePreview('  Hello\n\nthere   you ')).toBe('Hello there you')
  })

  it('cuts long messages to the preview length, ending with an ellipsis and no dangling space', () => {
    const body = `${'a'.repeat(PREVIEW_LENGTH - 2)} ${'b'.repeat(50)}`
    const preview = messagePreview(body)
    expect(preview.length).toBeLessThanOrEqual(PREVIEW_LENGTH)
    expect(preview).toBe(`${'a'.repeat(PREVIEW_LENGTH - 2)}…`)
  })
})
