// Response metrics publish how they are computed (ResponseMetrics.definition, public with the
// figures) and their team reads the intervals behind them (Supplier.responseIntervals): over
// HTTP, a client recomputes the published figures from the listed intervals with the numbers
// the definition gives, pages through them, and nobody off the team reads them.
import { rebuildResponseIntervals } from '@rapport/messaging'
import { getNamedType, isObjectType } from 'graphql'
import { beforeAll, describe, expect, it } from 'vitest'
import { useReviewWorld, type Result } from './review-testing.ts'
import { schema } from './schema.ts'
import { startTestGateway } from './testing.ts'

const world = useReviewWorld({
  people: {
    agent: { email: 'tiago@kiln.example', name: 'Tiago', agent: true },
    buyer: { email: 'maya@example.com', name: 'Maya', buyer: true },
    outsider: { email: 'erik@example.com', name: 'Erik', buyer: true },
  },
  // UTC and open every day 09:00–18:00: any 24 hours hold exactly 9 hours of service, whenever the test runs.
  timeZone: 'UTC',
  gateway: (db) => startTestGateway(db, { redisUrl: process.env.REDIS_URL }),
})

const HOUR = 3600
const DAY_MS = 86_400_000

beforeAll(async () => {
  const db = world.db.prisma
  const supplierId = world.supplier.id
  await db.serviceHours.createMany({ data: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ supplierId, weekday, opensAt: 9 * 60, closesAt: 18 * 60 })) })
  const buyerId = world.people.buyer.buyerId
  const now = Date.now()
  // Each conversation: who wrote when (days ago). A wait opens with the buyer's message and closes with the agent's.
  const histories: ['BUYER' | 'SUPPLIER', number][][] = [
    [['BUYER', 20], ['SUPPLIER', 19], ['BUYER', 18], ['SUPPLIER', 17]], // 9 h, then a 9 h follow-up
    [['BUYER', 15], ['SUPPLIER', 13]], // 18 h
    [['BUYER', 10], ['SUPPLIER', 9]], // 9 h
    [['BUYER', 8], ['SUPPLIER', 5]], // 27 h: past the default 24 h target
    [['BUYER', 1 / 24]], // an hour ago, unanswered
    [['BUYER', 40], ['SUPPLIER', 39]], // outside 30 days, inside 90
  ]
  const ids: string[] = []
  for (const [n, history] of histories.entries()) {
    const last = history.at(-1)![1]
    const c = await db.conversation.create({ data: { buyerId, supplierId, lastSequence: history.length, lastMessageAt: new Date(now - last * DAY_MS) } })
    ids.push(c.id)
    await db.message.createMany({
      data: history.map(([side, daysAgo], i) => ({
        conversationId: c.id,
        sequence: i + 1,
        authorSide: side,
        authorId: side === 'BUYER' ? world.people.buyer.userId : world.people.agent.userId,
        body: `${side} ${n}.${i}`,
        clientMessageId: `history-${n}-${i}`,
        createdAt: new Date(now - daysAgo * DAY_MS),
      })),
    })
  }
  await rebuildResponseIntervals(db, ids)
})

type Formula = { field: string; formula: string; unit: string }
type Definition = {
  window: { days: number; start: string; end: string; judgedAt: string; rule: string }
  timeBasis: { kind: string; timeZone: string; description: string }
  targetSeconds: number
  minimumSamples: number
  percentile: number
  bucketSeconds: number[]
  population: string
  formulas: Formula[]
  excludes: string[]
}
type Figures = { conversations: number; medianFirstResponse: number | null; withinTargetRate: number | null; responseRate: number | null; usuallyRepliesWithin: number | null; samples: number }
type Interval = {
  id: string
  openedAt: string
  answeredAt: string | null
  isFirstResponse: boolean
  businessSeconds: number | null
  wallClockSeconds: number | null
  withinTarget: boolean | null
  conversation: { id: string } | null
  answeredBy: { displayName: string } | null
}
type Page = { pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null }; edges: { cursor: string; node: Interval }[] }

const DEFINITION = `definition { population window { days start end judgedAt rule } timeBasis { kind timeZone description } targetSeconds minimumSamples percentile bucketSeconds formulas { field formula unit } excludes }`
const METRICS = `query($window: MetricsWindow) { supplier(slug: "kiln") { responseMetrics(window: $window) { conversations medianFirstResponse withinTargetRate responseRate usuallyRepliesWithin samples ${DEFINITION} } } }`
const INTERVALS = `query($first: Int, $after: String, $last: Int, $before: String, $window: MetricsWindow, $answered: Boolean) {
  supplier(slug: "kiln") { responseIntervals(first: $first, after: $after, last: $last, before: $before, window: $window, answered: $answered) {
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node { id openedAt answeredAt isFirstResponse businessSeconds wallClockSeconds withinTarget conversation { id } answeredBy { displayName } } }
  } }
}`

