import { describe, expect, it } from 'vitest'
import {
  formatDayHours,
  instantOf,
  openState,
  parseDayHours,
  sameWallClock,
  wallClock,
  weeklySchedule,
  type ServiceHours,
} from './hours'

// Olive & Oak: split shift on weekdays, Saturday mornings, in Lisbon.
const oliveOak: ServiceHours[] = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, opensAt: '09:00', closesAt: '13:00' },
  { weekday, opensAt: '14:30', closesAt: '18:00' },
])
oliveOak.push({ weekday: 6, opensAt: '10:00', closesAt: '13:00' })

describe('wall clocks and instants', () => {
  it('finds the instant of a local time, daylight saving included', () => {
    expect(instantOf({ year: 2026, month: 7, day: 1 }, 9 * 60, 'Europe/Lisbon').toISOString()).toBe(
      '2026-07-01T08:00:00.000Z',
    )
    expect(instantOf({ year: 2026, month: 12, day: 1 }, 9 * 60, 'Europe/Lisbon').toISOString()).toBe(
      '2026-12-01T09:00:00.000Z',
    )
    expect(instantOf({ year: 2026, month: 12, day: 1 }, 9 * 60, 'Asia/Tokyo').toISOString()).toBe(
      '2026-12-01T00:00:00.000Z',
    )
  })

  it('reads the weekday and minute in a zone', () => {
    // Wednesday 25 November 2026, 02:30 UTC is still Tuesday evening in Mexico City.
    const at = new Date('2026-11-25T02:30:00Z')
    expect(wallClock(at, 'UTC')).toMatchObject({ weekday: 3, minutes: 150 })
    expect(wallClock(at, 'America/Mexico_City')).toMatchObject({ weekday: 2, minutes: 20 * 60 + 30 })
  })
})

describe('openState', () => {
  it('is open during an interval, until its end', () => {
    const state = openState(oliveOak, 'Europe/Lisbon', new Date('2026-11-25T10:00:00Z'))
    expect(state).toEqual({ open: true, closes: new Date('2026-11-25T13:00:00Z') })
  })

  it('is closed over lunch and says when it opens again', () => {
    const state = openState(oliveOak, 'Europe/Lisbon', new Date('2026-11-25T13:30:00Z'))
    expect(state).toEqual({ open: false, opens: new Date('2026-11-25T14:30:00Z') })
  })

  it('skips the closed Sunday to Monday morning', () => {
    // Saturday 28 November 2026, 15:00 in Lisbon.
    const state = openState(oliveOak, 'Europe/Lisbon', new Date('2026-11-28T15:00:00Z'))
    expect(state).toEqual({ open: false, opens: new Date('2026-11-30T09:00:00Z') })
  })

  it('is never open without service hours', () => {
    expect(openState([], 'UTC', new Date())).toEqual({ open: false, opens: null })
  })

  it('is closed on a closure day and opens on the next working day', () => {
    // Wednesday 25 November 2026 is a closure: 10:00 in Lisbon would be open otherwise.
    const state = openState(oliveOak, 'Europe/Lisbon', new Date('2026-11-25T10:00:00Z'), ['2026-11-25'])
    expect(state).toEqual({ open: false, opens: new Date('2026-11-26T09:00:00Z') })
  })
})

describe('weeklySchedule', () => {
  const now = new Date('2026-11-25T10:00:00Z') // a Wednesday

  it('lists each weekday in the supplier’s zone and the visitor’s', () => {
    const rows = weeklySchedule(oliveOak, 'Europe/Lisbon', 'Europe/Stockholm', now)
    expect(rows).toHaveLength(7)
    expect(rows[0]).toMatchObject({
      name: 'Monday',
      local: ['09:00–13:00', '14:30–18:00'],
      visitor: ['10:00–14:00', '15:30–19:00'],
    })
    expect(rows[2]?.isToday).toBe(true)
    expect(rows[6]).toMatchObject({ name: 'Sunday', local: [], visitor: [] })
  })

  it('names the visitor’s weekday when the opening falls on another day for them', () => {
    const tokyo: ServiceHours[] = [{ weekday: 1, opensAt: '08:00', closesAt: '17:00' }]
    const rows = weeklySchedule(tokyo, 'Asia/Tokyo', 'America/New_York', now)
    expect(rows[0]?.local).toEqual(['08:00–17:00'])
    expect(rows[0]?.visitor).toEqual(['Sun 18:00–03:00 (Mon)'])
  })

  it('shows a midnight close as 24:00', () => {
    const late: ServiceHours[] = [{ weekday: 5, opensAt: '18:00', closesAt: '24:00' }]
    expect(weeklySchedule(late, 'UTC', 'UTC', now)[4]?.local).toEqual(['18:00–24:00'])
  })
})

describe('sameWallClock', () => {
  it('tells zones that show the same time apart from those that do not', () => {
    const at = new Date('2026-11-25T10:00:00Z')
    expect(sameWallClock('Europe/Lisbon', 'Europe/London', at)).toBe(true)
    expect(sameWallClock('Europe/Lisbon', 'Europe/Stockholm', at)).toBe(false)
  })
})

describe('parseDayHours', () => {
  it('reads ranges in the forms people type', () => {
    expect(parseDayHours('09:00–13:00, 14:00–18:00')).toEqual({
      ok: true,
      intervals: [
        { opensAt: '09:00', closesAt: '13:00' },
        { opensAt: '14:00', closesAt: '18:00' },
      ],
    })
    expect(parseDayHours('9-17')).toEqual({ ok: true, intervals: [{ opensAt: '09:00', closesAt: '17:00' }] })
    expect(parseDayHours('14:00 to 24:00; 8:30-12')).toEqual({
      ok: true,
      intervals: [
        { opensAt: '08:30', closesAt: '12:00' },
        { opensAt: '14:00', closesAt: '24:00' },
      ],
    })
  })

  it('treats empty and "closed" as a day off', () => {
    expect(parseDayHours('  ')).toEqual({ ok: true, intervals: [] })
    expect(parseDayHours('Closed')).toEqual({ ok: true, intervals: [] })
  })

  it('says what is wrong instead of guessing', () => {
    expect(parseDayHours('mornings')).toMatchObject({
      ok: false,
      message: expect.stringContaining('isn’t a time range'),
    })
    expect(parseDayHours('25:00-26:00')).toMatchObject({ ok: false, message: expect.stringContaining('doesn’t exist') })
    expect(parseDayHours('18:00-09:00')).toMatchObject({ ok: false, message: expect.stringContaining('after opening') })
    expect(parseDayHours('9-13, 12-18')).toMatchObject({ ok: false, message: 'Two of these ranges overlap.' })
  })
})

describe('formatDayHours', () => {
  it('writes a weekday back in the form the page reads', () => {
    const hours = [
      { weekday: 1, opensAt: '14:00', closesAt: '18:00' },
      { weekday: 1, opensAt: '09:00', closesAt: '13:00' },
      { weekday: 2, opensAt: '10:00', closesAt: '16:00' },
    ]
    expect(formatDayHours(hours, 1)).toBe('09:00–13:00, 14:00–18:00')
    expect(formatDayHours(hours, 7)).toBe('')
    expect(parseDayHours(formatDayHours(hours, 1))).toMatchObject({ ok: true })
  })
})
