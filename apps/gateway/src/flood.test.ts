// Floods across two real gateway processes on one PostgreSQL and one Redis: the per-user send
// budget and the sign-in attempt limits are shared through Redis, so alternating between the
// processes at twenty times the allowed rate must not get more through than one process would.
// The assertions are on counts (accepted, refused, rows written), never on how long anything
// took; the one use of the clock widens the send bound by the budget windows the flood spans.
// Runs when DATABASE_URL names PostgreSQL and REDIS_URL is set, like multi-process.test.ts.
import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { encodeGlobalID } from '@pothos/plugin-relay'
import { systemClock } from '@rapport/core'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { createSession, hashPassword } from '@rapport/identity'
import { deleteKeysWithPrefix } from '@rapport/realtime'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readEnv } from './env.ts'
import { DEFAULT_SIGN_IN_ATTEMPTS } from './modules/identity/services.ts'
import { startGatewayProcess, stopGatewayProcesses } from './testing.ts'

const enabled = !!process.env.REDIS_URL && !!process.env.DATABASE_URL?.startsWith('postgres')

/** The deployed defaults (SEND_BUDGETS unset): a burst of 10 in 10 s and 60 a minute per user. */
const SEND_BUDGETS = readEnv({}).SEND_BUDGETS
/** Consecutive failures per account and address; an address may fail ten times that a day (@rapport/realtime's attempt limiter). */
const PAIR_BUDGET = DEFAULT_SIGN_IN_ATTEMPTS
const ADDRESS_BUDGET = DEFAULT_SIGN_IN_ATTEMPTS * 10
const PROXY_SECRET = randomBytes(24).toString('hex')

type Result = { __typename: string; retryAfterSeconds?: number; code?: string }
type Answer = { data?: Record<string, Result> | null; errors?: { message: string; extensions?: { code?: string } }[] }

async function post(url: string, query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<Answer> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) })
  return (await res.json()) as Answer
}

/** Runs `count` requests with at most `inFlight` at once, as a script hammering the API would. */
async function hammer<T>(count: number, inFlight: number, request: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count)
  let next = 0
  const worker = async () => {
    for (let i = next++; i < count; i = next++) results[i] = await request(i)
  }
  await Promise.all(Array.from({ length: inFlight }, worker))
  return results
}

/** Starts one request every `intervalMs` without waiting for earlier answers: a steady rate, whatever the latency. */
async function atRate<T>(count: number, intervalMs: number, request: (i: number) => Promise<T>): Promise<T[]> {
  const pending: Promise<T>[] = []
  for (let i = 0; i < count; i++) {
    pending.push(request(i))
    await new Promise((r) => setTimeout(r, intervalMs))
  }
  return Promise.all(pending)
}

function tally(results: Result[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const r of results) counts[r.__typename] = (counts[r.__typename] ?? 0) + 1
  return counts
}

