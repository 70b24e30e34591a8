import type { Cookies, RequestEvent } from '@sveltejs/kit'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { handle, handleError } from './hooks.server'

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

const viewer = {
  isStaff: false,
  unreadCount: 2,
  user: { displayName: 'Maya Lindqvist', email: 'maya@example.com' },
  buyer: { id: 'b1', displayName: 'Maya Lindqvist', timeZone: 'Europe/Stockholm' },
  memberships: [],
}

function fakeEvent(cookies: Record<string, string>, gateway: (init: RequestInit) => Response | Promise<Response>) {
  const jar = new Map(Object.entries(cookies))
  const deleted: string[] = []
  const requests: RequestInit[] = []
  const event = {
    url: new URL('http://web.test/suppliers/olive-oak'),
    request: new Request('http://web.test/suppliers/olive-oak'),
    locals: {},
    cookies: {
      get: (name: string) => jar.get(name),
      delete: (name: string) => {
        deleted.push(name)
        jar.delete(name)
      },
    } as unknown as Cookies,
    fetch: (async (_url: RequestInfo | URL, init?: RequestInit) => {
      requests.push(init ?? {})
      return gateway(init ?? {})
    }) as typeof fetch,
    getClientAddress: () => '203.0.113.7',
  } as unknown as RequestEvent
  return { event, deleted, requests }
}

const json = (body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json', ...headers } })

describe('handle', () => {
  afterEach(() => {
    vi.restoreAllMocks()
    vi.unstubAllGlobals()
  })

  it('asks the gateway who the session cookie belongs to and sets locals.viewer', async () => {
    const { event, requests } = fakeEvent({ rapport_session: 'tok' }, () => json({ data: { viewer } }))
    vi.stubGlobal('fetch', event.fetch)
    const resolve = vi.fn(async () => new Response('ok'))

    await handle({ event, resolve })

    expect(event.locals.viewer).toEqual(viewer)
    expect(event.locals.token).toBe('tok')
    expect(new Headers(requests[0]?.headers).get('authorization')).toBe('Bearer tok')
    // Dates are shown in the buyer's zone until the browser tells us its own.
    expect(event.locals.timeZone).toBe('Europe/Stockholm')
    expect(resolve).toHaveBeenCalledOnce()
  })

  it('treats a token the gateway doesn’t know as signed out and deletes the cookie', async () => {
    const { event, deleted } = fakeEvent({ rapport_session: 'old' }, () => json({ data: { viewer: null } }))
    vi.stubGlobal('fetch', event.fetch)

    await handle({ event, resolve: async () => new Response('ok') })

    expect(event.locals.viewer).toBeNull()
    expect(event.locals.token).toBeNull()
    expect(deleted).toEqual(['rapport_session'])
    expect(event.locals.timeZone).toBe('UTC')
  })

  it('keeps the cookie when the gateway can’t be reached: the session is probably fine', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const { event, deleted } = fakeEvent({ rapport_session: 'tok' }, () => {
      throw new TypeError('fetch failed')
    })
    vi.stubGlobal('fetch', event.fetch)

    await handle({ event, resolve: async () => new Response('ok') })

    expect(event.locals.viewer).toBeNull()
    expect(deleted).toEqual([])
  })

  it('does not call the gateway for visitors without a session', async () => {
    const { event, requests } = fakeEvent({ rapport_tz: 'Asia/Tokyo' }, () => json({ data: {} }))
    await handle({ event, resolve: async () => new Response('ok') })
    expect(requests).toHaveLength(0)
    expect(event.locals.timeZone).toBe('Asia/Tokyo')
  })

  it('collects staff statistics for the page and adds the render time to Server-Timing', async () => {
    const { event } = fakeEvent({ rapport_session: 'tok' }, () =>
      json({ data: { viewer: { ...viewer, isStaff: true } } }, { 'server-timing': 'execute;dur=2, total;dur=3.5' }),
    )
    vi.stubGlobal('fetch', event.fetch)

    // What a page's load does through gql() inside a real request (see $lib/server/gateway).
    const pageCall = { operation: 'SupplierPage', ms: 12, gatewayMs: 9.5, ok: true }
    const response = await handle({
      event,
      resolve: async (e) => {
        e.locals.gatewayCalls.push(pageCall)
        return new Response('ok')
      },
    })
    const stats = await event.locals.staffStats

    expect(event.locals.viewer?.isStaff).toBe(true)
    expect(stats?.calls).toContainEqual(pageCall)
    expect(stats?.requestId).toBe(event.locals.requestId)
    expect(stats?.renderMs).toBeGreaterThanOrEqual(0)
    expect(response.headers.get('server-timing')).toMatch(/^render;dur=\d+$/)
  })
})
