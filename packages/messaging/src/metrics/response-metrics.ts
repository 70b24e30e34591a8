// Response metrics over "waiting for a reply" intervals, measured in the awaited side's
// service time (formulas in ./README.md). Pure functions: the caller loads the rows.
import { addBusinessSeconds, businessSecondsBetween, type Schedule } from './business-time.ts'

/**
 * One "waiting for a reply" period: opened by the first unanswered message from one side,
 * closed (answeredAt) by the next human message from the other side. Auto/away replies never
 * close an interval.
 */
export type ResponseIntervalInput = {
  conversationId: string
  openedAt: Date
  answeredAt: Date | null
  isFirstResponse: boolean
  answeredBy?: string | null
}

export type ResponseMetricsResult = {
  /** Conversations whose FIRST interval opened within the window. */
  conversations: number
  /** Service seconds, median over answered first intervals in the window; null if fewer than MIN_SAMPLES. */
  medianFirstResponse: number | null
  /**
   * Share (0..1) of decided intervals opened in the window that were answered within the target
   * (service seconds, inclusive). An unanswered interval is a miss once its service-time wait
   * exceeds the target and is left out while it is still within it; null if fewer than
   * MIN_SAMPLES are decided.
   */
  withinTargetRate: number | null
  /** Share (0..1) of first intervals in the window that got any answer; null if fewer than MIN_SAMPLES. */
  responseRate: number | null
  /** Smallest of BUCKETS covering the 75th percentile of reply times; null if fewer than MIN_SAMPLES or slower than a week. */
  usuallyRepliesWithin: number | null
  /** Answered intervals used. */
  samples: number
}

export type ResponseMetricsOptions = { schedule: Schedule; targetSeconds: number; now: Date; windowDays: number }

/** Below this many data points a figure is too noisy to show (one slow reply is not a habit). */
export const MIN_SAMPLES = 3

const HOUR = 3600
/** "Usually replies within" buckets, in service seconds: 1h, 2h, 4h, 8h, 24h, 48h, 72h, 1 week. */
export const BUCKETS: readonly number[] = [1, 2, 4, 8, 24, 48, 72, 168].map((h) => h * HOUR)

/** "Usually replies within" is this nearest-rank percentile of reply times (three replies in four). */
export const USUAL_REPLY_PERCENTILE = 0.75

export const DAY_MS = 86_400_000

/** The intervals a window counts: openedAt in (start, end]. */
export type MetricsWindow = { start: Date; end: Date }

/** The window of `windowDays` ending at `now`: intervals opened in (now − windowDays, now]. */
export function metricsWindow(windowDays: number, now: Date): MetricsWindow {
  return { start: new Date(now.getTime() - windowDays * DAY_MS), end: now }
}

/** Whether an interval opened in the window: after its start, at or before its end. */
export function openedInWindow(openedAt: Date, window: MetricsWindow): boolean {
  const t = openedAt.getTime()
  return t > window.start.getTime() && t <= window.end.getTime()
}

/** How one interval counts as of `now` (the same judgement for the figures and for the listed intervals). */
export type JudgedInterval = {
  /** The answer, or null when there is none yet — an answer stamped after `now` had not happened as of `now`. */
  answeredAt: Date | null
  /** Reply time in the schedule's service seconds; null while unanswered. */
  seconds: number | null
  /**
   * true: answered within the target (inclusive). false: answered after it, or unanswered and its
   * service-time wait up to `now` already exceeds it. null: unanswered and still within it (undecided).
   */
  withinTarget: boolean | null
}

export function judgeInterval(i: Pick<ResponseIntervalInput, 'openedAt' | 'answeredAt'>, opts: Pick<ResponseMetricsOptions, 'schedule' | 'targetSeconds' | 'now'>): JudgedInterval {
  const answeredAt = i.answeredAt && i.answeredAt.getTime() <= opts.now.getTime() ? i.answeredAt : null
  if (answeredAt) {
    const seconds = businessSecondsBetween(opts.schedule, i.openedAt, answeredAt)
    return { answeredAt, seconds, withinTarget: seconds <= opts.targetSeconds }
  }
  // Waited past the target: a miss whatever happens next. Still within it: undecided, left out.
  return { answeredAt: null, seconds: null, withinTarget: businessSecondsBetween(opts.schedule, i.openedAt, opts.now) > opts.targetSeconds ? false : null }
}

