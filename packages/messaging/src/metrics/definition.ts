// How one set of response metrics was computed, in words and numbers, generated from the
// constants and the options the computation itself used (./response-metrics.ts): a change to
// the window, the percentile, the buckets or the minimum sample changes this text with it.
import { BUCKETS, MIN_SAMPLES, USUAL_REPLY_PERCENTILE, type ResponseMetricsResult } from './response-metrics.ts'

/** What a set of figures was computed over: recorded where the figures are computed. */
export type ResponseMetricsBasis = {
  /** Whose waits: the supplier team's (it owed the reply) or the buyer's. */
  awaitedSide: 'SUPPLIER' | 'BUYER'
  /** SERVICE_TIME: the supplier's opening hours and closures; WALL_CLOCK: every second (ALWAYS_OPEN). */
  timeBasis: 'SERVICE_TIME' | 'WALL_CLOCK'
  timeZone: string
  /** The response target withinTargetRate is measured against, in seconds of the time basis. */
  targetSeconds: number
  /** Intervals opened in (start, end]; `days` long. */
  window: { days: number; start: Date; end: Date }
  /** The instant the intervals are judged at: later answers count as not given, open waits are measured up to it. */
  judgedAt: Date
  /** Only the intervals this team member answered (the per-agent figures). */
  perAgent: boolean
}

export type MetricFormula = { field: keyof ResponseMetricsResult; formula: string; unit: string }

export type ResponseMetricsDefinition = {
  population: string
  window: ResponseMetricsBasis['window'] & { judgedAt: Date; rule: string }
  timeBasis: { kind: ResponseMetricsBasis['timeBasis']; timeZone: string; description: string }
  targetSeconds: number
  minimumSamples: number
  percentile: number
  bucketSeconds: number[]
  formulas: MetricFormula[]
  excludes: string[]
}

const hours = (seconds: number) => `${seconds / 3600} h`
const ordinal = (n: number) => `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`

