// Response metrics from stored ResponseInterval rows, measured in the supplier's service
// time (formulas in src/metrics/README.md). Buyers are measured in wall-clock time. Every set of
// figures carries its basis (window, time basis, target): `describeResponseMetrics` turns it
// into the published definition, and `listResponseIntervals` lists the intervals behind it.
import { membershipOf, type Viewer } from '@rapport/core'
import type { Prisma, PrismaClient } from '@rapport/db'
import { requireViewer } from './access.ts'
import { addBusinessSeconds, ALWAYS_OPEN, businessSecondsBetween, type Schedule } from './metrics/business-time.ts'
import type { ResponseMetricsBasis } from './metrics/definition.ts'
import {
  computeResponseMetrics,
  judgeInterval,
  metricsByAgent,
  metricsTrend,
  metricsWindow,
  type MetricsWindow,
  type ResponseIntervalInput,
  type ResponseMetricsOptions,
  type ResponseMetricsResult,
} from './metrics/response-metrics.ts'
import { loadSchedule } from './schedule.ts'

/** Buyers have no target of their own: their withinTargetRate is measured against a day of wall-clock time. */
export const BUYER_TARGET_SECONDS = 24 * 3600

/** Figures and what they were computed over (for `describeResponseMetrics`). */
export type DescribedMetrics = ResponseMetricsResult & { basis: ResponseMetricsBasis }
export type DescribedPeriod = { start: Date; end: Date; metrics: DescribedMetrics }

/** openedAt in the window (start, end], as a Prisma filter: the same bounds as `openedInWindow`. */
const openedIn = (w: MetricsWindow) => ({ gt: w.start, lte: w.end })

/** A supplier's waits for its team that a window counts: the rows every supplier figure reads. */
function supplierIntervalsWhere(supplierId: string, windowDays: number, now: Date): Prisma.ResponseIntervalWhereInput {
  return { supplierId, awaitedSide: 'SUPPLIER', openedAt: openedIn(metricsWindow(windowDays, now)) }
}

/** The supplier's schedule and target: how its intervals are judged. */
async function supplierOptions(db: PrismaClient, supplierId: string, windowDays: number, now: Date): Promise<ResponseMetricsOptions> {
  const [schedule, supplier] = await Promise.all([
    loadSchedule(db, supplierId),
    db.supplier.findUniqueOrThrow({ where: { id: supplierId }, select: { responseTargetSeconds: true } }),
  ])
  return { schedule, targetSeconds: supplier.responseTargetSeconds, now, windowDays }
}

/** What every supplier metric needs: its schedule, its target and the intervals of the window. */
async function supplierInputs(db: PrismaClient, supplierId: string, windowDays: number, now: Date) {
  const [options, intervals] = await Promise.all([supplierOptions(db, supplierId, windowDays, now), supplierIntervals(db, supplierId, windowDays, now)])
  return { intervals, options }
}

function supplierBasis(options: ResponseMetricsOptions, window: ResponseMetricsBasis['window'], perAgent = false): ResponseMetricsBasis {
  return { awaitedSide: 'SUPPLIER', timeBasis: 'SERVICE_TIME', timeZone: options.schedule.timeZone, targetSeconds: options.targetSeconds, window, judgedAt: options.now, perAgent }
}

const lastDays = (days: number, now: Date): ResponseMetricsBasis['window'] => ({ days, ...metricsWindow(days, now) })

export async function supplierResponseMetrics(db: PrismaClient, supplierId: string, windowDays: number, now: Date): Promise<DescribedMetrics> {
  const { intervals, options } = await supplierInputs(db, supplierId, windowDays, now)
  return { ...computeResponseMetrics(intervals, options), basis: supplierBasis(options, lastDays(windowDays, now)) }
}

/** The same metrics per team member who answered (for the supplier's dashboard). */
export async function supplierMetricsByAgent(db: PrismaClient, supplierId: string, windowDays: number, now: Date): Promise<Map<string, DescribedMetrics>> {
  const { intervals, options } = await supplierInputs(db, supplierId, windowDays, now)
  const basis = supplierBasis(options, lastDays(windowDays, now), true)
  return new Map([...metricsByAgent(intervals, options)].map(([agent, metrics]) => [agent, { ...metrics, basis }]))
}