export function computeResponseMetrics(
  intervals: ResponseIntervalInput[],
  opts: ResponseMetricsOptions,
): ResponseMetricsResult {
  const window = metricsWindow(opts.windowDays, opts.now)

  let withinTarget = 0
  let decided = 0
  const firstConversations = new Set<string>()
  let firsts = 0
  let firstsAnswered = 0
  const firstTimes: number[] = []
  const times: number[] = []

  for (const i of intervals) {
    if (!openedInWindow(i.openedAt, window)) continue
    const judged = judgeInterval(i, opts)
    if (judged.seconds !== null) {
      times.push(judged.seconds)
      if (i.isFirstResponse) firstTimes.push(judged.seconds)
    }
    if (judged.withinTarget !== null) decided++ // undecided (unanswered, still within target): left out
    if (judged.withinTarget) withinTarget++
    if (i.isFirstResponse) {
      firstConversations.add(i.conversationId)
      firsts++
      if (judged.answeredAt) firstsAnswered++
    }
  }

  const p75 = times.length >= MIN_SAMPLES ? percentile(times, USUAL_REPLY_PERCENTILE) : null
  return {
    conversations: firstConversations.size,
    medianFirstResponse: firstTimes.length >= MIN_SAMPLES ? median(firstTimes) : null,
    withinTargetRate: decided >= MIN_SAMPLES ? withinTarget / decided : null,
    responseRate: firsts >= MIN_SAMPLES ? firstsAnswered / firsts : null,
    usuallyRepliesWithin: p75 === null ? null : (BUCKETS.find((b) => p75 <= b) ?? null),
    samples: times.length,
  }
}

/**
 * The same metrics per person who answered (answeredBy), over the intervals each one closed
 * within the window. Unanswered intervals belong to nobody, so per-agent responseRate is null.
 */
export function metricsByAgent(
  intervals: ResponseIntervalInput[],
  opts: ResponseMetricsOptions,
): Map<string, ResponseMetricsResult> {
  const now = opts.now.getTime()
  const byAgent = new Map<string, ResponseIntervalInput[]>()
  for (const i of intervals) {
    if (!i.answeredBy || !i.answeredAt || i.answeredAt.getTime() > now) continue
    let list = byAgent.get(i.answeredBy)
    if (!list) byAgent.set(i.answeredBy, (list = []))
    list.push(i)
  }
  const result = new Map<string, ResponseMetricsResult>()
  for (const [agent, list] of byAgent) {
    const metrics = computeResponseMetrics(list, opts)
    if (metrics.samples > 0) result.set(agent, { ...metrics, responseRate: null })
  }
  return result
}

/** One period of a trend: [start, end) and the metrics of intervals opened in it. */
export type MetricsPeriod = { start: Date; end: Date; metrics: ResponseMetricsResult }

/**
 * Metrics per period of `periodDays`, oldest first, the last period ending at `now`. Each
 * period counts the intervals OPENED in it, judged as of `now` (a question from three weeks
 * ago answered last week counts, with its real reply time, in the week it was asked) — so
 * a period's figures settle once its questions are answered, and the sum of periods matches
 * the whole window.
 */
export function metricsTrend(
  intervals: ResponseIntervalInput[],
  opts: Omit<ResponseMetricsOptions, 'windowDays'> & { periods: number; periodDays: number },
): MetricsPeriod[] {
  const now = opts.now.getTime()
  const span = opts.periodDays * DAY_MS
  const result: MetricsPeriod[] = []
  for (let k = opts.periods - 1; k >= 0; k--) {
    const end = now - k * span
    const start = end - span
    const inPeriod = intervals.filter((i) => openedInWindow(i.openedAt, { start: new Date(start), end: new Date(end) }))
    // windowDays reaches back past `start`: the filter above already chose the period.
    const windowDays = (now - start) / DAY_MS + 1
    result.push({
      start: new Date(start),
      end: new Date(end),
      metrics: computeResponseMetrics(inPeriod, { schedule: opts.schedule, targetSeconds: opts.targetSeconds, now: opts.now, windowDays }),
    })
  }
  return result
}

/** When an answer can be expected: `typicalSeconds` of service time after the interval opened. */
export function expectedReplyBy(schedule: Schedule, openedAt: Date, typicalSeconds: number): Date | null {
  return addBusinessSeconds(schedule, openedAt, typicalSeconds)
}

/** Median of whole seconds, rounded to a whole second (mean of the middle two when even). */
function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2)
}

/** Nearest-rank percentile: the smallest value with at least p of the values at or below it. */
function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b)
  return s[Math.max(0, Math.ceil(p * s.length) - 1)]!
}
