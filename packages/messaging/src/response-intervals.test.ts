// The intervals behind a supplier's response metrics: listed page by page, they reproduce the
// published figures exactly (same window, same service-time reply times, same judgement of open
// waits), and the definition published with the figures is generated from the same constants.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BUCKETS, MIN_SAMPLES, USUAL_REPLY_PERCENTILE } from './metrics/response-metrics.ts'
import { describeResponseMetrics } from './metrics/definition.ts'
import { listResponseIntervals, supplierMetricsByAgent, supplierMetricsTrend, supplierResponseMetrics, type ResponseIntervalView } from './response-metrics.ts'
import { sendMessage } from './send-message.ts'
import { startConversation } from './start-conversation.ts'
import { cid, createWorld, type World } from './test-support.ts'

// Lisbon is UTC+0 from November; the world's supplier is open Mon–Fri 09:00–18:00 with a 4 h
// target. 2026: Fri 27 Nov, Sat 28, Sun 29, Mon 30, Tue 1 Dec, Wed 2 (closed: a closure), Thu 3, Fri 4.
const NOW = new Date('2026-12-04T12:00:00Z')
const HOUR = 3600

let w: World
const conversations: Record<string, string> = {}

beforeAll(async () => {
  w = await createWorld()
  await w.db.prisma.supplierClosure.create({ data: { supplierId: w.supplierId, date: new Date('2026-12-02T00:00:00Z') } })
  const at = (iso: string) => w.clock.set(new Date(iso))
  const ask = async (name: string, who: World['buyer'], iso: string, body = `Question ${name}`) => {
    at(iso)
    conversations[name] = (await startConversation(w.deps, who, { supplierId: w.supplierId, body, clientMessageId: cid() })).conversationId
  }
  const say = async (name: string, who: World['buyer'], iso: string, body = 'More') => {
    at(iso)
    await sendMessage(w.deps, who, { conversationId: conversations[name]!, clientMessageId: cid(), body })
  }
  // c1: Friday 17:30 → Monday 09:30 is 1 h of service time; the buyer's follow-up at 10:00 is answered at 15:00 (5 h: a miss).
  await ask('c1', w.buyer, '2026-11-27T17:30:00Z')
  await say('c1', w.agent, '2026-11-30T09:30:00Z')
  await say('c1', w.buyer, '2026-11-30T10:00:00Z')
  await say('c1', w.owner, '2026-11-30T15:00:00Z')
  // c2: asked on Saturday, answered Monday 09:10: 10 min.
  await ask('c2', w.otherBuyer, '2026-11-28T10:00:00Z')
  await say('c2', w.owner, '2026-11-30T09:10:00Z')
  // c3: asked before opening, asked again (no second wait), answered at noon: 3 h (09:00–12:00).
  await ask('c3', w.buyer, '2026-12-01T08:00:00Z')
  await say('c3', w.buyer, '2026-12-01T08:30:00Z', 'Hello?')
  await say('c3', w.agent, '2026-12-01T12:00:00Z')
  // c4: Tuesday 17:00 → Thursday 10:00 over the Wednesday closure: 1 h + 0 + 1 h.
  await ask('c4', w.otherBuyer, '2026-12-01T17:00:00Z')
  await say('c4', w.agent, '2026-12-03T10:00:00Z')
  // c5: Thursday 16:00, unanswered: 2 h + 3 h by Friday noon, past the 4 h target (a miss).
  await ask('c5', w.buyer, '2026-12-03T16:00:00Z')
  // c6: Friday 11:00, unanswered: 1 h, still within the target (undecided).
  await ask('c6', w.otherBuyer, '2026-12-04T11:00:00Z')
  // c7: an away reply does not answer; the agent does at 09:45 (45 min).
  await w.db.prisma.supplier.update({ where: { id: w.supplierId }, data: { awayEnabled: true, awayMessage: 'Back at nine.' } })
  await ask('c7', w.buyer, '2026-11-30T08:00:00Z')
  await say('c7', w.buyer, '2026-11-30T08:05:00Z', 'Anyone?')
  await w.db.prisma.supplier.update({ where: { id: w.supplierId }, data: { awayEnabled: false } })
  await say('c7', w.agent, '2026-11-30T09:45:00Z')
  // c8: 45 days ago, answered in an hour: in the 90-day window only.
  await ask('c8', w.otherBuyer, '2026-10-20T10:00:00Z')
  await say('c8', w.agent, '2026-10-20T11:00:00Z')
  w.clock.set(NOW)
})
afterAll(() => w.db.drop())

