import { describe, expect, it } from 'vitest'
import { ALWAYS_OPEN, addBusinessSeconds, type Schedule } from './business-time.ts'
import {
  BUCKETS,
  MIN_SAMPLES,
  computeResponseMetrics,
  expectedReplyBy,
  metricsByAgent,
  metricsTrend,
  type ResponseIntervalInput,
} from './response-metrics.ts'

const HOUR = 3600
const MIN = 60
const DAY = 24 * HOUR
const at = (iso: string) => new Date(iso)

// Lisbon is UTC+0 in January. January 2026: Thu 8, Fri 9, Sat 10, Sun 11, Mon 12 … Fri 16.
const lisbonOffice: Schedule = {
  timeZone: 'Europe/Lisbon',
  hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt: 9 * 60, closesAt: 18 * 60 })),
  closures: [],
}
const wallClock = ALWAYS_OPEN('UTC')

function iv(
  conversationId: string,
  openedAt: string,
  answeredAt: string | null,
  isFirstResponse = true,
  answeredBy: string | null = null,
): ResponseIntervalInput {
  return {
    conversationId,
    openedAt: at(openedAt),
    answeredAt: answeredAt === null ? null : at(answeredAt),
    isFirstResponse,
    answeredBy,
  }
}
/** An interval opened at `openedAt` and answered `seconds` of wall-clock time later. */
function answeredAfter(
  conversationId: string,
  openedAt: string,
  seconds: number,
  isFirstResponse = true,
  answeredBy: string | null = null,
): ResponseIntervalInput {
  const opened = at(openedAt)
  return {
    conversationId,
    openedAt: opened,
    answeredAt: new Date(opened.getTime() + seconds * 1000),
    isFirstResponse,
    answeredBy,
  }
}

const NOW = '2026-01-31T12:00:00Z'
const wallOpts = (targetSeconds = 4 * HOUR) => ({ schedule: wallClock, targetSeconds, now: at(NOW), windowDays: 30 })

