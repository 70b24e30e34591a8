import { describe, expect, it } from 'vitest'
import {
  ALWAYS_OPEN,
  addBusinessSeconds,
  businessSecondsBetween,
  isOpenAt,
  nextOpening,
  openStateAt,
  type Schedule,
} from './business-time.ts'

const HOUR = 3600
const MIN = 60
const at = (iso: string) => new Date(iso)

/** Mon–Fri with the same intervals every day; minutes after local midnight. */
function weekdays(timeZone: string, intervals: [number, number][], closures: string[] = []): Schedule {
  return {
    timeZone,
    hours: [1, 2, 3, 4, 5].flatMap((weekday) =>
      intervals.map(([opensAt, closesAt]) => ({ weekday, opensAt, closesAt })),
    ),
    closures,
  }
}
/** Every day of the week with the same intervals. */
function daily(timeZone: string, intervals: [number, number][]): Schedule {
  return {
    timeZone,
    hours: [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) =>
      intervals.map(([opensAt, closesAt]) => ({ weekday, opensAt, closesAt })),
    ),
    closures: [],
  }
}

// Lisbon is UTC+0 in January, so local times read the same as UTC there.
// January 2026: Fri 9, Sat 10, Sun 11, Mon 12, Tue 13, Wed 14.
const lisbonOffice = weekdays('Europe/Lisbon', [[9 * 60, 18 * 60]])
const noHours: Schedule = { timeZone: 'Europe/Lisbon', hours: [], closures: [] }

