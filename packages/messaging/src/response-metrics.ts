// Response metrics from stored ResponseInterval rows, measured in the supplier's service
// time (formulas in src/metrics/README.md). Buyers are measured in wall-clock time.
import type { PrismaClient } from '@rapport/db'
import { addBusinessSeconds, ALWAYS_OPEN, businessSecondsBetween, type Schedule } from './metrics/business-time.ts'
import { computeResponseMetrics, metricsByAgent, metricsTrend, type MetricsPeriod, type ResponseIntervalInput, type ResponseMetricsResult } from './metrics/response-metrics.ts'
import { loadSchedule } from './schedule.ts'

const DAY = 24 * 3600 * 1000

/** What every supplier metric needs: its schedule, its target and the intervals of the window. */
async function supplierInputs(db: PrismaClient, supplierId: string, windowDays: number, now: Date) {
  const [schedule, supplier, intervals] = await Promise.all([
    loadSchedule(db, supplierId),
    db.supplier.findUniqueOrThrow({ where: { id: supplierId }, select: { responseTargetSeconds: true } }),
    supplierIntervals(db, supplierId, windowDays, now),
  ])
  return { intervals, options: { schedule, targetSeconds: supplier.responseTargetSeconds, now, windowDays } }
}

export async function supplierResponseMetrics(db: PrismaClient, supplierId: string, windowDays: number, now: Date): Promise<ResponseMetricsResult> {
  const { intervals, options } = await supplierInputs(db, supplierId, windowDays, now)
  return computeResponseMetrics(intervals, options)
}

/** The same metrics per team member who answered (for the supplier's dashboard). */
export async function supplierMetricsByAgent(db: PrismaClient, supplierId: string, windowDays: number, now: Date) {
  const { intervals, options } = await supplierInputs(db, supplierId, windowDays, now)
  return metricsByAgent(intervals, options)
}

/** Weekly (or `periodDays`) metrics for the supplier's dashboard, oldest period first. */
export async function supplierMetricsTrend(
  db: PrismaClient,
  supplierId: string,
  periods: number,
  periodDays: number,
  now: Date,
): Promise<MetricsPeriod[]> {
  const { intervals, options } = await supplierInputs(db, supplierId, periods * periodDays, now)
  return metricsTrend(intervals, { ...options, periods, periodDays })
}

async function supplierIntervals(db: PrismaClient, supplierId: string, windowDays: number, now: Date): Promise<ResponseIntervalInput[]> {
  const rows = await db.responseInterval.findMany({
    where: { supplierId, awaitedSide: 'SUPPLIER', openedAt: { gt: new Date(now.getTime() - windowDays * DAY), lte: now } },
    select: { conversationId: true, openedAt: true, answeredAt: true, isFirstResponse: true, answeredById: true },
  })
  return rows.map((r) => ({ ...r, answeredBy: r.answeredById }))
}

/** How quickly a buyer answers suppliers' questions, in wall-clock time. */
export async function buyerResponseMetrics(db: PrismaClient, buyerId: string, windowDays: number, now: Date): Promise<ResponseMetricsResult> {
  const buyer = await db.buyer.findUniqueOrThrow({ where: { id: buyerId }, select: { timeZone: true } })
  const rows = await db.responseInterval.findMany({
    where: { awaitedSide: 'BUYER', conversation: { buyerId }, openedAt: { gt: new Date(now.getTime() - windowDays * DAY), lte: now } },
    select: { conversationId: true, openedAt: true, answeredAt: true, isFirstResponse: true },
  })
  return computeResponseMetrics(rows, { schedule: ALWAYS_OPEN(buyer.timeZone), targetSeconds: 24 * 3600, now, windowDays })
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
