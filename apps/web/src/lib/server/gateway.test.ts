import { describe, expect, it } from 'vitest'
import { GatewayError, gql, operationName, serverTimingTotal } from './gateway'

const URL_ = 'http://gateway.test/graphql'

function fakeFetch(respond: (init: RequestInit | undefined) => Response | Promise<Response>) {
  const calls: Array<{ url: string; init: RequestInit | undefined }> = []
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init })
    return respond(init)
  }) as typeof globalThis.fetch
  return { fetch, calls }
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

describe('gql', () => {
  it('posts the query and variables as JSON and returns data', async () => {
    const { fetch, calls } = fakeFetch(() => json({ data: { hello: 'world' } }))
    const data = await gql<{ hello: string }>('query Q($n: Int!) { hello }', { n: 1 }, { fetch, url: URL_ })

    expect(data).toEqual({ hello: 'world' })
    expect(calls).toHaveLength(1)
    const init = calls[0]?.init
    expect(calls[0]?.url).toBe(URL_)
    expect(init?.method).toBe('POST')
    expect(new Headers(init?.headers).get('content-type')).toBe('application/json')
    expect(JSON.parse(String(init?.body))).toEqual({ query: 'query Q($n: Int!) { hello }', variables: { n: 1 } })
    expect(init?.signal).toBeInstanceOf(AbortSignal)
  })

  it('throws a GatewayError with the message and code of the first GraphQL error', async () => {
    const { fetch } = fakeFetch(() =>
      json({ data: null, errors: [{ message: 'Invalid cursor', extensions: { code: 'BAD_USER_INPUT' } }] }),
    )
    const error = await gql('{ x }', {}, { fetch, url: URL_ }).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(GatewayError)
    expect(error).toMatchObject({ kind: 'graphql', message: 'Invalid cursor', code: 'BAD_USER_INPUT' })
  })

  it('throws a network GatewayError when the gateway cannot be reached', async () => {
    const { fetch } = fakeFetch(() => {
      throw new TypeError('fetch failed')
    })
    const error = await gql('{ x }', {}, { fetch, url: URL_ }).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(GatewayError)
    expect(error).toMatchObject({ kind: 'network', message: `Gateway unreachable at ${URL_}` })
    expect((error as GatewayError).toLogString()).toBe(
      `GatewayError(network) — Gateway unreachable at ${URL_} — cause: fetch failed`,
    )
  })

  it('throws a network GatewayError when the gateway answers with something that is not GraphQL', async () => {
    const { fetch } = fakeFetch(() => new Response('<h1>Bad gateway</h1>', { status: 502 }))
    const error = await gql('{ x }', {}, { fetch, url: URL_ }).catch((e: unknown) => e)

    expect(error).toMatchObject({ kind: 'network', status: 502 })
  })

  it('gives up when the gateway does not answer in time', async () => {
    const { fetch } = fakeFetch(
      (init) =>
        new Promise<Response>((_, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))
        }),
    )
    const error = await gql('{ x }', {}, { fetch, url: URL_, timeoutMs: 20 }).catch((e: unknown) => e)

    expect(error).toMatchObject({ kind: 'network', message: `Gateway timed out at ${URL_}` })
  })
})

describe('gql as the viewer', () => {
  it('sends the session token as a Bearer header and no cookies', async () => {
    const { fetch, calls } = fakeFetch(() => json({ data: { ok: true } }))
    await gql('query Me { viewer { isStaff } }', {}, { fetch, url: URL_, token: 'tok-123' })

    const init = calls[0]?.init
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer tok-123')
    expect(init?.credentials).toBe('omit')
  })

  it('sends no Authorization header when signed out', async () => {
    const { fetch, calls } = fakeFetch(() => json({ data: { ok: true } }))
    await gql('{ x }', {}, { fetch, url: URL_, token: null })
    expect(new Headers(calls[0]?.init?.headers).has('authorization')).toBe(false)
  })
})

describe('operationName', () => {
  it('names the operation for logs and statistics', () => {
    expect(operationName('query SupplierPage($slug: String!) { x }')).toBe('SupplierPage')
    expect(operationName('  mutation SignIn { x }')).toBe('SignIn')
    expect(operationName('{ x }')).toBe('anonymous')
  })
})

describe('serverTimingTotal', () => {
  it('reads the total duration of a Server-Timing header', () => {
    expect(serverTimingTotal('parse;dur=0.3, validate;dur=3.3, execute;dur=225.1, total;dur=229.1')).toBe(229.1)
    expect(serverTimingTotal('total;dur=4')).toBe(4)
    expect(serverTimingTotal('db;dur=3')).toBeNull()
    expect(serverTimingTotal(null)).toBeNull()
  })
})