describe('businessSecondsBetween', () => {
  it('counts a message sent Friday 17:30 and answered Monday 09:30 as one hour', () => {
    // Friday 17:30–18:00 = 30 min, weekend = 0, Monday 09:00–09:30 = 30 min → 1 h.
    expect(businessSecondsBetween(lisbonOffice, at('2026-01-09T17:30:00Z'), at('2026-01-12T09:30:00Z'))).toBe(HOUR)
  })

  it('counts nothing over a weekend', () => {
    // Saturday 10:00 → Sunday 20:00: no service hours on either day.
    expect(businessSecondsBetween(lisbonOffice, at('2026-01-10T10:00:00Z'), at('2026-01-11T20:00:00Z'))).toBe(0)
    // Saturday 10:00 → Monday 10:00: only Monday 09:00–10:00 counts.
    expect(businessSecondsBetween(lisbonOffice, at('2026-01-10T10:00:00Z'), at('2026-01-12T10:00:00Z'))).toBe(HOUR)
  })

  it('counts wall-clock time for a message sent and answered while open on the same day', () => {
    // Tuesday 10:00 → 11:15 = 75 min.
    expect(businessSecondsBetween(lisbonOffice, at('2026-01-13T10:00:00Z'), at('2026-01-13T11:15:00Z'))).toBe(75 * MIN)
  })

  it('counts zero for a message sent at night and answered before opening', () => {
    // Tuesday 02:00 → 08:45: opening is at 09:00.
    expect(businessSecondsBetween(lisbonOffice, at('2026-01-13T02:00:00Z'), at('2026-01-13T08:45:00Z'))).toBe(0)
    // Monday 22:00 → Tuesday 09:10 = 10 min after opening.
    expect(businessSecondsBetween(lisbonOffice, at('2026-01-12T22:00:00Z'), at('2026-01-13T09:10:00Z'))).toBe(10 * MIN)
  })

  it('counts a full day as its opening hours and a full week as five of them', () => {
    // Monday 00:00 → Tuesday 00:00 = 9 h; Monday 00:00 → next Monday 00:00 = 5 × 9 h = 45 h.
    expect(businessSecondsBetween(lisbonOffice, at('2026-01-12T00:00:00Z'), at('2026-01-13T00:00:00Z'))).toBe(9 * HOUR)
    expect(businessSecondsBetween(lisbonOffice, at('2026-01-12T00:00:00Z'), at('2026-01-19T00:00:00Z'))).toBe(45 * HOUR)
  })

  it('skips the lunch break of a split shift', () => {
    // 09:00–12:00 and 14:00–18:00; 11:00 → 15:00 = 11:00–12:00 (1 h) + 14:00–15:00 (1 h) = 2 h.
    const split = weekdays('Europe/Lisbon', [
      [9 * 60, 12 * 60],
      [14 * 60, 18 * 60],
    ])
    expect(businessSecondsBetween(split, at('2026-01-13T11:00:00Z'), at('2026-01-13T15:00:00Z'))).toBe(2 * HOUR)
    // Sent and answered during the break: 12:10 → 13:50 = 0.
    expect(businessSecondsBetween(split, at('2026-01-13T12:10:00Z'), at('2026-01-13T13:50:00Z'))).toBe(0)
  })

  it('skips a closure (holiday) in the middle of the wait', () => {
    // Closed Tuesday 13th. Monday 17:00 → Wednesday 10:00 = Mon 17–18 (1 h) + Tue 0 + Wed 09–10 (1 h) = 2 h.
    const holiday = weekdays('Europe/Lisbon', [[9 * 60, 18 * 60]], ['2026-01-13'])
    expect(businessSecondsBetween(holiday, at('2026-01-12T17:00:00Z'), at('2026-01-14T10:00:00Z'))).toBe(2 * HOUR)
    // Without the closure the same wait is 1 h + 9 h + 1 h = 11 h.
    expect(businessSecondsBetween(lisbonOffice, at('2026-01-12T17:00:00Z'), at('2026-01-14T10:00:00Z'))).toBe(11 * HOUR)
  })

  it('merges overlapping and adjacent intervals instead of double counting them', () => {
    // 09:00–12:00, 11:00–13:00 (overlap) and 13:00–14:00 (adjacent) are one 09:00–14:00 = 5 h.
    const messy = weekdays('Europe/Lisbon', [
      [9 * 60, 12 * 60],
      [11 * 60, 13 * 60],
      [13 * 60, 14 * 60],
      [9 * 60, 10 * 60],
    ])
    expect(businessSecondsBetween(messy, at('2026-01-13T00:00:00Z'), at('2026-01-14T00:00:00Z'))).toBe(5 * HOUR)
  })

  it('joins an interval ending at 1440 to one starting at midnight the next day', () => {
    // Saturday 20:00–24:00 and Sunday 00:00–02:00; Saturday 23:00 → Sunday 01:00 = 2 h.
    const lateNight: Schedule = {
      timeZone: 'Europe/Lisbon',
      hours: [
        { weekday: 6, opensAt: 20 * 60, closesAt: 1440 },
        { weekday: 7, opensAt: 0, closesAt: 2 * 60 },
      ],
      closures: [],
    }
    expect(businessSecondsBetween(lateNight, at('2026-01-10T23:00:00Z'), at('2026-01-11T01:00:00Z'))).toBe(2 * HOUR)
  })

  it('measures the same UTC instants in each supplier’s own time zone', () => {
    // Monday 2026-01-12 00:00Z → 12:00Z, both open Mon–Fri 09:00–18:00 local.
    // Tokyo (UTC+9): 09:00–21:00 local → 09:00–18:00 = 9 h. Lisbon (UTC+0): 00:00–12:00 → 09:00–12:00 = 3 h.
    const tokyo = weekdays('Asia/Tokyo', [[9 * 60, 18 * 60]])
    const from = at('2026-01-12T00:00:00Z')
    const to = at('2026-01-12T12:00:00Z')
    expect(businessSecondsBetween(tokyo, from, to)).toBe(9 * HOUR)
    expect(businessSecondsBetween(lisbonOffice, from, to)).toBe(3 * HOUR)
  })

  it('returns 0 when the schedule has no hours or the span is empty or reversed', () => {
    expect(businessSecondsBetween(noHours, at('2026-01-12T00:00:00Z'), at('2026-02-12T00:00:00Z'))).toBe(0)
    expect(businessSecondsBetween(lisbonOffice, at('2026-01-12T10:00:00Z'), at('2026-01-12T10:00:00Z'))).toBe(0)
    expect(businessSecondsBetween(lisbonOffice, at('2026-01-12T12:00:00Z'), at('2026-01-12T10:00:00Z'))).toBe(0)
  })

  it('treats the closing minute as closed and the opening minute as open', () => {
    // 18:00 → 19:00 is after closing; 08:00 → 09:00:30 is 30 s after opening.
    expect(businessSecondsBetween(lisbonOffice, at('2026-01-12T18:00:00Z'), at('2026-01-12T19:00:00Z'))).toBe(0)
    expect(businessSecondsBetween(lisbonOffice, at('2026-01-12T08:00:00Z'), at('2026-01-12T09:00:30Z'))).toBe(30)
  })

  it('throws on an unknown time zone', () => {
    expect(() =>
      businessSecondsBetween(
        { ...lisbonOffice, timeZone: 'Mars/Olympus' },
        at('2026-01-12T00:00:00Z'),
        at('2026-01-13T00:00:00Z'),
      ),
    ).toThrow(RangeError)
  })

  describe('across DST', () => {
    it('counts 23 wall-clock hours on Lisbon’s spring-forward day but still 9 opening hours', () => {
      // Sunday 2026-03-29: clocks jump 01:00 WET → 02:00 WEST. Local midnight = 00:00Z, next midnight = 23:00Z.
      const from = at('2026-03-29T00:00:00Z')
      const to = at('2026-03-29T23:00:00Z')
      expect(businessSecondsBetween(ALWAYS_OPEN('Europe/Lisbon'), from, to)).toBe(23 * HOUR)
      // 09:00–18:00 WEST = 08:00Z–17:00Z = 9 h.
      expect(businessSecondsBetween(daily('Europe/Lisbon', [[9 * 60, 18 * 60]]), from, to)).toBe(9 * HOUR)
    })

    it('counts 25 wall-clock hours on Lisbon’s fall-back day but still 9 opening hours', () => {
      // Sunday 2026-10-25: clocks go back 02:00 WEST → 01:00 WET. Local midnight = 24th 23:00Z, next midnight = 25th 24:00Z.
      const from = at('2026-10-24T23:00:00Z')
      const to = at('2026-10-26T00:00:00Z')
      expect(businessSecondsBetween(ALWAYS_OPEN('Europe/Lisbon'), from, to)).toBe(25 * HOUR)
      // 09:00–18:00 WET = 09:00Z–18:00Z = 9 h.
      expect(businessSecondsBetween(daily('Europe/Lisbon', [[9 * 60, 18 * 60]]), from, to)).toBe(9 * HOUR)
    })

    it('counts only the wall-clock times that exist in an interval spanning the jump', () => {
      // Spring forward: 00:00–03:00 local is 00:00–01:00 WET + 02:00–03:00 WEST = 2 h;
      // 01:30–03:00 starts in the skipped hour, so it opens at the jump: 02:00–03:00 WEST = 1 h.
      const day = [at('2026-03-29T00:00:00Z'), at('2026-03-29T23:00:00Z')] as const
      expect(businessSecondsBetween(daily('Europe/Lisbon', [[0, 3 * 60]]), ...day)).toBe(2 * HOUR)
      expect(businessSecondsBetween(daily('Europe/Lisbon', [[90, 3 * 60]]), ...day)).toBe(HOUR)
      // Fall back: 00:00–03:00 local lives through 01:00–02:00 twice: 23:00Z → 03:00Z = 4 h.
      expect(
        businessSecondsBetween(
          daily('Europe/Lisbon', [[0, 3 * 60]]),
          at('2026-10-24T23:00:00Z'),
          at('2026-10-26T00:00:00Z'),
        ),
      ).toBe(4 * HOUR)
      // A closing time the clock shows twice is taken at its first occurrence: 00:00–01:30 = 23:00Z → 00:30Z = 1.5 h.
      expect(
        businessSecondsBetween(
          daily('Europe/Lisbon', [[0, 90]]),
          at('2026-10-24T23:00:00Z'),
          at('2026-10-26T00:00:00Z'),
        ),
      ).toBe(1.5 * HOUR)
    })

    it('counts a wait across the spring-forward weekend in service hours, not wall-clock hours', () => {
      // Lisbon, open every day 09:00–18:00. Saturday 28 March 17:00 WET (17:00Z) → Sunday 29 10:00 WEST (09:00Z):
      // Saturday 17–18 (1 h) + Sunday 09–10 (1 h) = 2 h, while only 16 h passed on the wall clock.
      expect(
        businessSecondsBetween(
          daily('Europe/Lisbon', [[9 * 60, 18 * 60]]),
          at('2026-03-28T17:00:00Z'),
          at('2026-03-29T09:00:00Z'),
        ),
      ).toBe(2 * HOUR)
    })

    it('counts a New York Friday-to-Monday wait across the March DST change as two hours', () => {
      // Mon–Fri 09:00–17:00 New York. Friday 6 March 16:00 EST (21:00Z) → Monday 9 March 10:00 EDT (14:00Z):
      // Fri 16–17 (1 h) + Mon 09–10 (1 h) = 2 h. (Sunday 8 March lost an hour; it has no service anyway.)
      const ny = weekdays('America/New_York', [[9 * 60, 17 * 60]])
      expect(businessSecondsBetween(ny, at('2026-03-06T21:00:00Z'), at('2026-03-09T14:00:00Z'))).toBe(2 * HOUR)
    })

    it('counts New York’s fall-back Sunday as 25 hours for an always-open buyer', () => {
      // Sunday 2026-11-01: local midnight = 04:00Z (EDT), next midnight = 2 November 05:00Z (EST).
      expect(
        businessSecondsBetween(ALWAYS_OPEN('America/New_York'), at('2026-11-01T04:00:00Z'), at('2026-11-02T05:00:00Z')),
      ).toBe(25 * HOUR)
    })
  })

  it('counts wall-clock time exactly for ALWAYS_OPEN, DST included', () => {
    // 17 days 3 h 25 min 10 s across the October change, measured in New York.
    const from = at('2026-10-20T08:14:50Z')
    const to = new Date(from.getTime() + (17 * 24 * HOUR + 3 * HOUR + 25 * MIN + 10) * 1000)
    expect(businessSecondsBetween(ALWAYS_OPEN('America/New_York'), from, to)).toBe(
      17 * 24 * HOUR + 3 * HOUR + 25 * MIN + 10,
    )
  })

  it('handles a 90-day span day by day, across a DST change, quickly', () => {
    // 90 × 24 h of wall-clock time for an always-open buyer.
    const from = at('2026-03-01T00:00:00Z')
    const to = new Date(from.getTime() + 90 * 24 * HOUR * 1000)
    expect(businessSecondsBetween(ALWAYS_OPEN('Europe/Lisbon'), from, to)).toBe(90 * 24 * HOUR)
    // Monday 2 March 00:00 WET → Monday 1 June 00:00 WEST (31 May 23:00Z) = 13 weeks × 5 days × 9 h = 585 h.
    const started = performance.now()
    expect(businessSecondsBetween(lisbonOffice, at('2026-03-02T00:00:00Z'), at('2026-05-31T23:00:00Z'))).toBe(
      585 * HOUR,
    )
    expect(performance.now() - started).toBeLessThan(500)
  })
})