async function metrics(who: 'agent' | 'buyer' | null, window = 'DAYS_30') {
  const { body } = await world.gw.post<Result<{ supplier: { responseMetrics: Figures & { definition: Definition } } }>>(METRICS, { window }, who ? world.as(who) : {})
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined()
  return body.data!.supplier.responseMetrics
}

async function intervals(who: 'agent' | 'buyer' | 'outsider' | null, variables: Record<string, unknown>) {
  return (await world.gw.post<Result<{ supplier: { responseIntervals: Page } | null }>>(INTERVALS, variables, who ? world.as(who) : {})).body
}

/** Every interval of the window, two per page, following endCursor. */
async function allIntervals(window: string) {
  const pages: Page[] = []
  let after: string | null = null
  do {
    const body = await intervals('agent', { first: 2, after, window })
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined()
    pages.push(body.data!.supplier!.responseIntervals)
    after = pages.at(-1)!.pageInfo.hasNextPage ? pages.at(-1)!.pageInfo.endCursor : null
  } while (after)
  return { pages, nodes: pages.flatMap((p) => p.edges.map((e) => e.node)) }
}

/** The figures from the intervals alone, with the numbers the definition publishes. */
function recompute(list: Interval[], d: Definition): Figures {
  const min = d.minimumSamples
  const firsts = list.filter((i) => i.isFirstResponse)
  const firstTimes = firsts.filter((i) => i.answeredAt).map((i) => i.businessSeconds!).sort((a, b) => a - b)
  const times = list.filter((i) => i.answeredAt).map((i) => i.businessSeconds!).sort((a, b) => a - b)
  const decided = list.filter((i) => i.withinTarget !== null)
  const mid = Math.floor(firstTimes.length / 2)
  const p = times.length >= min ? times[Math.ceil(d.percentile * times.length) - 1]! : null
  return {
    conversations: new Set(firsts.map((i) => i.conversation!.id)).size,
    medianFirstResponse: firstTimes.length < min ? null : firstTimes.length % 2 ? firstTimes[mid]! : Math.round((firstTimes[mid - 1]! + firstTimes[mid]!) / 2),
    withinTargetRate: decided.length >= min ? decided.filter((i) => i.withinTarget).length / decided.length : null,
    responseRate: firsts.length >= min ? firstTimes.length / firsts.length : null,
    usuallyRepliesWithin: p === null ? null : (d.bucketSeconds.find((b) => p <= b) ?? null),
    samples: times.length,
  }
}

describe('ResponseMetrics.definition', () => {
  it('is public with the figures, and has a formula for every numeric field of ResponseMetrics', async () => {
    const type = schema.getType('ResponseMetrics')
    if (!isObjectType(type)) throw new Error('ResponseMetrics is not an object type')
    const numeric = Object.values(type.getFields()).filter((f) => ['Int', 'Float'].includes(getNamedType(f.type).name)).map((f) => f.name)
    for (const who of [null, 'buyer', 'agent'] as const) {
      const { definition } = await metrics(who)
      expect(definition.formulas.map((f) => f.field).sort()).toEqual(numeric.sort())
      for (const f of definition.formulas) expect(f.formula.length && f.unit.length).toBeTruthy()
    }
  })

  it('states this object’s window, time basis, target and constants', async () => {
    const { definition: d } = await metrics(null)
    expect(Date.parse(d.window.end) - Date.parse(d.window.start)).toBe(30 * DAY_MS)
    expect(d).toMatchObject({ window: { days: 30, judgedAt: d.window.end }, timeBasis: { kind: 'SERVICE_TIME', timeZone: 'UTC' }, targetSeconds: 24 * HOUR })
    expect(d.minimumSamples).toBeGreaterThan(0)
    const formula = (field: string) => d.formulas.find((f) => f.field === field)!
    expect(formula('medianFirstResponse')).toMatchObject({ unit: 'seconds of service time', formula: expect.stringContaining('Median') })
    expect(formula('withinTargetRate').formula).toContain(`${24 * HOUR} seconds of service time`)
    expect(formula('usuallyRepliesWithin').formula).toContain(d.bucketSeconds.join(', '))
    expect(d.excludes.join(' ')).toMatch(/AUTO_REPLY/)
    expect((await metrics(null, 'DAYS_90')).definition.window.days).toBe(90)
  })

  it('says so when the figures are one team member’s, or a buyer’s in wall-clock time', async () => {
    const { body } = await world.gw.post<Result<{ supplier: { responseMetricsByAgent: { displayName: string; metrics: { definition: Definition } }[] } }>>(
      `{ supplier(slug: "kiln") { responseMetricsByAgent { displayName metrics { ${DEFINITION} } } } }`,
      {},
      world.as('agent'),
    )
    const [tiago] = body.data!.supplier.responseMetricsByAgent
    expect(tiago!.displayName).toBe('Tiago')
    expect(tiago!.metrics.definition.formulas.find((f) => f.field === 'responseRate')!.formula).toMatch(/^Always null for one team member/)
    expect(tiago!.metrics.definition.population).toContain('answered by this team member')
    const { nodes } = await allIntervals('DAYS_30')
    const buyer = await world.gw.post<Result<{ node: { buyer: { responseMetrics: { definition: Definition } } } }>>(
      `query($id: ID!) { node(id: $id) { ... on Conversation { buyer { responseMetrics { definition { timeBasis { kind } targetSeconds } } } } } }`,
      { id: nodes[0]!.conversation!.id },
      world.as('agent'),
    )
    expect(buyer.body.data!.node.buyer.responseMetrics.definition).toEqual({ timeBasis: { kind: 'WALL_CLOCK' }, targetSeconds: 24 * HOUR })
  })
})

