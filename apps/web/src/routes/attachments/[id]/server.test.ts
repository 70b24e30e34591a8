import { isHttpError, type RequestEvent } from '@sveltejs/kit'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { GET } from './+server'

const ID = '0b0e5d2a-55c1-4a43-9a55-6f0f3f7c2a10'

function get(token: string | null, answer: Response) {
  const fetch = vi.fn(async () => answer)
  vi.stubGlobal('fetch', fetch)
  const event = { params: { id: ID }, locals: { token } } as unknown as RequestEvent
  const run = async () => {
    try {
      return await (GET as (e: RequestEvent) => Promise<Response>)(event)
    } catch (e) {
      if (isHttpError(e)) return e
      throw e
    }
  }
  return { run, fetch }
}

const picture = () =>
  new Response(new Uint8Array([0x89, 0x50, 0x4e, 0x47]), {
    headers: { 'content-type': 'image/png', 'content-length': '4', 'cache-control': 'public, max-age=3600' },
  })

describe('the attachment proxy', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('passes a public picture on to a signed-out visitor, asking the gateway without a session', async () => {
    const { run, fetch } = get(null, picture())
    const response = (await run()) as Response
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))
    const init = (fetch.mock.calls[0] as unknown as [URL, RequestInit])[1]
    expect(new Headers(init.headers).has('authorization')).toBe(false)
  })

  it('asks a signed-out visitor to sign in for a file that is not public', async () => {
    const { run } = get(null, Response.json({ error: { message: 'No such file.' } }, { status: 404 }))
    expect(await run()).toMatchObject({ status: 401 })
  })

  it('says not found to a signed-in viewer for a file that is not theirs', async () => {
    const { run } = get('tok', Response.json({ error: { message: 'No such file.' } }, { status: 404 }))
    expect(await run()).toMatchObject({ status: 404 })
  })
})