describe('addBusinessSeconds', () => {
  it('rolls a reply deadline over the weekend', () => {
    // Friday 17:00 + 2 h: Fri 17–18 (1 h), then Monday 09–10 (1 h) → Monday 10:00.
    expect(addBusinessSeconds(lisbonOffice, at('2026-01-09T17:00:00Z'), 2 * HOUR)).toEqual(at('2026-01-12T10:00:00Z'))
  })

  it('rolls a reply deadline over a closure', () => {
    // Closed Tuesday 13th. Monday 17:00 + 2 h → Mon 17–18 (1 h), Tue closed, Wed 09–10 (1 h) → Wednesday 10:00.
    const holiday = weekdays('Europe/Lisbon', [[9 * 60, 18 * 60]], ['2026-01-13'])
    expect(addBusinessSeconds(holiday, at('2026-01-12T17:00:00Z'), 2 * HOUR)).toEqual(at('2026-01-14T10:00:00Z'))
    // Closed Friday 9th too: Thursday 17:00 + 2 h → Thu 17–18, Fri closed, weekend, Mon 09–10 → Monday 10:00.
    const longWeekend = weekdays('Europe/Lisbon', [[9 * 60, 18 * 60]], ['2026-01-09'])
    expect(addBusinessSeconds(longWeekend, at('2026-01-08T17:00:00Z'), 2 * HOUR)).toEqual(at('2026-01-12T10:00:00Z'))
  })

  it('stops at closing time when the service time runs out exactly there', () => {
    // Friday 17:00 + 1 h → Friday 18:00, not Monday 09:00.
    expect(addBusinessSeconds(lisbonOffice, at('2026-01-09T17:00:00Z'), HOUR)).toEqual(at('2026-01-09T18:00:00Z'))
  })

  it('starts counting at the next opening when sent outside hours', () => {
    // Saturday 12:00 + 30 min → Monday 09:30.
    expect(addBusinessSeconds(lisbonOffice, at('2026-01-10T12:00:00Z'), 30 * MIN)).toEqual(at('2026-01-12T09:30:00Z'))
  })

  it('skips the lunch break of a split shift', () => {
    // 09–12 and 14–18: Tuesday 11:30 + 1 h → 11:30–12:00 (30 min) + 14:00–14:30 → 14:30.
    const split = weekdays('Europe/Lisbon', [
      [9 * 60, 12 * 60],
      [14 * 60, 18 * 60],
    ])
    expect(addBusinessSeconds(split, at('2026-01-13T11:30:00Z'), HOUR)).toEqual(at('2026-01-13T14:30:00Z'))
  })

  it('keeps local opening times across a DST change', () => {
    // New York Friday 6 March 16:00 EST + 2 h → Fri 16–17, Mon 9 March 09–10 EDT = 14:00Z.
    const ny = weekdays('America/New_York', [[9 * 60, 17 * 60]])
    expect(addBusinessSeconds(ny, at('2026-03-06T21:00:00Z'), 2 * HOUR)).toEqual(at('2026-03-09T14:00:00Z'))
  })

  it('spans many weeks: 100 service hours of a 45-hour week', () => {
    // From Monday 12 Jan 00:00: two full weeks = 90 h (→ Friday 23rd 18:00), 10 h left:
    // Mon 26th 09–18 (9 h), Tue 27th 09–10 (1 h) → Tuesday 27 January 10:00.
    expect(addBusinessSeconds(lisbonOffice, at('2026-01-12T00:00:00Z'), 100 * HOUR)).toEqual(at('2026-01-27T10:00:00Z'))
  })

  it('is the inverse of businessSecondsBetween', () => {
    const from = at('2026-03-27T16:47:13Z')
    for (const seconds of [1, 59, HOUR, 9 * HOUR, 40 * HOUR, 123_457]) {
      const deadline = addBusinessSeconds(lisbonOffice, from, seconds)
      expect(deadline).not.toBeNull()
      expect(businessSecondsBetween(lisbonOffice, from, deadline!)).toBe(seconds)
    }
  })

  it('returns `from` for zero seconds and null when the schedule has no hours', () => {
    expect(addBusinessSeconds(lisbonOffice, at('2026-01-10T12:00:00Z'), 0)).toEqual(at('2026-01-10T12:00:00Z'))
    expect(addBusinessSeconds(noHours, at('2026-01-10T12:00:00Z'), HOUR)).toBeNull()
  })

  it('adds plain wall-clock time for ALWAYS_OPEN, even across the spring-forward night', () => {
    // Lisbon 29 March 00:30 WET (00:30Z) + 2 h = 02:30Z (03:30 WEST).
    expect(addBusinessSeconds(ALWAYS_OPEN('Europe/Lisbon'), at('2026-03-29T00:30:00Z'), 2 * HOUR)).toEqual(
      at('2026-03-29T02:30:00Z'),
    )
  })
})