export function describeResponseMetrics(basis: ResponseMetricsBasis): ResponseMetricsDefinition {
  const supplier = basis.awaitedSide === 'SUPPLIER'
  const waiter = supplier ? 'the buyer' : 'the supplier’s team'
  const owner = supplier ? 'the supplier’s team' : 'the buyer'
  const service = basis.timeBasis === 'SERVICE_TIME'
  const seconds = service ? 'seconds of service time' : 'seconds of wall-clock time'
  const replyTime = `reply time (${seconds} from openedAt to answeredAt)`
  const p = USUAL_REPLY_PERCENTILE
  const lastBucket = BUCKETS[BUCKETS.length - 1]!
  const target = `the response target of ${basis.targetSeconds} ${seconds}`
  const atLeast = (what: string) => `Null when there are fewer than ${MIN_SAMPLES} ${what}.`
  const counted = basis.perAgent ? 'counted intervals this team member answered' : 'counted intervals'
  const answered = basis.perAgent ? counted : `answered ${counted}`

  const formulas: Record<keyof ResponseMetricsResult, { formula: string; unit: string }> = {
    conversations: {
      formula: `Number of distinct conversations among the ${counted} that are first responses (isFirstResponse): conversations whose first wait for ${owner} opened in the window${basis.perAgent ? ' and was answered by this team member' : ''}. Never null.`,
      unit: 'conversations',
    },
    medianFirstResponse: {
      formula: `Median ${replyTime} over the ${answered} that are first responses (isFirstResponse); with an even count, the mean of the middle two, rounded to a whole second. ${atLeast('answered first responses')}`,
      unit: seconds,
    },
    withinTargetRate: {
      formula: basis.perAgent
        ? `Answered within the target ÷ answered, over all ${counted} (first responses and follow-ups): an answer is within the target when its ${replyTime} is ≤ ${target}. ${atLeast('answered intervals')}`
        : `Hits ÷ decided intervals, over all ${counted} (first responses and follow-ups). A hit is an answer whose ${replyTime} is ≤ ${target}. Decided: every answered interval, and every unanswered one whose wait from openedAt to judgedAt already exceeds the target (a miss); an unanswered interval still within the target is undecided and left out. ${atLeast('decided intervals')}`,
      unit: 'ratio (0–1)',
    },
    responseRate: basis.perAgent
      ? { formula: 'Always null for one team member: unanswered intervals belong to nobody, so there is no rate to compute.', unit: 'ratio (0–1)' }
      : {
          formula: `Answered first responses ÷ first responses, over the ${counted} that are first responses (isFirstResponse): the share of conversations in which ${owner} answered ${waiter}’s first message at all, however late. ${atLeast('first responses')}`,
          unit: 'ratio (0–1)',
        },
    usuallyRepliesWithin: {
      formula: `The ${ordinal(p * 100)} percentile (nearest rank: the ⌈${p}·n⌉-th smallest) of the ${replyTime} of all ${answered} (first responses and follow-ups), rounded up to the smallest of ${BUCKETS.join(', ')} seconds (${BUCKETS.map(hours).join(', ')}). ${atLeast('answered intervals')} Also null when that percentile is above ${lastBucket} seconds (${hours(lastBucket)}).`,
      unit: seconds,
    },
    samples: {
      formula: `Number of ${answered} (first responses and follow-ups): the reply times usuallyRepliesWithin is computed over.`,
      unit: 'intervals',
    },
  }

  const population = [
    `Waits for a reply from ${owner}${basis.perAgent ? ', answered by this team member' : ''} (awaitedSide ${basis.awaitedSide}), opened in the window.`,
    `A wait (interval) opens with ${waiter}’s first message that ${owner} has not answered yet, and closes (answeredAt) with ${owner}’s next message written by a person, even if that message is unsent later.`,
    `isFirstResponse marks each conversation’s first wait for ${owner}; later waits are follow-ups.`,
  ].join(' ')

  const excludes = [
    `Waits for ${waiter}: only waits for ${owner} (awaitedSide ${basis.awaitedSide}) count.`,
    `Automatic replies (away messages, kind AUTO_REPLY) and system notices: they neither answer a wait nor open one, so an auto-responder cannot improve the figures.`,
    `Further messages from the side that is already waiting: the wait runs from its first unanswered message; later ones neither open another wait nor restart the clock.`,
    `Waits opened outside the window (openedAt at or before ${basis.window.start.toISOString()} or after ${basis.window.end.toISOString()}), even when answered inside it.`,
    `Answers stamped after judgedAt (${basis.judgedAt.toISOString()}): the wait counts as unanswered.`,
    `Unanswered waits from every reply time (medianFirstResponse, usuallyRepliesWithin, samples)${basis.perAgent ? ' and from every per-agent figure: they belong to nobody' : `, and from withinTargetRate while their wait is still within the target`}.`,
    ...(basis.perAgent ? ['Waits answered by anyone else on the team.'] : []),
    ...(service ? ['Time outside the supplier’s opening hours and on its closure dates.'] : []),
  ]

  return {
    population,
    window: {
      ...basis.window,
      judgedAt: basis.judgedAt,
      rule:
        basis.judgedAt.getTime() === basis.window.end.getTime()
          ? `Waits with openedAt after start and at or before end (the last ${basis.window.days} days), judged as of end.`
          : `Waits with openedAt after start and at or before end (${basis.window.days} days), judged as of judgedAt: a wait opened in this period and answered later counts, with its real reply time, in this period.`,
    },
    timeBasis: {
      kind: basis.timeBasis,
      timeZone: basis.timeZone,
      description: service
        ? `Service time: only the seconds during which the supplier is open count — its weekly opening hours as local wall-clock times in ${basis.timeZone} (correct across DST), minus its closure dates. Reply times are computed with the supplier’s current hours and closures, for past waits too.`
        : 'Wall-clock time: every second between openedAt and answeredAt counts (buyers keep no service hours).',
    },
    targetSeconds: basis.targetSeconds,
    minimumSamples: MIN_SAMPLES,
    percentile: p,
    bucketSeconds: [...BUCKETS],
    formulas: (Object.keys(formulas) as (keyof ResponseMetricsResult)[]).map((field) => ({ field, ...formulas[field] })),
    excludes,
  }
}