/** Every listed interval, in pages of `size` (forward with afterId, as the gateway pages). */
async function listAll(windowDays: number, opts: { answered?: boolean; size?: number; viewer?: World['agent'] } = {}) {
  const size = opts.size ?? 3
  const all: ResponseIntervalView[] = []
  for (let afterId: string | undefined; ; ) {
    const page = await listResponseIntervals(w.db.prisma, opts.viewer ?? w.agent, { supplierId: w.supplierId, windowDays, now: NOW, answered: opts.answered, page: { afterId, limit: size } })
    all.push(...page)
    if (page.length < size) return all
    afterId = page.at(-1)!.id
  }
}

// The figures, recomputed from the listed intervals alone, as their formulas say.
function median(values: number[]) {
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2)
}
function recompute(intervals: ResponseIntervalView[]) {
  const answered = intervals.filter((i) => i.answeredAt)
  const firsts = intervals.filter((i) => i.isFirstResponse)
  const firstTimes = firsts.filter((i) => i.answeredAt).map((i) => i.businessSeconds!)
  const times = answered.map((i) => i.businessSeconds!).sort((a, b) => a - b)
  const decided = intervals.filter((i) => i.withinTarget !== null)
  const p = times.length >= MIN_SAMPLES ? times[Math.ceil(USUAL_REPLY_PERCENTILE * times.length) - 1]! : null
  return {
    conversations: new Set(firsts.map((i) => i.conversationId)).size,
    medianFirstResponse: firstTimes.length >= MIN_SAMPLES ? median(firstTimes) : null,
    withinTargetRate: decided.length >= MIN_SAMPLES ? decided.filter((i) => i.withinTarget).length / decided.length : null,
    responseRate: firsts.length >= MIN_SAMPLES ? firstTimes.length / firsts.length : null,
    usuallyRepliesWithin: p === null ? null : (BUCKETS.find((b) => p <= b) ?? null),
    samples: answered.length,
  }
}