describe('Supplier.responseIntervals', () => {
  it('pages the team through the intervals behind the figures, newest opened first, and they reproduce the figures', async () => {
    const { pages, nodes } = await allIntervals('DAYS_30')
    // Six waits in 30 days, two per page: hasNextPage until the last page.
    expect(pages.map((p) => [p.edges.length, p.pageInfo.hasNextPage, p.pageInfo.hasPreviousPage])).toEqual([[2, true, false], [2, true, true], [2, false, true]])
    expect(new Set(nodes.map((n) => n.id)).size).toBe(6)
    expect(nodes.map((n) => n.openedAt)).toEqual(nodes.map((n) => n.openedAt).sort().reverse())
    // Service time: 9 h a day, not 24; wall clock beside it.
    expect(nodes.map((n) => [n.isFirstResponse, n.businessSeconds, n.wallClockSeconds, n.withinTarget])).toEqual([
      [true, null, null, null],
      [true, 27 * HOUR, 3 * 24 * HOUR, false],
      [true, 9 * HOUR, 24 * HOUR, true],
      [true, 18 * HOUR, 2 * 24 * HOUR, true],
      [false, 9 * HOUR, 24 * HOUR, true],
      [true, 9 * HOUR, 24 * HOUR, true],
    ])
    for (const n of nodes) expect(n.conversation).not.toBeNull()
    expect(nodes.filter((n) => n.answeredAt).map((n) => n.answeredBy)).toEqual(Array(5).fill({ displayName: 'Tiago' }))
    expect(nodes[0]!.answeredBy).toBeNull()

    for (const window of ['DAYS_30', 'DAYS_90']) {
      const { definition, ...figures } = await metrics('agent', window)
      expect(recompute((await allIntervals(window)).nodes, definition)).toEqual(figures)
    }
    expect(await metrics('agent')).toMatchObject({ medianFirstResponse: 13.5 * HOUR, samples: 5, conversations: 5 })
    expect((await allIntervals('DAYS_90')).nodes).toHaveLength(7)
  })

  it('pages backward with last/before, and filters answered and unanswered waits', async () => {
    const { nodes } = await allIntervals('DAYS_30')
    const last = (await intervals('agent', { last: 2 })).data!.supplier!.responseIntervals
    expect(last.edges.map((e) => e.node.id)).toEqual(nodes.slice(-2).map((n) => n.id))
    expect(last.pageInfo.hasPreviousPage).toBe(true)
    const before = (await intervals('agent', { last: 2, before: last.edges[0]!.cursor })).data!.supplier!.responseIntervals
    expect(before.edges.map((e) => e.node.id)).toEqual(nodes.slice(-4, -2).map((n) => n.id))
    const unanswered = (await intervals('agent', { first: 10, answered: false })).data!.supplier!.responseIntervals
    expect(unanswered.edges.map((e) => e.node.id)).toEqual([nodes[0]!.id])
    const answered = (await intervals('agent', { first: 10, answered: true })).data!.supplier!.responseIntervals
    expect(answered.edges.map((e) => e.node.id)).toEqual(nodes.slice(1).map((n) => n.id))
  })

  it('is refused to the buyer, to other signed-in people and to anonymous callers', async () => {
    for (const [who, code] of [['buyer', 'FORBIDDEN'], ['outsider', 'FORBIDDEN'], [null, 'UNAUTHENTICATED']] as const) {
      const body = await intervals(who, { first: 2 })
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual([code])
      expect(body.data?.supplier ?? null).toBeNull()
      expect(JSON.stringify(body)).not.toContain('businessSeconds')
    }
  })

  it('refuses a page larger than the maximum, and first with last, as bad input', async () => {
    for (const [variables, message] of [
      [{ first: 101 }, '"first" must be between 0 and 100 (got 101).'],
      [{ last: 500 }, '"last" must be between 0 and 100 (got 500).'],
      [{ first: 2, last: 2 }, 'Use "first" or "last", not both.'],
      [{ first: 2, after: 'bm90LWEtY3Vyc29y' }, '"after" is not a cursor from this list.'],
    ] as const) {
      const body = await intervals('agent', variables)
      expect(body.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([['BAD_USER_INPUT', message]])
    }
  })
})