describe('isOpenAt', () => {
  it('is open from the opening minute up to, not including, the closing minute', () => {
    expect(isOpenAt(lisbonOffice, at('2026-01-12T09:00:00Z'))).toBe(true)
    expect(isOpenAt(lisbonOffice, at('2026-01-12T17:59:59Z'))).toBe(true)
    expect(isOpenAt(lisbonOffice, at('2026-01-12T18:00:00Z'))).toBe(false)
    expect(isOpenAt(lisbonOffice, at('2026-01-12T08:59:59Z'))).toBe(false)
  })

  it('is closed at weekends and on closures', () => {
    expect(isOpenAt(lisbonOffice, at('2026-01-10T12:00:00Z'))).toBe(false)
    expect(isOpenAt(weekdays('Europe/Lisbon', [[9 * 60, 18 * 60]], ['2026-01-13']), at('2026-01-13T12:00:00Z'))).toBe(
      false,
    )
  })

  it('answers in the supplier’s time zone', () => {
    // Monday 12 Jan 10:00Z is 19:00 in Tokyo (closed) and 10:00 in Lisbon (open).
    expect(isOpenAt(weekdays('Asia/Tokyo', [[9 * 60, 18 * 60]]), at('2026-01-12T10:00:00Z'))).toBe(false)
    expect(isOpenAt(lisbonOffice, at('2026-01-12T10:00:00Z'))).toBe(true)
  })

  it('follows local time after a DST change', () => {
    // Lisbon Sunday 29 March, daily 09–18 WEST = 08:00Z–17:00Z.
    const lisbonDaily = daily('Europe/Lisbon', [[9 * 60, 18 * 60]])
    expect(isOpenAt(lisbonDaily, at('2026-03-29T08:30:00Z'))).toBe(true)
    expect(isOpenAt(lisbonDaily, at('2026-03-29T17:30:00Z'))).toBe(false)
  })

  it('is never open without hours', () => {
    expect(isOpenAt(noHours, at('2026-01-12T10:00:00Z'))).toBe(false)
  })
})

