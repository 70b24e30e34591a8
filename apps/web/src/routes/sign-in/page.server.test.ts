import { isActionFailure, isRedirect, type RequestEvent } from '@sveltejs/kit'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { actions } from './+page.server'

function submit(fields: Record<string, string>, gatewayAnswer: unknown) {
  const set = vi.fn()
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(gatewayAnswer), { headers: { 'content-type': 'application/json' } })),
  )
  const body = new FormData()
  for (const [key, value] of Object.entries(fields)) body.set(key, value)
  const event = {
    request: new Request('http://web.test/sign-in', { method: 'POST', body }),
    url: new URL('https://web.test/sign-in'),
    cookies: { set },
    locals: {},
  } as unknown as RequestEvent
  return { run: () => (actions.default as (e: RequestEvent) => Promise<unknown>)(event), set }
}

describe('the sign-in action', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('says how long to wait when sign-ins are rate limited, and keeps the email', async () => {
    const { run } = submit(
      { email: 'maya@example.com', password: 'guess' },
      {
        data: {
          signIn: {
            __typename: 'RateLimitedError',
            message: 'Too many sign-in attempts. Try again in 15 minutes.',
            code: 'RATE_LIMITED',
            retryAfterSeconds: 900,
          },
        },
      },
    )
    const result = await run()
    expect(isActionFailure(result)).toBe(true)
    expect(result).toMatchObject({
      status: 429,
      data: { email: 'maya@example.com', rateLimited: true, errors: { form: expect.stringContaining('15 minutes') } },
    })
    expect(JSON.stringify(result)).not.toContain('guess')
  })

  it('sets a Secure HttpOnly session cookie until the session expires, then follows a same-site next', async () => {
    const { run, set } = submit(
      { email: 'maya@example.com', password: 'rapport-demo', next: '/products/abc' },
      {
        data: {
          signIn: {
            __typename: 'AuthPayload',
            token: 'tok',
            expiresAt: '2026-12-25T10:00:00.000Z',
            viewer: { buyer: { id: 'b' }, memberships: [] },
          },
        },
      },
    )
    const error = await run().catch((e: unknown) => e)
    expect(isRedirect(error)).toBe(true)
    expect(error).toMatchObject({ status: 303, location: '/products/abc' })
    expect(set).toHaveBeenCalledWith('rapport_session', 'tok', {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: true,
      expires: new Date('2026-12-25T10:00:00.000Z'),
    })
  })
})