describe('computeResponseMetrics', () => {
  it('takes the median first response in the supplier’s service hours', () => {
    const intervals = [
      iv('c1', '2026-01-09T17:30:00Z', '2026-01-12T09:30:00Z'), // Fri 17:30 → Mon 09:30 = 30 min + 30 min = 1 h (64 h on the wall clock)
      iv('c2', '2026-01-12T10:00:00Z', '2026-01-12T12:00:00Z'), // Mon 10:00 → 12:00 = 2 h
      iv('c3', '2026-01-13T17:00:00Z', '2026-01-14T11:00:00Z'), // Tue 17:00 → Wed 11:00 = 1 h + 2 h = 3 h
      iv('c1', '2026-01-12T10:00:00Z', '2026-01-15T10:00:00Z', false), // not a first response: 27 h, ignored by the median
    ]
    const opts = { schedule: lisbonOffice, targetSeconds: 4 * HOUR, now: at('2026-01-16T12:00:00Z'), windowDays: 30 }
    // Median of 1 h, 2 h, 3 h = 2 h.
    expect(computeResponseMetrics(intervals, opts).medianFirstResponse).toBe(2 * HOUR)
    // A fourth first response of 4 h (Thu 10:00 → 14:00): median of 1, 2, 3, 4 h = (2 h + 3 h) / 2 = 2.5 h.
    const four = [...intervals, iv('c4', '2026-01-15T10:00:00Z', '2026-01-15T14:00:00Z')]
    expect(computeResponseMetrics(four, opts).medianFirstResponse).toBe(9000)
  })

  it('measures the same interval as 1 h for a supplier and 64 h for an always-open buyer', () => {
    const intervals = [1, 2, 3].map((n) => iv(`c${n}`, '2026-01-09T17:30:00Z', '2026-01-12T09:30:00Z'))
    const opts = { targetSeconds: DAY, now: at('2026-01-16T12:00:00Z'), windowDays: 30 }
    expect(computeResponseMetrics(intervals, { ...opts, schedule: lisbonOffice }).medianFirstResponse).toBe(HOUR)
    // Friday 17:30 → Monday 09:30 = 2 days 16 h = 64 h.
    expect(
      computeResponseMetrics(intervals, { ...opts, schedule: ALWAYS_OPEN('Europe/Lisbon') }).medianFirstResponse,
    ).toBe(64 * HOUR)
  })

  it('returns nulls, not noisy figures, below MIN_SAMPLES', () => {
    expect(MIN_SAMPLES).toBe(3)
    const result = computeResponseMetrics(
      [answeredAfter('c1', '2026-01-20T10:00:00Z', HOUR), answeredAfter('c2', '2026-01-21T10:00:00Z', 2 * HOUR)],
      wallOpts(),
    )
    expect(result).toEqual({
      conversations: 2,
      medianFirstResponse: null,
      withinTargetRate: null,
      responseRate: null,
      usuallyRepliesWithin: null,
      samples: 2,
    })
  })

  it('returns zero counts and nulls without intervals', () => {
    expect(computeResponseMetrics([], wallOpts())).toEqual({
      conversations: 0,
      medianFirstResponse: null,
      withinTargetRate: null,
      responseRate: null,
      usuallyRepliesWithin: null,
      samples: 0,
    })
  })

  it('only counts intervals opened after now − windowDays and up to now', () => {
    // Window = (2026-01-01T12:00Z, 2026-01-31T12:00Z].
    const intervals = [
      answeredAfter('old', '2026-01-01T12:00:00Z', HOUR), // exactly at the start: out
      answeredAfter('a', '2026-01-01T12:00:01Z', HOUR), // in
      answeredAfter('b', '2026-01-15T12:00:00Z', HOUR), // in
      iv('c', NOW, null), // opened right now: in (undecided, unanswered)
      answeredAfter('future', '2026-01-31T12:00:01Z', HOUR), // after now: out
    ]
    const result = computeResponseMetrics(intervals, wallOpts())
    expect(result.conversations).toBe(3) // a, b, c
    expect(result.samples).toBe(2) // a, b
    expect(result.responseRate).toBe(2 / 3)
  })

  it('counts within-target replies, counts overdue open intervals as misses and leaves undecided ones out', () => {
    // Target 4 h, wall clock; now = 31 Jan 12:00.
    const intervals = [
      answeredAfter('a', '2026-01-20T10:00:00Z', HOUR), // hit
      answeredAfter('b', '2026-01-20T10:00:00Z', 5 * HOUR), // miss
      answeredAfter('c', '2026-01-20T10:00:00Z', 4 * HOUR), // exactly on target: hit
      iv('d', '2026-01-31T06:00:00Z', null), // waiting 6 h > 4 h: miss
      iv('e', '2026-01-31T11:00:00Z', null), // waiting 1 h: undecided
      iv('f', '2026-01-31T08:00:00Z', null), // waiting exactly 4 h: not yet over, undecided
    ]
    // Hits a, c; misses b, d → 2 / 4.
    expect(computeResponseMetrics(intervals, wallOpts(4 * HOUR)).withinTargetRate).toBe(0.5)
  })

  it('judges an open interval by its service-time wait, so a weekend does not make it overdue', () => {
    // Target 4 h; now = Monday 12 Jan 09:30.
    const intervals = [
      iv('a', '2026-01-07T10:00:00Z', '2026-01-07T11:00:00Z'), // 1 h: hit
      iv('b', '2026-01-07T10:00:00Z', '2026-01-07T12:00:00Z'), // 2 h: hit
      iv('c', '2026-01-08T10:00:00Z', '2026-01-08T13:00:00Z'), // 3 h: hit
      iv('d', '2026-01-08T12:00:00Z', null), // Thu 12–18 (6 h) + Fri (9 h) + Mon 09–09:30 = 15.5 h: miss
      iv('e', '2026-01-09T17:00:00Z', null), // Fri 17–18 + Mon 09–09:30 = 1.5 h, though 64.5 wall-clock hours: undecided
    ]
    const opts = { schedule: lisbonOffice, targetSeconds: 4 * HOUR, now: at('2026-01-12T09:30:00Z'), windowDays: 30 }
    // 3 hits / 4 decided.
    expect(computeResponseMetrics(intervals, opts).withinTargetRate).toBe(0.75)
  })

  it('gives the share of first intervals that got any answer as the response rate', () => {
    const intervals = [
      answeredAfter('a', '2026-01-10T10:00:00Z', HOUR),
      answeredAfter('b', '2026-01-11T10:00:00Z', 3 * DAY), // late, but answered
      answeredAfter('c', '2026-01-12T10:00:00Z', 10 * MIN),
      iv('d', '2026-01-13T10:00:00Z', null), // never answered
      iv('a', '2026-01-14T10:00:00Z', null, false), // a follow-up, not a first interval: ignored
    ]
    const result = computeResponseMetrics(intervals, wallOpts())
    expect(result.conversations).toBe(4)
    expect(result.responseRate).toBe(0.75) // 3 of 4
  })

  it('treats an answer stamped after now as not answered yet', () => {
    const intervals = [
      answeredAfter('a', '2026-01-10T10:00:00Z', HOUR),
      answeredAfter('b', '2026-01-11T10:00:00Z', HOUR),
      answeredAfter('c', '2026-01-12T10:00:00Z', HOUR),
      iv('d', '2026-01-31T11:00:00Z', '2026-01-31T13:00:00Z'), // answered 1 h after now
    ]
    const result = computeResponseMetrics(intervals, wallOpts())
    expect(result.responseRate).toBe(0.75)
    expect(result.samples).toBe(3)
    expect(result.withinTargetRate).toBe(1) // d has waited 1 h of a 4 h target: undecided
  })

  describe('usuallyRepliesWithin', () => {
    it('offers the buckets 1 h, 2 h, 4 h, 8 h, 24 h, 48 h, 72 h and a week', () => {
      expect(BUCKETS).toEqual([HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR, 24 * HOUR, 48 * HOUR, 72 * HOUR, 168 * HOUR])
    })

    // The 75th percentile is the nearest rank: the ⌈0.75 n⌉-th smallest reply time
    // (3rd of 3, 3rd of 4, 6th of 8), rounded up to the next bucket.
    const cases: { replies: number[]; p75: string; bucket: number | null }[] = [
      { replies: [10 * MIN, 20 * MIN, 50 * MIN, 3 * HOUR], p75: '50 min', bucket: HOUR },
      { replies: [HOUR, HOUR, HOUR], p75: '1 h exactly', bucket: HOUR },
      { replies: [HOUR, HOUR + 1, HOUR + 1], p75: '1 h 1 s', bucket: 2 * HOUR },
      { replies: [HOUR, 1.5 * HOUR, 3 * HOUR, 5 * HOUR], p75: '3 h', bucket: 4 * HOUR },
      { replies: [5 * HOUR, 6 * HOUR, 7 * HOUR], p75: '7 h', bucket: 8 * HOUR },
      { replies: [MIN, MIN, MIN, MIN, MIN, 20 * HOUR, 10 * DAY, 10 * DAY], p75: '20 h', bucket: 24 * HOUR },
      { replies: [20 * HOUR, 30 * HOUR, 40 * HOUR], p75: '40 h', bucket: 48 * HOUR },
      { replies: [2 * DAY, 2.5 * DAY, 3 * DAY], p75: '72 h exactly', bucket: 72 * HOUR },
      { replies: [4 * DAY, 5 * DAY, 6 * DAY], p75: '6 days', bucket: 168 * HOUR },
      { replies: [8 * DAY, 9 * DAY, 10 * DAY], p75: '10 days', bucket: null },
    ]
    for (const { replies, p75, bucket } of cases) {
      it(`rounds a 75th percentile of ${p75} to ${bucket === null ? 'null (slower than a week)' : `${bucket / HOUR} h`}`, () => {
        // Follow-ups count too: every other interval is not a first response.
        const intervals = replies.map((s, n) => answeredAfter(`c${n}`, '2026-01-10T00:00:00Z', s, n % 2 === 0))
        const result = computeResponseMetrics(intervals, { ...wallOpts(), now: at('2026-02-01T00:00:00Z') })
        expect(result.usuallyRepliesWithin).toBe(bucket)
        expect(result.samples).toBe(replies.length)
      })
    }

    it('measures reply times in service time: Friday-evening messages answered Monday morning are 1-hour replies', () => {
      const intervals = [1, 2, 3, 4].map((n) => iv(`c${n}`, '2026-01-09T17:30:00Z', '2026-01-12T09:30:00Z'))
      const opts = { schedule: lisbonOffice, targetSeconds: 4 * HOUR, now: at('2026-01-16T12:00:00Z'), windowDays: 30 }
      expect(computeResponseMetrics(intervals, opts).usuallyRepliesWithin).toBe(HOUR)
    })
  })
})

