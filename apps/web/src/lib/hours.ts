/*
 * Service hours: weekly opening intervals in the supplier's time zone ("HH:MM", ISO weekday),
 * shown in the visitor's zone too, and whether the supplier is open right now. Pure functions
 * of an instant, so the server and the browser compute the same thing. Whether it is open
 * comes from @rapport/messaging's business time, which the response-time metrics use too.
 */
import { openStateAt, type OpenState, type Schedule } from '@rapport/messaging/business-time'
import { formatTime } from './format'

export type ServiceHours = { weekday: number; opensAt: string; closesAt: string }

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const

type WallClock = { year: number; month: number; day: number; weekday: number; minutes: number }

const wallFormatters = new Map<string, Intl.DateTimeFormat>()
function wallFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = wallFormatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      weekday: 'short',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    })
    wallFormatters.set(timeZone, f)
  }
  return f
}

const SHORT_WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 }

/** The calendar date, ISO weekday and minute of the day at `at` in `timeZone`. */
export function wallClock(at: Date, timeZone: string): WallClock {
  const parts = wallFormatter(timeZone).formatToParts(at)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    weekday: SHORT_WEEKDAYS[get('weekday')] ?? 1,
    minutes: (Number(get('hour')) % 24) * 60 + Number(get('minute')),
  }
}

/** How far the zone's wall clock is ahead of UTC at `at`, in ms. */
function offsetAt(at: number, timeZone: string): number {
  const w = wallClock(new Date(at), timeZone)
  const asUtc = Date.UTC(w.year, w.month - 1, w.day) + w.minutes * MINUTE
  return asUtc - Math.floor(at / MINUTE) * MINUTE
}

/** The instant when the wall clock in `timeZone` shows `minutes` past midnight of that date. */
export function instantOf(date: { year: number; month: number; day: number }, minutes: number, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day) + minutes * MINUTE
  let guess = wall - offsetAt(wall, timeZone)
  // A second pass settles guesses that crossed a daylight-saving change.
  guess = wall - offsetAt(guess, timeZone)
  return new Date(guess)
}

export function parseHHMM(value: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(value)
  if (!m) return null
  const minutes = Number(m[1]) * 60 + Number(m[2])
  return minutes <= 24 * 60 && Number(m[2]) < 60 ? minutes : null
}

export type Opening = { opens: Date; closes: Date }

/** The gateway's hours ("HH:MM") and closures as the shared schedule (minutes after local midnight). */
export function scheduleOf(hours: ServiceHours[], timeZone: string, closures: readonly string[] = []): Schedule {
  return {
    timeZone,
    hours: hours.flatMap((h) => {
      const opensAt = parseHHMM(h.opensAt)
      const closesAt = parseHHMM(h.closesAt)
      return opensAt === null || closesAt === null ? [] : [{ weekday: h.weekday, opensAt, closesAt }]
    }),
    closures: [...closures],
  }
}

/**
 * Open right now (and until when), or closed (and when it opens next, within a fortnight),
 * closure days included: the same rules response times are measured by (@rapport/messaging).
 */
export function openState(
  hours: ServiceHours[],
  timeZone: string,
  now: Date,
  closures: readonly string[] = [],
): OpenState {
  return openStateAt(scheduleOf(hours, timeZone, closures), now)
}

export type ScheduleRow = {
  weekday: number
  name: (typeof WEEKDAYS)[number]
  /** In the supplier's zone: "09:00–13:00". Empty when closed. */
  local: string[]
  /** The same openings in the visitor's zone, with the weekday when it differs: "Sat 01:00–10:00". */
  visitor: string[]
  isToday: boolean
}

function range(opening: Opening, timeZone: string, rowWeekday: number): string {
  const opensDay = wallClock(opening.opens, timeZone).weekday
  // "24:00" closing: formatTime says 00:00 of the next day; show it as 24:00 for the same day.
  const closesWall = wallClock(opening.closes, timeZone)
  const closesText =
    closesWall.minutes === 0 && closesWall.weekday === (opensDay % 7) + 1
      ? '24:00'
      : formatTime(opening.closes, timeZone)
  const closesDay = closesText === '24:00' ? opensDay : closesWall.weekday
  const prefix = opensDay === rowWeekday ? '' : `${WEEKDAYS[opensDay - 1]?.slice(0, 3)} `
  const suffix = closesDay === opensDay ? '' : ` (${WEEKDAYS[closesDay - 1]?.slice(0, 3)})`
  return `${prefix}${formatTime(opening.opens, timeZone)}–${closesText}${suffix}`
}

