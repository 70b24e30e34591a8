import { describe, expect, it } from 'vitest'
import { EXPLORER_MAX_BODY_BYTES } from '$lib/developers'
import { proxyExplorerRequest } from './explorer-proxy'
import { readBodyUpTo } from './request-body'

const GATEWAY = 'http://gateway.test/graphql'
const KEY = 'Bearer rpk_live_abcdEFGH1234'

function fakeGateway(respond: () => Response = () => Response.json({ data: { apiScopes: [] } })) {
  const calls: Array<{ url: string; init: RequestInit }> = []
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} })
    return respond()
  }) as typeof globalThis.fetch
  return { fetch, calls }
}

function explorerRequest(headers: Record<string, string>, body: BodyInit = '{"query":"{ apiScopes { name } }"}') {
  return new Request('http://web.test/developers/explorer/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  })
}

async function errorOf(response: Response) {
  const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> }
  return { status: response.status, code: body.errors[0]?.extensions.code, message: body.errors[0]?.message }
}

describe('the explorer’s endpoint', () => {
  it('forwards the body with the key alone: no cookie, no other header of the visitor', async () => {
    const gateway = fakeGateway()
    const request = explorerRequest({ authorization: KEY, cookie: 'rapport_session=secret', 'x-custom': '1' })
    const response = await proxyExplorerRequest(request, { fetch: gateway.fetch, url: GATEWAY })

    expect(response.status).toBe(200)
    expect(gateway.calls).toHaveLength(1)
    const sent = new Headers(gateway.calls[0]!.init.headers)
    expect(sent.get('authorization')).toBe(KEY)
    expect(sent.get('cookie')).toBeNull()
    expect(sent.get('x-custom')).toBeNull()
    expect(gateway.calls[0]!.init.credentials).toBe('omit')
    expect(gateway.calls[0]!.init.body).toBe('{"query":"{ apiScopes { name } }"}')
  })

  it('returns the gateway’s body, status and rate-limit headers, and nothing else of its headers', async () => {
    const gateway = fakeGateway(
      () =>
        new Response('{"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED"}}]}', {
          status: 429,
          headers: {
            'content-type': 'application/graphql-response+json',
            'x-ratelimit-limit': '10000',
            'x-ratelimit-remaining': '12',
            'retry-after': '3',
            'set-cookie': 'gateway=1',
          },
        }),
    )
    const response = await proxyExplorerRequest(explorerRequest({ authorization: KEY }), {
      fetch: gateway.fetch,
      url: GATEWAY,
    })

    expect(response.status).toBe(429)
    expect(response.headers.get('x-ratelimit-limit')).toBe('10000')
    expect(response.headers.get('x-ratelimit-remaining')).toBe('12')
    expect(response.headers.get('retry-after')).toBe('3')
    expect(response.headers.get('set-cookie')).toBeNull()
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await errorOf(response)).toMatchObject({ code: 'THROTTLED' })
  })

  it.each([
    ['no Authorization header', {}],
    ['a session token', { authorization: 'Bearer 4f2a9c0d-session-token' }],
    ['a key without "Bearer"', { authorization: 'rpk_live_abcdEFGH1234' }],
  ])('refuses %s with UNAUTHENTICATED, without calling the gateway', async (_, headers) => {
    const gateway = fakeGateway()
    const response = await proxyExplorerRequest(explorerRequest(headers), { fetch: gateway.fetch, url: GATEWAY })

    expect(await errorOf(response)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' })
    expect(gateway.calls).toHaveLength(0)
  })

  it('refuses a body over 1 MB, by its Content-Length or as it is read', async () => {
    const gateway = fakeGateway()
    const big = `{"query":"${'x'.repeat(EXPLORER_MAX_BODY_BYTES)}"}`
    const declared = await proxyExplorerRequest(
      explorerRequest({ authorization: KEY, 'content-length': String(big.length) }, big),
      {
        fetch: gateway.fetch,
        url: GATEWAY,
      },
    )
    const streamed = await proxyExplorerRequest(explorerRequest({ authorization: KEY }, big), {
      fetch: gateway.fetch,
      url: GATEWAY,
    })

    expect(await errorOf(declared)).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' })
    expect(await errorOf(streamed)).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' })
    expect(gateway.calls).toHaveLength(0)
  })

  it('refuses a body that is not a JSON object, and a non-JSON content type', async () => {
    const gateway = fakeGateway()
    const notJson = await proxyExplorerRequest(explorerRequest({ authorization: KEY }, 'query { x }'), {
      fetch: gateway.fetch,
      url: GATEWAY,
    })
    const form = await proxyExplorerRequest(
      explorerRequest({ authorization: KEY, 'content-type': 'application/x-www-form-urlencoded' }, 'query=x'),
      { fetch: gateway.fetch, url: GATEWAY },
    )

    expect(await errorOf(notJson)).toMatchObject({ status: 400, code: 'BAD_REQUEST' })
    expect(await errorOf(form)).toMatchObject({ status: 415 })
    expect(gateway.calls).toHaveLength(0)
  })

  it('answers 503 in GraphQL’s error shape when the gateway cannot be reached', async () => {
    const fetch = (async () => {
      throw new TypeError('fetch failed')
    }) as typeof globalThis.fetch
    const response = await proxyExplorerRequest(explorerRequest({ authorization: KEY }), { fetch, url: GATEWAY })

    expect(await errorOf(response)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' })
  })
})

describe('readBodyUpTo', () => {
  it('reads a body up to the limit and gives up past it', async () => {
    const request = (body: string) => new Request('http://web.test/', { method: 'POST', body })
    expect(await readBodyUpTo(request('héllo'), 6)).toBe('héllo')
    expect(await readBodyUpTo(request('héllo!'), 6)).toBeNull()
  })
})