describe('metricsByAgent', () => {
  it('breaks answered intervals down by who answered them', () => {
    // Wall clock, target 2 h.
    const intervals = [
      answeredAfter('c1', '2026-01-10T10:00:00Z', HOUR, true, 'ana'),
      answeredAfter('c2', '2026-01-11T10:00:00Z', 3 * HOUR, true, 'ana'),
      answeredAfter('c3', '2026-01-12T10:00:00Z', 30 * MIN, false, 'ana'),
      answeredAfter('c4', '2026-01-13T10:00:00Z', 2 * HOUR, true, 'ben'),
      answeredAfter('c5', '2026-01-14T10:00:00Z', 10 * MIN, true, 'ben'),
      answeredAfter('c6', '2026-01-15T10:00:00Z', 20 * MIN, true, 'ben'),
      iv('c7', '2026-01-16T10:00:00Z', null), // unanswered: nobody's
      answeredAfter('c8', '2026-01-17T10:00:00Z', HOUR, true, null), // answered by someone unknown: nobody's
      answeredAfter('c9', '2025-12-01T10:00:00Z', HOUR, true, 'cy'), // outside the window
    ]
    const byAgent = metricsByAgent(intervals, wallOpts(2 * HOUR))
    expect([...byAgent.keys()].sort()).toEqual(['ana', 'ben'])
    // Ana: first replies 1 h and 3 h (2 < MIN_SAMPLES → no median); within 2 h: 1 h ✓, 3 h ✗, 30 min ✓ → 2/3;
    // replies 30 min, 1 h, 3 h → 75th percentile 3 h → 4 h bucket.
    expect(byAgent.get('ana')).toEqual({
      conversations: 2,
      medianFirstResponse: null,
      withinTargetRate: 2 / 3,
      responseRate: null,
      usuallyRepliesWithin: 4 * HOUR,
      samples: 3,
    })
    // Ben: first replies 10 min, 20 min, 2 h → median 20 min; all within 2 h (inclusive) → 1;
    // 75th percentile 2 h → 2 h bucket.
    expect(byAgent.get('ben')).toEqual({
      conversations: 3,
      medianFirstResponse: 20 * MIN,
      withinTargetRate: 1,
      responseRate: null,
      usuallyRepliesWithin: 2 * HOUR,
      samples: 3,
    })
  })

  it('is empty when nothing was answered', () => {
    expect(metricsByAgent([iv('c1', '2026-01-16T10:00:00Z', null)], wallOpts()).size).toBe(0)
  })
})

