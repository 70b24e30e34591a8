// Service ("business") time in a supplier's own time zone: weekly hours, split shifts and
// closures, correct across DST. Pure functions; formulas explained in ./README.md.
import { IANAZone } from 'luxon'

/**
 * Weekly service hours in the supplier's IANA zone. weekday: ISO 1=Mon..7=Sun;
 * opensAt/closesAt: minutes after local midnight (0..1440, closes > opens; several intervals
 * per weekday = split shift). closures: local dates 'YYYY-MM-DD' with no service at all.
 */
export type Schedule = {
  timeZone: string
  hours: { weekday: number; opensAt: number; closesAt: number }[]
  closures: string[]
}

/** Every day 00:00–24:00 with no closures: service time equals wall-clock time (used for buyers). */
export const ALWAYS_OPEN = (timeZone: string): Schedule => ({
  timeZone,
  hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensAt: 0, closesAt: 1440 })),
  closures: [],
})

const MINUTE_MS = 60_000
const DAY_MS = 86_400_000

/** [start, end) in epoch milliseconds. */
type Span = readonly [number, number]

type Compiled = {
  zone: IANAZone
  /** Index 1..7 (ISO weekday): merged, sorted [opensAt, closesAt) minute ranges. */
  weekly: (readonly [number, number])[][]
  closures: ReadonlySet<string>
  hasHours: boolean
}

/** Service seconds in [from, to), rounded to whole seconds; 0 if to <= from. */
export function businessSecondsBetween(schedule: Schedule, from: Date, to: Date): number {
  const start = from.getTime()
  const end = to.getTime()
  if (!(end > start)) return 0
  const c = compile(schedule)
  if (!c.hasHours) return 0
  let ms = 0
  // One day of margin on each side: a local day's spans never leave [its midnight, next
  // midnight], but the margin keeps exotic offset changes around midnight safe.
  const last = localDay(c.zone, end) + 1
  for (let day = localDay(c.zone, start) - 1; day <= last; day++) {
    for (const [s, e] of daySpans(c, day)) {
      const lo = Math.max(s, start)
      const hi = Math.min(e, end)
      if (hi > lo) ms += hi - lo
    }
  }
  return Math.round(ms / 1000)
}

/**
 * The instant at which `seconds` of service time have elapsed after `from` ("expected reply
 * by"). Counting stops exactly at the end of the service time consumed, e.g. 18:00 rather
 * than the next opening. `from` itself when seconds <= 0. Null if the schedule has no hours
 * at all (or the arguments are not finite).
 */
export function addBusinessSeconds(schedule: Schedule, from: Date, seconds: number): Date | null {
  const start = from.getTime()
  if (!Number.isFinite(start) || !Number.isFinite(seconds)) return null
  const c = compile(schedule)
  if (!c.hasHours) return null
  if (seconds <= 0) return new Date(start)
  let remaining = seconds * 1000
  let idleDays = 0
  for (let day = localDay(c.zone, start) - 1; ; day++) {
    let served = false
    for (const [s, e] of daySpans(c, day)) {
      const lo = Math.max(s, start)
      if (e <= lo) continue
      served = true
      if (remaining <= e - lo) return new Date(lo + remaining)
      remaining -= e - lo
    }
    idleDays = served ? 0 : idleDays + 1
    if (idleDays > idleLimit(c)) return null
  }
}

/** Whether `at` falls inside service hours (opening inclusive, closing exclusive). */
export function isOpenAt(schedule: Schedule, at: Date): boolean {
  const t = at.getTime()
  if (!Number.isFinite(t)) return false
  const c = compile(schedule)
  if (!c.hasHours) return false
  const day = localDay(c.zone, t)
  for (let d = day - 1; d <= day + 1; d++) {
    for (const [s, e] of daySpans(c, d)) if (s <= t && t < e) return true
  }
  return false
}

/**
 * The earliest instant >= `at` at which the supplier is open: `at` itself when open now,
 * otherwise the start of the next service interval. Null if the schedule has no hours.
 */
export function nextOpening(schedule: Schedule, at: Date): Date | null {
  const t = at.getTime()
  if (!Number.isFinite(t)) return null
  const c = compile(schedule)
  if (!c.hasHours) return null
  let idleDays = 0
  for (let day = localDay(c.zone, t) - 1; ; day++) {
    for (const [s, e] of daySpans(c, day)) if (e > t) return new Date(Math.max(s, t))
    idleDays++
    if (idleDays > idleLimit(c) + 2) return null
  }
}

/** Open now and until when, or closed and when it next opens (null: no opening within `withinDays`). */
export type OpenState = { open: true; closes: Date } | { open: false; opens: Date | null }

/**
 * What an "open now" badge says at `at`, closures honoured. Back-to-back intervals (18:00–24:00
 * then 00:00–02:00) read as one opening; a schedule open round the clock closes at the end of
 * the window looked at.
 */