describe.runIf(enabled)('floods across two gateway processes', () => {
  let db: TestDb
  const children: ChildProcess[] = []
  const urls: string[] = []
  let prefix = ''

  beforeAll(async () => {
    db = await createTestDb('postgres')
    prefix = `rapport-test-flood-${randomBytes(4).toString('hex')}:`
    const env = {
      DATABASE_URL: db.url!,
      REDIS_URL: process.env.REDIS_URL!,
      REDIS_PREFIX: prefix,
      SEND_BUDGETS: SEND_BUDGETS.map((b) => `${b.points}/${b.durationSeconds}`).join(','),
      // Lets each test name its own client address, so the two sign-in floods do not share a count.
      WEB_PROXY_SECRET: PROXY_SECRET,
    }
    for (const p of await Promise.all([startGatewayProcess(env), startGatewayProcess(env)])) {
      children.push(p.child)
      urls.push(p.url)
    }
  }, 120_000)

  afterAll(async () => {
    await stopGatewayProcesses(children)
    if (prefix) await deleteKeysWithPrefix(process.env.REDIS_URL!, prefix)
    await db?.drop()
  })

  it('holds one user to the send budget at 20× its rate through both processes; refused sends write nothing', async () => {
    const supplier = await db.prisma.supplier.create({ data: { slug: 'oak', name: 'Oak', timeZone: 'UTC' } })
    const maya = await db.prisma.user.create({ data: { email: 'maya@example.com', displayName: 'Maya', passwordHash: 'x' } })
    const buyer = await db.prisma.buyer.create({ data: { userId: maya.id, displayName: 'Maya' } })
    const conversation = await db.prisma.conversation.create({ data: { buyerId: buyer.id, supplierId: supplier.id } })
    const token = (await createSession({ db: db.prisma, clock: systemClock }, maya.id)).token
    // The sustained rate is the tightest budget's points per second (60 a minute: 1/s); send at 20× that.
    const perSecond = Math.min(...SEND_BUDGETS.map((b) => b.points / b.durationSeconds))
    const sends = 100
    const send = (i: number) =>
      post(
        urls[i % 2]!,
        'mutation($input: SendMessageInput!) { sendMessage(input: $input) { __typename ... on RateLimitedError { code retryAfterSeconds } } }',
        { input: { conversationId: encodeGlobalID('Conversation', conversation.id), clientMessageId: `flood-${String(i).padStart(4, '0')}`, body: `Flood ${i}` } },
        { authorization: `Bearer ${token}` },
      ).then((a) => a.data?.sendMessage ?? { __typename: `errors: ${JSON.stringify(a.errors)}` })

    const started = Date.now()
    const results = await atRate(sends, 1000 / (perSecond * 20), send)
    const elapsedSeconds = (Date.now() - started) / 1000

    if (process.env.FLOOD_VERBOSE) console.info('sends', tally(results), `${elapsedSeconds} s`)
    const accepted = results.filter((r) => r.__typename === 'SendMessagePayload').length
    const refused = results.filter((r) => r.__typename === 'RateLimitedError')
    expect(accepted + refused.length, JSON.stringify(tally(results))).toBe(sends)
    // Each budget's window starts at the first send it counts, so the flood spans at most floor(elapsed / duration) + 1 windows of it.
    const bound = Math.min(...SEND_BUDGETS.map((b) => b.points * (Math.floor(elapsedSeconds / b.durationSeconds) + 1)))
    expect(accepted).toBeGreaterThan(0)
    expect(accepted).toBeLessThanOrEqual(bound)
    for (const r of refused) {
      expect(r.code).toBe('RATE_LIMITED')
      expect(r.retryAfterSeconds).toBeGreaterThan(0)
      expect(r.retryAfterSeconds).toBeLessThanOrEqual(Math.max(...SEND_BUDGETS.map((b) => b.durationSeconds)))
    }
    // One row per accepted send, and none for a refused one.
    const rows = await db.prisma.message.findMany({ where: { authorId: maya.id }, select: { clientMessageId: true } })
    expect(rows).toHaveLength(accepted)
    const acceptedIds = new Set(results.flatMap((r, i) => (r.__typename === 'SendMessagePayload' ? [`flood-${String(i).padStart(4, '0')}`] : [])))
    expect(rows.every((row) => acceptedIds.has(row.clientMessageId!))).toBe(true)
  }, 60_000)

  const SIGN_IN = 'mutation($input: SignInInput!) { signIn(input: $input) { __typename ... on RateLimitedError { code retryAfterSeconds } } }'
  const signInFrom = (i: number, ip: string, email: string, password: string) =>
    post(urls[i % 2]!, SIGN_IN, { input: { email, password } }, { 'x-rapport-proxy-secret': PROXY_SECRET, 'x-rapport-client-ip': ip }).then(
      (a) => a.data?.signIn ?? { __typename: `errors: ${JSON.stringify(a.errors)}` },
    )

  /** Checks a sign-in flood's answers: every attempt either checked (a wrong password) or refused with a wait, and at most `budget` checked. */
  function expectAtMost(results: Result[], budget: number) {
    if (process.env.FLOOD_VERBOSE) console.info('sign-ins', tally(results), `budget ${budget}`)
    const checked = results.filter((r) => r.__typename === 'InvalidCredentialsError').length
    const refused = results.filter((r) => r.__typename === 'RateLimitedError')
    expect(checked + refused.length, JSON.stringify(tally(results))).toBe(results.length)
    expect(checked, JSON.stringify(tally(results))).toBeLessThanOrEqual(budget)
    expect(checked).toBeGreaterThan(0)
    for (const r of refused) expect(r.retryAfterSeconds).toBeGreaterThan(0)
  }

  it('holds one account at one address to its consecutive-failure budget under 20× as many attempts, 20 at a time through both processes', async () => {
    await db.prisma.user.create({ data: { email: 'kofi@example.com', displayName: 'Kofi', passwordHash: await hashPassword('the right password') } })
    const results = await hammer(PAIR_BUDGET * 20, 20, (i) => signInFrom(i, '203.0.113.10', 'kofi@example.com', `wrong guess ${i}`))
    expectAtMost(results, PAIR_BUDGET)
  }, 60_000)

  it('holds one address to its daily failure budget under 20× as many attempts across accounts, 20 at a time through both processes', async () => {
    // A new account each time: only the per-address budget can stop them.
    const results = await hammer(ADDRESS_BUDGET * 20, 20, (i) => signInFrom(i, '203.0.113.20', `nobody-${i}@example.com`, 'a wrong password'))
    expectAtMost(results, ADDRESS_BUDGET)
  }, 120_000)
})