/** Weekly (or `periodDays`) metrics for the supplier's dashboard, oldest period first. */
export async function supplierMetricsTrend(
  db: PrismaClient,
  supplierId: string,
  periods: number,
  periodDays: number,
  now: Date,
): Promise<DescribedPeriod[]> {
  const { intervals, options } = await supplierInputs(db, supplierId, periods * periodDays, now)
  return metricsTrend(intervals, { ...options, periods, periodDays }).map((p) => ({
    ...p,
    metrics: { ...p.metrics, basis: supplierBasis(options, { days: periodDays, start: p.start, end: p.end }) },
  }))
}

async function supplierIntervals(db: PrismaClient, supplierId: string, windowDays: number, now: Date): Promise<ResponseIntervalInput[]> {
  const rows = await db.responseInterval.findMany({
    where: supplierIntervalsWhere(supplierId, windowDays, now),
    select: { conversationId: true, openedAt: true, answeredAt: true, isFirstResponse: true, answeredById: true },
  })
  return rows.map((r) => ({ ...r, answeredBy: r.answeredById }))
}

/** One interval behind a supplier's figures, judged as the figures judge it. */
export type ResponseIntervalView = {
  id: string
  conversationId: string
  openedAt: Date
  /** Null while unanswered as of `now` (an answer stamped later counts as not given, as in the figures). */
  answeredAt: Date | null
  answeredById: string | null
  isFirstResponse: boolean
  /** Service seconds from openedAt to answeredAt with the supplier's current hours (what the figures use); null while unanswered. */
  businessSeconds: number | null
  /** Wall-clock seconds from openedAt to answeredAt; null while unanswered. */
  wallClockSeconds: number | null
  /** Within the target: true/false once decided, null while unanswered and still within it (left out of withinTargetRate). */
  withinTarget: boolean | null
}

export type IntervalPage = { afterId?: string | null; beforeId?: string | null; limit: number; inverted?: boolean }

/**
 * The supplier's waits for its team that `supplierResponseMetrics(windowDays)` counts, newest
 * opened first (by openedAt, then id), each judged as the figures judge it: the median of the
 * answered first responses' businessSeconds is medianFirstResponse, and so on. `answered`
 * narrows to answered (true) or unanswered (false) ones as of `now`. Members of the supplier
 * only (checked by the caller's scopes and again here).
 */
export async function listResponseIntervals(
  db: PrismaClient,
  viewer: Viewer | null,
  q: { supplierId: string; windowDays: number; now: Date; answered?: boolean | null; page: IntervalPage },
): Promise<ResponseIntervalView[]> {
  const v = requireViewer(viewer)
  if (!membershipOf(v, q.supplierId)) return []
  const where: Prisma.ResponseIntervalWhereInput = supplierIntervalsWhere(q.supplierId, q.windowDays, q.now)
  // Answered as of `now`, as judgeInterval decides it: an answer stamped after `now` is not one yet.
  if (q.answered === true) where.answeredAt = { lte: q.now }
  if (q.answered === false) where.OR = [{ answeredAt: null }, { answeredAt: { gt: q.now } }]
  const direction = q.page.inverted ? 'asc' : 'desc'
  const cursorId = q.page.inverted ? (q.page.beforeId ?? q.page.afterId) : (q.page.afterId ?? q.page.beforeId)
  const [options, rows] = await Promise.all([
    supplierOptions(db, q.supplierId, q.windowDays, q.now),
    db.responseInterval.findMany({
      where,
      orderBy: [{ openedAt: direction }, { id: direction }],
      take: q.page.limit,
      ...(cursorId ? { cursor: { id: cursorId }, skip: 1 } : {}),
      select: { id: true, conversationId: true, openedAt: true, answeredAt: true, answeredById: true, isFirstResponse: true },
    }),
  ])
  return rows.map((r) => {
    const judged = judgeInterval(r, options)
    return {
      ...r,
      answeredAt: judged.answeredAt,
      businessSeconds: judged.seconds,
      wallClockSeconds: judged.answeredAt ? Math.round((judged.answeredAt.getTime() - r.openedAt.getTime()) / 1000) : null,
      withinTarget: judged.withinTarget,
    }
  })
}

/** How quickly a buyer answers suppliers' questions, in wall-clock time. */
export async function buyerResponseMetrics(db: PrismaClient, buyerId: string, windowDays: number, now: Date): Promise<DescribedMetrics> {
  const buyer = await db.buyer.findUniqueOrThrow({ where: { id: buyerId }, select: { timeZone: true } })
  const rows = await db.responseInterval.findMany({
    where: { awaitedSide: 'BUYER', conversation: { buyerId }, openedAt: openedIn(metricsWindow(windowDays, now)) },
    select: { conversationId: true, openedAt: true, answeredAt: true, isFirstResponse: true },
  })
  const options = { schedule: ALWAYS_OPEN(buyer.timeZone), targetSeconds: BUYER_TARGET_SECONDS, now, windowDays }
  return {
    ...computeResponseMetrics(rows, options),
    basis: { awaitedSide: 'BUYER', timeBasis: 'WALL_CLOCK', timeZone: buyer.timeZone, targetSeconds: BUYER_TARGET_SECONDS, window: lastDays(windowDays, now), judgedAt: now, perAgent: false },
  }
}