/**
 * The week's schedule, one row per weekday of the supplier, with the same openings in the
 * visitor's zone. Uses the coming seven days from `now`, so daylight-saving offsets are current.
 */
export function weeklySchedule(
  hours: ServiceHours[],
  supplierZone: string,
  visitorZone: string,
  now: Date,
): ScheduleRow[] {
  const today = wallClock(now, supplierZone)
  return WEEKDAYS.map((name, index) => {
    const weekday = index + 1
    const ahead = (weekday - today.weekday + 7) % 7
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day) + ahead * DAY)
    const ymd = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }
    const openings: Opening[] = []
    for (const h of hours) {
      const opensAt = parseHHMM(h.opensAt)
      const closesAt = parseHHMM(h.closesAt)
      if (h.weekday !== weekday || opensAt === null || closesAt === null || closesAt <= opensAt) continue
      openings.push({ opens: instantOf(ymd, opensAt, supplierZone), closes: instantOf(ymd, closesAt, supplierZone) })
    }
    openings.sort((a, b) => a.opens.getTime() - b.opens.getTime())
    return {
      weekday,
      name,
      local: openings.map((o) => range(o, supplierZone, weekday)),
      visitor: openings.map((o) => range(o, visitorZone, weekday)),
      isToday: ahead === 0,
    }
  })
}

/** Whether two zones show the same wall-clock time at `at` (then one schedule is enough). */
export function sameWallClock(a: string, b: string, at: Date): boolean {
  return offsetAt(at.getTime(), a) === offsetAt(at.getTime(), b)
}

const RANGE = /^(\d{1,2})(?::(\d{2}))?\s*(?:-|–|—|to)\s*(\d{1,2})(?::(\d{2}))?$/i

const hhmm = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`

/**
 * One weekday's hours as typed on the settings page: "09:00–13:00, 14:00–18:00", "9-17",
 * or empty / "closed". Returns the intervals, or a message saying what to fix.
 */
export function parseDayHours(
  text: string,
): { ok: true; intervals: Array<{ opensAt: string; closesAt: string }> } | { ok: false; message: string } {
  const trimmed = text.trim()
  if (trimmed === '' || /^closed$/i.test(trimmed)) return { ok: true, intervals: [] }
  const intervals: Array<{ opensAt: string; closesAt: string; from: number; to: number }> = []
  for (const part of trimmed
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = RANGE.exec(part)
    if (!m) return { ok: false, message: `“${part}” isn’t a time range. Write it like 09:00–17:30.` }
    const [h1, m1, h2, m2] = [Number(m[1]), Number(m[2] ?? 0), Number(m[3]), Number(m[4] ?? 0)]
    if (h1 > 23 || m1 > 59 || h2 > 24 || m2 > 59 || (h2 === 24 && m2 > 0)) {
      return { ok: false, message: `“${part}” has a time that doesn’t exist.` }
    }
    const from = h1 * 60 + m1
    const to = h2 * 60 + m2
    if (to <= from) return { ok: false, message: `In “${part}”, closing must come after opening (same day).` }
    intervals.push({ opensAt: hhmm(h1, m1), closesAt: hhmm(h2, m2), from, to })
  }
  intervals.sort((a, b) => a.from - b.from)
  for (let i = 1; i < intervals.length; i++) {
    if (intervals[i]!.from < intervals[i - 1]!.to) return { ok: false, message: 'Two of these ranges overlap.' }
  }
  return { ok: true, intervals: intervals.map(({ opensAt, closesAt }) => ({ opensAt, closesAt })) }
}

/** The settings page's text for one weekday: "09:00–13:00, 14:00–18:00", or "" when closed. */
export function formatDayHours(hours: ServiceHours[], weekday: number): string {
  return hours
    .filter((h) => h.weekday === weekday)
    .sort((a, b) => a.opensAt.localeCompare(b.opensAt))
    .map((h) => `${h.opensAt}–${h.closesAt}`)
    .join(', ')
}
