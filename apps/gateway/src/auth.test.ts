import { createTestDb, type TestDb } from '@rapport/db/testing'
import type { Client } from 'graphql-ws'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestGateway, wsExecute, type TestGateway } from './testing.ts'

type Errors = { message: string; extensions?: { code?: string } }[]
type Result<T> = { data?: T; errors?: Errors }

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) {
  __typename
  ... on AuthPayload { token expiresAt viewer { user { displayName email } buyer { displayName } memberships { role supplier { slug } } } }
  ... on Error { message code }
  ... on ValidationError { field }
} }`
const SIGN_IN = `mutation($input: SignInInput!) { signIn(input: $input) {
  __typename
  ... on AuthPayload { token viewer { user { email } } }
  ... on Error { message code }
  ... on RateLimitedError { retryAfterSeconds }
} }`
const VIEWER = '{ viewer { user { email } } }'
const SIGN_OUT = 'mutation { signOut }'
const password = 'correct horse battery'

let db: TestDb
let gw: TestGateway
beforeAll(async () => {
  db = await createTestDb()
  gw = await startTestGateway(db, { redisUrl: process.env.REDIS_URL })
})
afterAll(async () => {
  await gw?.close()
  await db?.drop()
})

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
type SignUpData = { signUp: { __typename: string; token?: string; field?: string; code?: string; message?: string; viewer?: unknown } }
type SignInData = { signIn: { __typename: string; token?: string; code?: string; message?: string; retryAfterSeconds?: number } }

/** Waits for the socket to close and returns its close code. */
function closeCode(client: Client): Promise<number> {
  return new Promise((resolve) => client.on('closed', (e) => resolve((e as { code: number }).code)))
}

describe('identity over HTTP', () => {
  it('signs up a buyer, reads the viewer with the token, signs out, and refuses the token afterwards', async () => {
    const up = await gw.post<Result<SignUpData>>(SIGN_UP, {
      input: { accountType: 'BUYER', email: 'Lena@Example.com', password, displayName: 'Lena' },
    })
    expect(up.body.data!.signUp).toMatchObject({
      __typename: 'AuthPayload',
      viewer: { user: { displayName: 'Lena', email: 'lena@example.com' }, buyer: { displayName: 'Lena' }, memberships: [] },
    })
    const token = up.body.data!.signUp.token!

    const viewer = await gw.post<Result<{ viewer: unknown }>>(VIEWER, undefined, bearer(token))
    expect(viewer.body.data!.viewer).toEqual({ user: { email: 'lena@example.com' } })

    const out = await gw.post<Result<{ signOut: boolean }>>(SIGN_OUT, undefined, bearer(token))
    expect(out.body.data!.signOut).toBe(true)

    expect((await gw.post<Result<{ viewer: unknown }>>(VIEWER, undefined, bearer(token))).body.data!.viewer).toBeNull()
    const again = await gw.post<Result<unknown>>(SIGN_OUT, undefined, bearer(token))
    expect(again.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED')
  })

  it('accepts the session as the rapport_session cookie too', async () => {
    const { body } = await gw.post<Result<SignInData>>(SIGN_IN, { input: { email: 'lena@example.com', password } })
    const token = body.data!.signIn.token!
    const viewer = await gw.post<Result<{ viewer: unknown }>>(VIEWER, undefined, { cookie: `theme=dark; rapport_session=${token}` })
    expect(viewer.body.data!.viewer).toEqual({ user: { email: 'lena@example.com' } })
  })

  it('signs up a supplier with its organisation, owned by the new user', async () => {
    const { body } = await gw.post<Result<SignUpData>>(SIGN_UP, {
      input: { accountType: 'SUPPLIER', email: 'kofi@loom.example', password, displayName: 'Kofi', supplierName: 'Kente & Co', timeZone: 'Africa/Accra' },
    })
    expect(body.data!.signUp).toMatchObject({ viewer: { memberships: [{ role: 'OWNER', supplier: { slug: 'kente-and-co' } }] } })
  })

  it('answers bad input with a typed ValidationError naming the field, and creates nothing', async () => {
    const users = await db.prisma.user.count()
    const { body } = await gw.post<Result<SignUpData>>(SIGN_UP, {
      input: { accountType: 'SUPPLIER', email: 'x@loom.example', password, displayName: 'X', timeZone: 'Africa/Accra' },
    })
    expect(body.data!.signUp).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION_FAILED', field: 'supplierName' })
    const taken = await gw.post<Result<SignUpData>>(SIGN_UP, {
      input: { accountType: 'BUYER', email: 'LENA@example.com', password, displayName: 'Dup' },
    })
    expect(taken.body.data!.signUp).toMatchObject({ __typename: 'ConflictError', code: 'CONFLICT' })
    expect(await db.prisma.user.count()).toBe(users)
  })

})

describe('identity over graphql-ws', () => {
  it('signs up, signs in, reads the viewer with the token in connectionParams, and signs out', async () => {
    const anon = gw.wsClient()
    const up = await wsExecute<SignUpData>(anon, SIGN_UP, {
      input: { accountType: 'BUYER', email: 'wsuser@example.com', password, displayName: 'Wes' },
    })
    expect(up.data!.signUp.__typename).toBe('AuthPayload')
    const signedIn = await wsExecute<SignInData>(anon, SIGN_IN, { input: { email: 'wsuser@example.com', password } })
    const token = signedIn.data!.signIn.token!

    // Not lazy: the socket stays open between operations, as in the web app.
    const client = gw.wsClient({ connectionParams: { authToken: token }, lazy: false })
    expect((await wsExecute<{ viewer: unknown }>(client, VIEWER)).data!.viewer).toEqual({ user: { email: 'wsuser@example.com' } })
    const closed = closeCode(client)
    expect((await wsExecute<{ signOut: boolean }>(client, SIGN_OUT)).data!.signOut).toBe(true)
    // Signing out closes every socket that used the session, with 4403 (Forbidden).
    expect(await closed).toBe(4403)
  })

  it('refuses a connection that presents a revoked session', async () => {
    const { body } = await gw.post<Result<SignInData>>(SIGN_IN, { input: { email: 'wsuser@example.com', password } })
    const token = body.data!.signIn.token!
    await gw.post(SIGN_OUT, undefined, bearer(token))
    const client = gw.wsClient({ connectionParams: { authToken: token } })
    const closed = closeCode(client)
    await expect(wsExecute(client, VIEWER)).rejects.toBeTruthy()
    expect(await closed).toBe(4403)
  })

  it('after a pub/sub reconnect, ends sockets and cached sessions whose sign-out news was lost', async () => {
    const { body } = await gw.post<Result<SignInData>>(SIGN_IN, { input: { email: 'wsuser@example.com', password } })
    const token = body.data!.signIn.token!
    const client = gw.wsClient({ connectionParams: { authToken: token }, lazy: false })
    expect((await wsExecute<{ viewer: unknown }>(client, VIEWER)).data!.viewer).toEqual({ user: { email: 'wsuser@example.com' } })
    // Cached by this gateway now.
    expect((await gw.post<Result<{ viewer: unknown }>>(VIEWER, undefined, bearer(token))).body.data!.viewer).not.toBeNull()

    // Signed out elsewhere while this gateway's pub/sub connection was down: the row changed,
    // the news never came.
    const session = await db.prisma.session.findFirstOrThrow({ where: { user: { email: 'wsuser@example.com' }, revokedAt: null }, orderBy: { createdAt: 'desc' } })
    await db.prisma.session.update({ where: { id: session.id }, data: { revokedAt: new Date() } })
    const closed = closeCode(client)
    gw.pubsub.resyncNow()
    expect(await closed).toBe(4403)
    expect((await gw.post<Result<{ viewer: unknown }>>(VIEWER, undefined, bearer(token))).body.data!.viewer).toBeNull()
  })

  it('treats a socket without a token as signed out', async () => {
    const client = gw.wsClient()
    expect((await wsExecute<{ viewer: unknown }>(client, VIEWER)).data!.viewer).toBeNull()
    const denied = await wsExecute(client, SIGN_OUT)
    expect(denied.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED')
  })
})

describe('repeated failed sign-ins', () => {
  it('answer InvalidCredentialsError, then RateLimitedError with a retry delay', async () => {
    // A gateway of its own: the attempt limiter counts per IP, and every test client is 127.0.0.1.
    const limited = await startTestGateway(db, { redisUrl: process.env.REDIS_URL, signInAttempts: 3 })
    try {
      const wrong = async () =>
        (await limited.post<Result<SignInData>>(SIGN_IN, { input: { email: 'kofi@loom.example', password: 'not the password' } })).body.data!.signIn
      expect(await wrong()).toMatchObject({ __typename: 'InvalidCredentialsError', message: 'Email or password is incorrect.' })
      await wrong()
      await wrong()
      expect(await wrong()).toMatchObject({ __typename: 'RateLimitedError', code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) })
      const right = await limited.post<Result<SignInData>>(SIGN_IN, { input: { email: 'kofi@loom.example', password } })
      expect(right.body.data!.signIn.__typename).toBe('RateLimitedError')
    } finally {
      await limited.close()
    }
  })

  it('lock that account from that address only: another account from the address, and the account from elsewhere, sign in', async () => {
    const limited = await startTestGateway(db, { redisUrl: process.env.REDIS_URL, signInAttempts: 3, webProxySecret: 'a-shared-secret-of-32-characters' })
    const from = (ip: string) => ({ 'x-rapport-client-ip': ip, 'x-rapport-proxy-secret': 'a-shared-secret-of-32-characters' })
    const signInAs = async (email: string, pw: string, ip: string) =>
      (await limited.post<Result<SignInData>>(SIGN_IN, { input: { email, password: pw } }, from(ip))).body.data!.signIn.__typename
    try {
      for (let i = 0; i < 3; i++) expect(await signInAs('kofi@loom.example', 'not the password', '203.0.113.9')).toBe('InvalidCredentialsError')
      expect(await signInAs('kofi@loom.example', password, '203.0.113.9')).toBe('RateLimitedError')
      // Somebody else behind the same address, with their right password.
      expect(await signInAs('lena@example.com', password, '203.0.113.9')).toBe('AuthPayload')
      // Kofi himself, from his own address.
      expect(await signInAs('kofi@loom.example', password, '198.51.100.20')).toBe('AuthPayload')
    } finally {
      await limited.close()
    }
  })

  it('block an address that fails ten times the consecutive limit in a day, across accounts', async () => {
    const limited = await startTestGateway(db, { redisUrl: process.env.REDIS_URL, signInAttempts: 3 })
    const signInAs = async (email: string, pw: string) =>
      (await limited.post<Result<SignInData>>(SIGN_IN, { input: { email, password: pw } })).body.data!.signIn
    try {
      for (let i = 0; i < 30; i++) expect((await signInAs(`guess${i}@example.com`, 'not the password')).__typename).toBe('InvalidCredentialsError')
      expect(await signInAs('lena@example.com', password)).toMatchObject({ __typename: 'RateLimitedError', code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) })
      expect(((await signInAs('lena@example.com', password)) as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(23 * 3600)
    } finally {
      await limited.close()
    }
  })
})

describe('the web app speaking for its visitors', () => {
  const secret = 'a-shared-secret-of-32-characters'
  const attempt = (gw: TestGateway, email: string, ip: string, givenSecret = secret) =>
    gw
      .post<Result<SignInData>>(
        SIGN_IN,
        { input: { email, password: 'not the password' } },
        { 'x-rapport-client-ip': ip, 'x-rapport-proxy-secret': givenSecret },
      )
      .then((r) => r.body.data!.signIn.__typename)

  it('limits sign-ins per visitor address when the request carries the shared secret', async () => {
    const limited = await startTestGateway(db, { redisUrl: process.env.REDIS_URL, signInAttempts: 3, webProxySecret: secret })
    try {
      // Three failures at one account from one visitor lock that visitor out of it …
      for (let n = 0; n < 3; n++) expect(await attempt(limited, 'a1@example.com', '203.0.113.5')).toBe('InvalidCredentialsError')
      expect(await attempt(limited, 'a1@example.com', '203.0.113.5')).toBe('RateLimitedError')
      // … but another visitor behind the same web server is not punished for it.
      expect(await attempt(limited, 'a1@example.com', '198.51.100.7')).toBe('InvalidCredentialsError')
    } finally {
      await limited.close()
    }
  })

  it('ignores a claimed address without the right secret', async () => {
    const limited = await startTestGateway(db, { redisUrl: process.env.REDIS_URL, signInAttempts: 3, webProxySecret: secret })
    try {
      // Each request claims a new address, but the secret is wrong: they all count as 127.0.0.1.
      const wrong = 'not-the-shared-secret-at-all-00000'
      for (const n of [1, 2, 3]) expect(await attempt(limited, 'c1@example.com', `192.0.2.${n}`, wrong)).toBe('InvalidCredentialsError')
      expect(await attempt(limited, 'c1@example.com', '192.0.2.4', wrong)).toBe('RateLimitedError')
    } finally {
      await limited.close()
    }
  })
})