describe('nextOpening', () => {
  it('is Monday 09:00 after Friday closing time', () => {
    expect(nextOpening(lisbonOffice, at('2026-01-09T19:00:00Z'))).toEqual(at('2026-01-12T09:00:00Z'))
  })

  it('is the given instant itself while open', () => {
    expect(nextOpening(lisbonOffice, at('2026-01-12T10:15:00Z'))).toEqual(at('2026-01-12T10:15:00Z'))
  })

  it('skips closures and the lunch break', () => {
    const holiday = weekdays(
      'Europe/Lisbon',
      [
        [9 * 60, 12 * 60],
        [14 * 60, 18 * 60],
      ],
      ['2026-01-13'],
    )
    expect(nextOpening(holiday, at('2026-01-12T12:30:00Z'))).toEqual(at('2026-01-12T14:00:00Z'))
    expect(nextOpening(holiday, at('2026-01-12T18:30:00Z'))).toEqual(at('2026-01-14T09:00:00Z'))
  })

  it('opens at local 09:00 after a DST change', () => {
    // New York Saturday 7 March → Monday 9 March 09:00 EDT = 13:00Z.
    expect(nextOpening(weekdays('America/New_York', [[9 * 60, 17 * 60]]), at('2026-03-07T12:00:00Z'))).toEqual(
      at('2026-03-09T13:00:00Z'),
    )
  })

  it('is null without hours', () => {
    expect(nextOpening(noHours, at('2026-01-12T10:00:00Z'))).toBeNull()
  })
})