describe('the intervals behind the response metrics', () => {
  it('reproduce every figure of the 30- and 90-day windows, recomputed from the listed intervals', async () => {
    for (const windowDays of [30, 90]) {
      const { basis, ...figures } = await supplierResponseMetrics(w.db.prisma, w.supplierId, windowDays, NOW)
      const intervals = await listAll(windowDays)
      expect(recompute(intervals)).toEqual(figures)
      expect(basis.window).toEqual({ days: windowDays, start: new Date(NOW.getTime() - windowDays * 86_400_000), end: NOW })
    }
  })

  it('are the supplier team’s waits of the window, newest opened first, with service-time reply times', async () => {
    const intervals = await listAll(30)
    const byConversation = (name: string) => intervals.filter((i) => i.conversationId === conversations[name])
    // c8 is older than 30 days; the buyer's own waits (after each answer) are not listed.
    expect(new Set(intervals.map((i) => i.conversationId))).toEqual(new Set(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'].map((c) => conversations[c])))
    expect(intervals.map((i) => i.openedAt.getTime())).toEqual(intervals.map((i) => i.openedAt.getTime()).sort((a, b) => b - a))
    const seconds = (name: string) => byConversation(name).map((i) => [i.isFirstResponse, i.businessSeconds, i.withinTarget])
    expect(seconds('c1')).toEqual([[false, 5 * HOUR, false], [true, HOUR, true]])
    expect(seconds('c2')).toEqual([[true, 600, true]])
    expect(seconds('c3')).toEqual([[true, 3 * HOUR, true]])
    expect(seconds('c4')).toEqual([[true, 2 * HOUR, true]])
    expect(seconds('c5')).toEqual([[true, null, false]])
    expect(seconds('c6')).toEqual([[true, null, null]])
    expect(seconds('c7')).toEqual([[true, 45 * 60, true]])
    const [c4] = byConversation('c4')
    expect(c4).toMatchObject({ answeredById: w.agent.memberships[0]!.memberId, wallClockSeconds: 41 * HOUR })
    expect(byConversation('c2')[0]!.answeredById).toBe(w.owner.memberships[0]!.memberId)
    // The published figures, by hand: first responses 600, 2700, 3600, 7200, 10800 s; with the 5 h follow-up, six replies.
    expect(await supplierResponseMetrics(w.db.prisma, w.supplierId, 30, NOW)).toMatchObject({
      conversations: 7,
      medianFirstResponse: HOUR,
      withinTargetRate: 5 / 7,
      responseRate: 5 / 7,
      usuallyRepliesWithin: 4 * HOUR,
      samples: 6,
    })
  })

  it('reproduce each team member’s figures from the intervals that member answered', async () => {
    const intervals = await listAll(30, { answered: true })
    for (const [memberId, { basis, ...figures }] of await supplierMetricsByAgent(w.db.prisma, w.supplierId, 30, NOW)) {
      expect(basis.perAgent).toBe(true)
      expect({ ...recompute(intervals.filter((i) => i.answeredById === memberId)), responseRate: null }).toEqual(figures)
    }
    expect((await supplierMetricsByAgent(w.db.prisma, w.supplierId, 30, NOW)).get(w.agent.memberships[0]!.memberId)?.medianFirstResponse).toBe(1.5 * HOUR)
  })

  it('filters answered and unanswered ones, pages backward too, and lists nothing to anyone off the team', async () => {
    const all = await listAll(30)
    expect((await listAll(30, { answered: true })).map((i) => i.id)).toEqual(all.filter((i) => i.answeredAt).map((i) => i.id))
    expect((await listAll(30, { answered: false })).map((i) => i.conversationId)).toEqual([conversations.c6, conversations.c5])
    // Backward from the last one (the gateway's `last`/`before`): the ones before it, oldest first.
    const before = await listResponseIntervals(w.db.prisma, w.agent, { supplierId: w.supplierId, windowDays: 30, now: NOW, page: { beforeId: all.at(-1)!.id, limit: 2, inverted: true } })
    expect(before.map((i) => i.id)).toEqual([all.at(-2)!.id, all.at(-3)!.id])
    expect(await listAll(30, { size: 100 })).toEqual(all)
    for (const outsider of [w.buyer, w.stranger]) expect(await listAll(30, { viewer: outsider })).toEqual([])
  })

  it('publish a definition generated from the same window, target and constants', async () => {
    const metrics = await supplierResponseMetrics(w.db.prisma, w.supplierId, 30, NOW)
    const definition = describeResponseMetrics(metrics.basis)
    expect(definition.formulas.map((f) => f.field).sort()).toEqual(Object.keys(metrics).filter((k) => k !== 'basis').sort())
    expect(definition).toMatchObject({
      window: { days: 30, start: new Date('2026-11-04T12:00:00Z'), end: NOW, judgedAt: NOW },
      timeBasis: { kind: 'SERVICE_TIME', timeZone: 'Europe/Lisbon' },
      targetSeconds: 4 * HOUR,
      minimumSamples: MIN_SAMPLES,
      percentile: USUAL_REPLY_PERCENTILE,
      bucketSeconds: [...BUCKETS],
    })
    const formula = (field: string) => definition.formulas.find((f) => f.field === field)!.formula
    expect(formula('medianFirstResponse')).toContain(`fewer than ${MIN_SAMPLES}`)
    expect(formula('usuallyRepliesWithin')).toContain(`${USUAL_REPLY_PERCENTILE * 100}th percentile`)
    expect(formula('usuallyRepliesWithin')).toContain(BUCKETS.join(', '))
    expect(formula('withinTargetRate')).toContain(`${4 * HOUR} seconds of service time`)
    expect(definition.excludes.join('\n')).toMatch(/AUTO_REPLY/)
    // A trend week is its own window, judged as of now.
    const [week] = await supplierMetricsTrend(w.db.prisma, w.supplierId, 1, 7, NOW)
    expect(describeResponseMetrics(week!.metrics.basis).window).toMatchObject({ days: 7, start: new Date('2026-11-27T12:00:00Z'), end: NOW, judgedAt: NOW })
  })
})