describe('metricsTrend', () => {
  const trendOpts = { schedule: wallClock, targetSeconds: 2 * HOUR, now: at(NOW), periods: 4, periodDays: 7 }

  it('splits intervals into periods by when they opened, oldest period first', () => {
    // NOW is Sat 31 Jan 12:00; the weeks end at 31 Jan, 24 Jan, 17 Jan and 10 Jan, 12:00.
    const intervals = [
      answeredAfter('a1', '2026-01-05T10:00:00Z', HOUR), // week 1
      answeredAfter('a2', '2026-01-06T10:00:00Z', 3 * HOUR), // week 1 (late)
      answeredAfter('a3', '2026-01-07T10:00:00Z', 30 * MIN), // week 1
      answeredAfter('b1', '2026-01-20T10:00:00Z', 10 * MIN), // week 3
      answeredAfter('b2', '2026-01-21T10:00:00Z', 20 * MIN), // week 3
      answeredAfter('b3', '2026-01-22T10:00:00Z', 40 * MIN), // week 3
      answeredAfter('old', '2025-12-01T10:00:00Z', MIN), // before the first week: ignored
    ]
    const trend = metricsTrend(intervals, trendOpts)
    expect(trend.map((p) => [p.start.toISOString(), p.end.toISOString()])).toEqual([
      ['2026-01-03T12:00:00.000Z', '2026-01-10T12:00:00.000Z'],
      ['2026-01-10T12:00:00.000Z', '2026-01-17T12:00:00.000Z'],
      ['2026-01-17T12:00:00.000Z', '2026-01-24T12:00:00.000Z'],
      ['2026-01-24T12:00:00.000Z', '2026-01-31T12:00:00.000Z'],
    ])
    expect(trend.map((p) => p.metrics.samples)).toEqual([3, 0, 3, 0])
    expect(trend[0]!.metrics).toMatchObject({ medianFirstResponse: HOUR, withinTargetRate: 2 / 3, conversations: 3 })
    expect(trend[2]!.metrics).toMatchObject({ medianFirstResponse: 20 * MIN, withinTargetRate: 1, conversations: 3 })
    // A week without data says so (null), rather than pretending to be perfect or terrible.
    expect(trend[1]!.metrics).toMatchObject({ medianFirstResponse: null, withinTargetRate: null, conversations: 0 })
  })

  it('judges old questions as of now: an answer after the week ended still counts in its week', () => {
    const intervals = ['x1', 'x2', 'x3'].map((c) => iv(c, '2026-01-09T10:00:00Z', '2026-01-12T10:00:00Z'))
    const trend = metricsTrend(intervals, trendOpts)
    expect(trend[0]!.metrics).toMatchObject({ samples: 3, medianFirstResponse: 3 * DAY, withinTargetRate: 0, responseRate: 1 })
  })
})

describe('expectedReplyBy', () => {
  it('adds the typical reply time in service time', () => {
    // Friday 17:00 + 2 h → Fri 17–18, Mon 09–10 → Monday 10:00.
    expect(expectedReplyBy(lisbonOffice, at('2026-01-09T17:00:00Z'), 2 * HOUR)).toEqual(at('2026-01-12T10:00:00Z'))
    expect(expectedReplyBy(lisbonOffice, at('2026-01-09T17:00:00Z'), 2 * HOUR)).toEqual(
      addBusinessSeconds(lisbonOffice, at('2026-01-09T17:00:00Z'), 2 * HOUR),
    )
  })

  it('is null when the supplier has no service hours', () => {
    expect(
      expectedReplyBy({ timeZone: 'Europe/Lisbon', hours: [], closures: [] }, at('2026-01-09T17:00:00Z'), HOUR),
    ).toBeNull()
  })
})