describe('openStateAt', () => {
  it('is open until the end of the interval, and says when it opens next when closed', () => {
    expect(openStateAt(lisbonOffice, at('2026-01-12T10:00:00Z'))).toEqual({
      open: true,
      closes: at('2026-01-12T18:00:00Z'),
    })
    expect(openStateAt(lisbonOffice, at('2026-01-09T19:00:00Z'))).toEqual({
      open: false,
      opens: at('2026-01-12T09:00:00Z'),
    })
  })

  it('is closed on a closure day and opens again the day after', () => {
    const closed = weekdays('Europe/Lisbon', [[9 * 60, 18 * 60]], ['2026-01-13'])
    expect(openStateAt(closed, at('2026-01-13T12:00:00Z'))).toEqual({ open: false, opens: at('2026-01-14T09:00:00Z') })
  })

  it('reads back-to-back intervals across midnight as one opening', () => {
    const lateNights = daily('Europe/Lisbon', [
      [0, 2 * 60],
      [18 * 60, 1440],
    ])
    expect(openStateAt(lateNights, at('2026-01-12T20:00:00Z'))).toEqual({
      open: true,
      closes: at('2026-01-13T02:00:00Z'),
    })
  })

  it('is never open without hours, and names no opening beyond the window', () => {
    expect(openStateAt(noHours, at('2026-01-12T10:00:00Z'))).toEqual({ open: false, opens: null })
    const longClosure = weekdays(
      'Europe/Lisbon',
      [[9 * 60, 18 * 60]],
      Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2026, 0, 12 + i)).toISOString().slice(0, 10)),
    )
    expect(openStateAt(longClosure, at('2026-01-12T10:00:00Z'))).toEqual({ open: false, opens: null })
  })
})
