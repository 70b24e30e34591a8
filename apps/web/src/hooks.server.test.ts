import type { RequestEvent } from '@sveltejs/kit'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { handleError } from './hooks.server'

describe('handleError', () => {
  afterEach(() => vi.restoreAllMocks())

  it('shows a calm message with a reference id and logs the real error under the same id', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    const boom = new Error('secret internals')
    const event = { request: new Request('http://x.test/a?b=1'), url: new URL('http://x.test/a?b=1') } as RequestEvent

    const result = await handleError({ error: boom, event, status: 500, message: 'Internal Error' })

    expect(result).toEqual({ message: 'Something went wrong on our side.', id: expect.any(String) })
    expect(JSON.stringify(result)).not.toContain('secret internals')
    const id = result?.id ?? ''
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    expect(log).toHaveBeenCalledWith(expect.stringContaining(id), boom)
    expect(log.mock.calls[0]?.[0]).toContain('GET /a?b=1')
  })
})
