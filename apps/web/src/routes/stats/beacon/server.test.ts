// The beacon and the route timings, up to what is posted to the gateway: the hook times every
// request under its route id, the beacon counts a browser's timings only for a route this process
// has served, and the rows go to the gateway's POST /stats with the shared secret.
import type { RequestEvent } from '@sveltejs/kit'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { handle } from '../../../hooks.server'
import { postStats, resetStatsForTests } from '$lib/server/stats'
import { POST } from './+server'
import { BEACON_MAX_BYTES, parseBeacon } from './beacon'

vi.mock('$env/dynamic/private', () => ({
  env: { WEB_PROXY_SECRET: 'proxy-secret', GATEWAY_URL: 'http://gateway.test/graphql', STATS_FLUSH_MS: '600000' },
}))

type Posted = { url: string; secret: string | null; rows: Array<{ source: string; name: string; count: number; errors: number; minute: string }> }

let posted: Posted[] = []
beforeEach(() => {
  posted = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: URL, init: RequestInit) => {
      posted.push({
        url: String(url),
        secret: new Headers(init.headers).get('x-rapport-proxy-secret'),
        rows: (JSON.parse(String(init.body)) as Pick<Posted, 'rows'>).rows,
      })
      return new Response(JSON.stringify({ saved: 1 }), { status: 202 })
    }),
  )
})
afterEach(async () => {
  await resetStatsForTests()
  vi.unstubAllGlobals()
})

/** A request through the hook, as SvelteKit makes it, answered with `status`. */
async function serve(routeId: string | null, status = 200) {
  const url = new URL(`http://web.test${routeId ?? '/nowhere'}`)
  const event = {
    url,
    route: { id: routeId },
    request: new Request(url),
    locals: {},
    cookies: { get: () => undefined },
  } as unknown as RequestEvent
  return handle({ event, resolve: async () => new Response(status === 204 ? null : 'page', { status }) })
}

function beacon(body: string | object, type = 'application/json') {
  const request = new Request('http://web.test/stats/beacon', {
    method: 'POST',
    headers: { 'content-type': type },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return (POST as (e: RequestEvent) => Promise<Response>)({ request } as RequestEvent)
}

/** Everything counted so far, as the gateway receives it. */
async function sent() {
  await resetStatsForTests()
  return posted.flatMap((p) => p.rows.map((r) => ({ source: r.source, name: r.name, count: r.count, errors: r.errors })))
}

describe('route timings', () => {
  it('counts every request under its route id, 5xx as errors, unknown URLs as "(no route)"', async () => {
    await serve('/conversations/[id]')
    await serve('/conversations/[id]', 503)
    await serve(null, 404)
    expect(await sent()).toEqual([
      { source: 'route', name: '/conversations/[id]', count: 2, errors: 1 },
      { source: 'route', name: '(no route)', count: 1, errors: 0 },
    ])
    expect(posted[0]).toMatchObject({ url: 'http://gateway.test/stats', secret: 'proxy-secret' })
    expect(posted[0]!.rows[0]!.minute).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$/)
  })
})

describe('the beacon', () => {
  it('counts a page load and its largest contentful paint for a route this process served', async () => {
    await serve('/suppliers/[slug]')
    const response = await beacon({ route: '/suppliers/[slug]', loadMs: 812.4, lcpMs: 640 })
    expect(response.status).toBe(204)
    // The beacon's own request is not a route of the site.
    await serve('/stats/beacon', 204)
    expect(await sent()).toEqual([
      { source: 'route', name: '/suppliers/[slug]', count: 1, errors: 0 },
      { source: 'page-load', name: '/suppliers/[slug]', count: 1, errors: 0 },
      { source: 'lcp', name: '/suppliers/[slug]', count: 1, errors: 0 },
    ])
  })

  it('takes text/plain (what some browsers send) and either timing alone', async () => {
    await serve('/')
    expect((await beacon(JSON.stringify({ route: '/', lcpMs: 300 }), 'text/plain;charset=UTF-8')).status).toBe(204)
    expect((await sent()).filter((r) => r.source !== 'route')).toEqual([{ source: 'lcp', name: '/', count: 1, errors: 0 }])
  })

  it('answers 204 but counts nothing for a route it never served', async () => {
    expect((await beacon({ route: '/made-up/[x]', loadMs: 100 })).status).toBe(204)
    expect(await sent()).toEqual([])
  })

  it('refuses what is not a beacon with 400', async () => {
    await serve('/')
    const bad = [
      'not json',
      [],
      { loadMs: 10 },
      { route: 42 },
      { route: 'x'.repeat(121), loadMs: 10 },
      { route: '/', loadMs: -1 },
      { route: '/', loadMs: 0 },
      { route: '/', lcpMs: 120_000 },
      { route: '/', loadMs: '100' },
      { route: '/', loadMs: 10, padding: 'x'.repeat(BEACON_MAX_BYTES) },
    ]
    for (const body of bad) expect((await beacon(body as object)).status, JSON.stringify(body).slice(0, 60)).toBe(400)
    expect((await sent()).filter((r) => r.source !== 'route')).toEqual([])
  })

  it('reads the fields it knows and nothing else', () => {
    expect(parseBeacon('{"route":"/inbox","loadMs":1.5,"extra":true}')).toEqual({ route: '/inbox', loadMs: 1.5, lcpMs: undefined })
    expect(parseBeacon('null')).toBeNull()
  })
})

describe('posting to the gateway', () => {
  it('fails when the gateway does not take the rows, so the recorder keeps them', async () => {
    const fetch = vi.fn(async () => new Response('{}', { status: 404 }))
    await expect(postStats([], { secret: 'wrong', url: new URL('http://gateway.test/graphql'), fetch })).rejects.toThrow(/404/)
  })
})