export function openStateAt(schedule: Schedule, at: Date, withinDays = 14): OpenState {
  const t = at.getTime()
  if (!Number.isFinite(t)) return { open: false, opens: null }
  const c = compile(schedule)
  if (!c.hasHours) return { open: false, opens: null }
  const first = localDay(c.zone, t) - 1
  let closes: number | null = null
  for (let day = first; day <= first + withinDays + 1; day++) {
    for (const [s, e] of daySpans(c, day)) {
      if (closes === null && s <= t && t < e) closes = e
      else if (closes !== null && s === closes) closes = e
      else if (closes !== null && s > closes) return { open: true, closes: new Date(closes) }
      else if (closes === null && s > t)
        return { open: false, opens: s <= t + withinDays * DAY_MS ? new Date(s) : null }
    }
  }
  return closes === null ? { open: false, opens: null } : { open: true, closes: new Date(closes) }
}

// ---------------------------------------------------------------------------------------

/**
 * Normalises the schedule: validates the zone, drops malformed rows (weekday outside 1..7,
 * closes <= opens after clamping to 0..1440) and merges overlapping or adjacent intervals.
 */
function compile(schedule: Schedule): Compiled {
  const zone = IANAZone.create(schedule.timeZone)
  if (!zone.isValid) throw new RangeError(`Unknown time zone: ${schedule.timeZone}`)
  const raw: [number, number][][] = Array.from({ length: 8 }, () => [])
  for (const h of schedule.hours) {
    const opens = Math.max(0, Math.min(1440, h.opensAt))
    const closes = Math.max(0, Math.min(1440, h.closesAt))
    if (!Number.isInteger(h.weekday) || h.weekday < 1 || h.weekday > 7 || !(closes > opens)) continue
    raw[h.weekday]!.push([opens, closes])
  }
  let hasHours = false
  const weekly = raw.map((list) => {
    list.sort((a, b) => a[0] - b[0])
    const merged: [number, number][] = []
    for (const [o, cl] of list) {
      const prev = merged[merged.length - 1]
      if (prev && o <= prev[1]) prev[1] = Math.max(prev[1], cl)
      else merged.push([o, cl])
    }
    if (merged.length > 0) hasHours = true
    return merged
  })
  return { zone, weekly, closures: new Set(schedule.closures.map((d) => d.slice(0, 10))), hasHours }
}

/** How many consecutive days without service prove the schedule will never serve again. */
function idleLimit(c: Compiled): number {
  return 7 * (c.closures.size + 2)
}

/** Local calendar day of an instant, as whole days since 1970-01-01 (local). */
function localDay(zone: IANAZone, t: number): number {
  return Math.floor((t + zone.offset(t) * MINUTE_MS) / DAY_MS)
}

/** A local day's service intervals as instants (empty on closures), in order. */
function daySpans(c: Compiled, day: number): Span[] {
  const midnight = day * DAY_MS // the local wall-clock date, encoded as if it were UTC
  if (c.closures.has(new Date(midnight).toISOString().slice(0, 10))) return []
  const weekday = ((((day + 3) % 7) + 7) % 7) + 1 // 1970-01-01 was a Thursday (ISO 4)
  const spans: Span[] = []
  for (const [o, cl] of c.weekly[weekday]!) {
    const s = wallToInstant(c.zone, midnight + o * MINUTE_MS)
    const e = wallToInstant(c.zone, midnight + cl * MINUTE_MS)
    if (e > s) spans.push([s, e])
  }
  return spans
}

/**
 * The first instant at which the local wall clock reads `wall` or later (`wall` = local
 * date-time encoded as if UTC). Offsets come from luxon's IANA zone data. An ordinary time
 * maps to its one instant; a time repeated when clocks go back maps to its first occurrence;
 * a time skipped when clocks go forward maps to the moment of the jump (e.g. Lisbon
 * 2026-03-29 01:30 → 01:00 UTC, when the clock jumps from 01:00 to 02:00). The mapping is
 * monotonic, so an interval never turns negative and whole days tile the timeline exactly.
 */
function wallToInstant(zone: IANAZone, wall: number): number {
  const offsets = new Set([zone.offset(wall - DAY_MS), zone.offset(wall), zone.offset(wall + DAY_MS)])
  let best = Number.POSITIVE_INFINITY
  for (const o of offsets) {
    const t = wall - o * MINUTE_MS
    if (t < best && zone.offset(t) === o) best = t
  }
  if (best !== Number.POSITIVE_INFINITY) return best
  // Skipped by a forward jump: binary-search the jump between the two readings.
  let lo = wall - Math.max(...offsets) * MINUTE_MS // clock reads before `wall`
  let hi = wall - Math.min(...offsets) * MINUTE_MS // clock reads `wall` or later
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    if (mid + zone.offset(mid) * MINUTE_MS >= wall) hi = mid
    else lo = mid
  }
  return hi
}