/**
 * When the buyer can expect an answer: the open interval's start plus the supplier's usual
 * reply time (or its target when there is too little history), counted in service time.
 */
export async function expectedReplyBy(db: PrismaClient, conversation: { id: string; supplierId: string; status: string }, now: Date): Promise<Date | null> {
  if (conversation.status !== 'OPEN' && conversation.status !== 'AWAITING_SUPPLIER') return null
  const open = await db.responseInterval.findFirst({
    where: { conversationId: conversation.id, awaitedSide: 'SUPPLIER', answeredAt: null },
    select: { openedAt: true },
  })
  if (!open) return null
  // One read each of the schedule, the target and the intervals (this runs for every inbox row).
  const { intervals, options } = await supplierInputs(db, conversation.supplierId, 30, now)
  const metrics = computeResponseMetrics(intervals, options)
  return addBusinessSeconds(options.schedule, open.openedAt, metrics.usuallyRepliesWithin ?? options.targetSeconds)
}

/**
 * Rebuilds a conversation's response intervals from its messages — for imported or seeded
 * history, and after a supplier changes its hours. Same rules as live tracking: a human
 * message closes the other side's open interval and opens one for the other side.
 */
export async function rebuildResponseIntervals(db: PrismaClient, conversationIds?: string[]): Promise<number> {
  const conversations = await db.conversation.findMany({
    where: conversationIds ? { id: { in: conversationIds } } : {},
    select: { id: true, supplierId: true, messages: { where: { kind: 'TEXT' }, orderBy: { sequence: 'asc' }, select: { sequence: true, authorSide: true, authorId: true, createdAt: true } } },
  })
  const schedules = new Map<string, Schedule>()
  const members = new Map<string, string>() // `${supplierId}:${userId}` → memberId
  for (const m of await db.supplierMember.findMany({ select: { id: true, supplierId: true, userId: true } })) members.set(`${m.supplierId}:${m.userId}`, m.id)
  let created = 0
  for (const c of conversations) {
    let schedule = schedules.get(c.supplierId)
    if (!schedule) schedules.set(c.supplierId, (schedule = await loadSchedule(db, c.supplierId)))
    type Row = { awaitedSide: 'SUPPLIER' | 'BUYER'; isFirstResponse: boolean; openedAt: Date; openedBySequence: number; answeredAt: Date | null; answeredBySequence: number | null; answeredById: string | null; businessSeconds: number | null }
    const rows: Row[] = []
    const open: Partial<Record<'SUPPLIER' | 'BUYER', Row>> = {}
    for (const m of c.messages) {
      if (m.authorSide === 'SYSTEM') continue
      const me = m.authorSide as 'SUPPLIER' | 'BUYER'
      const other = me === 'SUPPLIER' ? 'BUYER' : 'SUPPLIER'
      const mine = open[me]
      if (mine) {
        mine.answeredAt = m.createdAt
        mine.answeredBySequence = m.sequence
        mine.answeredById = me === 'SUPPLIER' && m.authorId ? (members.get(`${c.supplierId}:${m.authorId}`) ?? null) : null
        mine.businessSeconds = me === 'SUPPLIER' ? businessSecondsBetween(schedule, mine.openedAt, m.createdAt) : Math.round((m.createdAt.getTime() - mine.openedAt.getTime()) / 1000)
        delete open[me]
      }
      if (!open[other]) {
        const row: Row = { awaitedSide: other, isFirstResponse: !rows.some((r) => r.awaitedSide === other), openedAt: m.createdAt, openedBySequence: m.sequence, answeredAt: null, answeredBySequence: null, answeredById: null, businessSeconds: null }
        rows.push(row)
        open[other] = row
      }
    }
    await db.$transaction([
      db.responseInterval.deleteMany({ where: { conversationId: c.id } }),
      db.responseInterval.createMany({ data: rows.map((r) => ({ ...r, conversationId: c.id, supplierId: c.supplierId })) }),
    ])
    created += rows.length
  }
  return created
}
