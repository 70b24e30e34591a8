// The staff statistics across processes: two real gateway processes each count the operations
// they answer and add them to PostgreSQL, and either one's performanceStats reports the sum; the
// web app's timings arrive over POST /stats with the shared secret only.
import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { systemClock } from '@rapport/core'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { createSession } from '@rapport/identity'
import { deleteKeysWithPrefix } from '@rapport/realtime'
import { BUCKET_COUNT, bucketOf } from '@rapport/stats'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startGatewayProcess, stopGatewayProcesses } from './testing.ts'

const enabled = !!process.env.REDIS_URL && !!process.env.DATABASE_URL?.startsWith('postgres')
const SECRET = randomBytes(16).toString('hex')
const REPORT = `query($window: StatWindow) { performanceStats(window: $window) {
  __typename window since until stats { source name count errors errorRate perMinute p50Ms p95Ms p99Ms }
} }`
type Stat = { source: string; name: string; count: number; errors: number; errorRate: number; perMinute: number; p50Ms: number | null; p95Ms: number | null; p99Ms: number | null }
type Report = { data?: { performanceStats: { window: string; stats: Stat[] } | null }; errors?: { extensions?: { code?: string } }[] }

describe.runIf(enabled)('staff statistics from two gateway processes', () => {
  let db: TestDb
  const children: ChildProcess[] = []
  const urls: string[] = []
  const tokens = { moderator: '', buyer: '' }
  let prefix = ''

  beforeAll(async () => {
    db = await createTestDb('postgres')
    const priscila = await db.prisma.user.create({ data: { email: 'priscila@rapport.example', displayName: 'Priscila', passwordHash: 'x', platformRole: 'MODERATOR' } })
    const maya = await db.prisma.user.create({ data: { email: 'maya@example.com', displayName: 'Maya', passwordHash: 'x' } })
    await db.prisma.buyer.create({ data: { userId: maya.id, displayName: 'Maya' } })
    tokens.moderator = (await createSession({ db: db.prisma, clock: systemClock }, priscila.id)).token
    tokens.buyer = (await createSession({ db: db.prisma, clock: systemClock }, maya.id)).token
    prefix = `rapport-test-${randomBytes(4).toString('hex')}:`
    const env = { DATABASE_URL: db.url!, REDIS_URL: process.env.REDIS_URL!, REDIS_PREFIX: prefix, STATS_FLUSH_MS: '200', WEB_PROXY_SECRET: SECRET }
    const started = await Promise.all([startGatewayProcess(env), startGatewayProcess(env)])
    for (const g of started) {
      children.push(g.child)
      urls.push(g.url)
    }
  }, 120_000)

  afterAll(async () => {
    await stopGatewayProcesses(children)
    if (prefix) await deleteKeysWithPrefix(process.env.REDIS_URL!, prefix)
    await db?.drop()
  })

  const post = async <T>(url: string, query: string, variables: Record<string, unknown> = {}, token = tokens.buyer) =>
    (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) })).json()) as T
  const report = (url: string, window = 'HOUR') => post<Report>(url, REPORT, { window }, tokens.moderator)
  const stat = (r: Report, source: string, name: string) => r.data!.performanceStats!.stats.find((s) => s.source === source && s.name === name)

  it('adds up what each process answered, and either reports the sum', async () => {
    for (let i = 0; i < 7; i++) await post(urls[0]!, 'query StatsProbe { limits { bulkConversationsMax } }')
    for (let i = 0; i < 5; i++) await post(urls[1]!, 'query StatsProbe { limits { bulkConversationsMax } }')
    // An answer with an error counts as failed.
    await post(urls[1]!, 'query StatsBroken { conversation(id: "not-an-id") { id } }')
    await vi.waitFor(
      async () => {
        const r = await report(urls[0]!)
        expect(stat(r, 'OPERATION', 'StatsProbe')?.count).toBe(12)
        expect(stat(r, 'OPERATION', 'StatsBroken')).toMatchObject({ count: 1, errors: 1, errorRate: 1 })
      },
      { timeout: 15_000, interval: 250 },
    )
    const fromSecond = await report(urls[1]!, 'DAY')
    const probe = stat(fromSecond, 'OPERATION', 'StatsProbe')!
    expect(probe.count).toBe(12)
    expect(probe.errors).toBe(0)
    expect(probe.perMinute).toBeCloseTo(12 / (24 * 60), 6)
    expect(probe.p50Ms).toBeGreaterThan(0)
    expect(probe.p99Ms!).toBeGreaterThanOrEqual(probe.p95Ms!)
    expect(probe.p95Ms!).toBeGreaterThanOrEqual(probe.p50Ms!)
  })

  it('is for staff only', async () => {
    const asBuyer = await post<Report>(urls[0]!, REPORT)
    expect(asBuyer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    expect(asBuyer.data?.performanceStats ?? null).toBeNull()
  })

  it('takes the web app’s timings with the shared secret only, and refuses malformed ones', async () => {
    const base = urls[0]!.replace(/\/graphql$/, '')
    const buckets = new Array<number>(BUCKET_COUNT).fill(0)
    buckets[bucketOf(180)] = 3
    const rows = [{ source: 'lcp', name: '/conversations/[id]', minute: new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString(), count: 3, errors: 0, buckets }]
    const send = (headers: Record<string, string>, body: unknown) => fetch(`${base}/stats`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
    expect((await send({}, { rows })).status).toBe(404)
    expect((await send({ 'x-rapport-proxy-secret': 'x'.repeat(32) }, { rows })).status).toBe(404)
    expect((await send({ 'x-rapport-proxy-secret': SECRET }, { rows: [{ ...rows[0], count: 4 }] })).status).toBe(400)
    expect((await send({ 'x-rapport-proxy-secret': SECRET }, { rows: [{ ...rows[0], source: 'operation' }] })).status).toBe(400)
    expect((await send({ 'x-rapport-proxy-secret': SECRET }, { rows })).status).toBe(202)
    const lcp = stat(await report(urls[1]!), 'LCP', '/conversations/[id]')!
    expect(lcp.count).toBe(3)
    // Within a bucket's width (a quarter) of the 180 ms sent.
    expect(Math.abs(lcp.p50Ms! - 180) / 180).toBeLessThan(0.25)
  })
})
