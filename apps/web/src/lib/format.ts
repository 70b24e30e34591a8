import type { Money } from './types'

const LOCALE = 'en-GB'

/**
 * A price from the gateway's minor units: 2890 EUR → "€28.90", 9000 JPY → "¥9,000". The number
 * of fraction digits is the currency's own (what Intl knows for it: 2 for EUR, 0 for JPY).
 */
export function formatMoney({ amount, currency }: Money, locale = LOCALE): string {
  let format: Intl.NumberFormat
  try {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency })
  } catch {
    return `${amount} ${currency}`
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2
  return format.format(amount / 10 ** digits)
}

const HOUR = 3600
const DAY = 24 * HOUR

/**
 * A span of service time in words: 3600 → "1 hour", 28800 → "8 hours", 86400 → "1 day",
 * 604800 → "a week". Rounded up, so "usually replies within …" never promises too much.
 */
export function formatServiceDuration(seconds: number): string {
  if (seconds <= 0) return 'minutes'
  if (seconds < HOUR) {
    const minutes = Math.ceil(seconds / 60)
    return minutes === 1 ? '1 minute' : `${minutes} minutes`
  }
  if (seconds < DAY) {
    const hours = Math.ceil(seconds / HOUR)
    return hours === 1 ? '1 hour' : `${hours} hours`
  }
  if (seconds >= 7 * DAY && seconds < 8 * DAY) return 'a week'
  const days = Math.ceil(seconds / DAY)
  return days === 1 ? '1 day' : `${days} days`
}

type Parts = { year: number; month: number; day: number }

function datePartsIn(at: Date, timeZone: string): Parts {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(at)
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  return { year: get('year'), month: get('month'), day: get('day') }
}

/** Whole calendar days between two instants, as seen in a time zone (0 = same day). */
export function calendarDaysBetween(earlier: Date, later: Date, timeZone: string): number {
  const a = datePartsIn(earlier, timeZone)
  const b = datePartsIn(later, timeZone)
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / (DAY * 1000))
}

function format(at: Date, timeZone: string, options: Intl.DateTimeFormatOptions): string {
  try {
    return new Intl.DateTimeFormat(LOCALE, { timeZone, ...options }).format(at)
  } catch {
    return new Intl.DateTimeFormat(LOCALE, { timeZone: 'UTC', ...options }).format(at)
  }
}

/** "14:05" in the zone. */
export function formatTime(at: Date, timeZone: string): string {
  return format(at, timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
}

/** "Tue 25 Nov 2025, 14:05" — for tooltips and screen readers. */
export function formatDateTime(at: Date, timeZone: string): string {
  return format(at, timeZone, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
}

/** "25 Nov 2025" in the zone — a day on a timeline, the same whatever today is. */
export function formatDate(at: Date, timeZone: string): string {
  return format(at, timeZone, { day: 'numeric', month: 'short', year: 'numeric' })
}

/**
 * When something happened, relative to now in the viewer's zone: "just now", "5 min ago",
 * "14:05" (today), "Yesterday", "Monday", "12 Nov", "12 Nov 2024".
 */
export function formatRelative(at: Date, now: Date, timeZone: string): string {
  const seconds = (now.getTime() - at.getTime()) / 1000
  if (seconds < 0 && seconds > -60) return 'just now'
  if (seconds >= 0 && seconds < 60) return 'just now'
  if (seconds >= 60 && seconds < 3600) return `${Math.floor(seconds / 60)} min ago`
  const days = calendarDaysBetween(at, now, timeZone)
  if (days === 0) return formatTime(at, timeZone)
  if (days === 1) return 'Yesterday'
  if (days > 1 && days < 7) return format(at, timeZone, { weekday: 'long' })
  const sameYear = datePartsIn(at, timeZone).year === datePartsIn(now, timeZone).year
  return format(
    at,
    timeZone,
    sameYear ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' },
  )
}

/** A day heading in a conversation: "Today", "Yesterday", "Monday 24 November", "3 March 2024". */
export function formatDayHeading(at: Date, now: Date, timeZone: string): string {
  const days = calendarDaysBetween(at, now, timeZone)
  if (days === 0) return 'Today'
  if (days === 1) return 'Yesterday'
  const sameYear = datePartsIn(at, timeZone).year === datePartsIn(now, timeZone).year
  return format(
    at,
    timeZone,
    sameYear ? { weekday: 'long', day: 'numeric', month: 'long' } : { day: 'numeric', month: 'long', year: 'numeric' },
  )
}

/**
 * A moment ahead, for "expected reply by …": "today at 16:00", "tomorrow at 09:30",
 * "Thursday at 10:00", "3 Dec at 10:00".
 */
export function formatUpcoming(at: Date, now: Date, timeZone: string): string {
  const days = calendarDaysBetween(now, at, timeZone)
  const time = formatTime(at, timeZone)
  if (days <= 0) return `today at ${time}`
  if (days === 1) return `tomorrow at ${time}`
  if (days < 7) return `${format(at, timeZone, { weekday: 'long' })} at ${time}`
  return `${format(at, timeZone, { day: 'numeric', month: 'short' })} at ${time}`
}

/** "1 conversation", "3 conversations". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`
}

/** A measured duration, precise enough for a dashboard: "under a minute", "45 min", "3 h 05 min", "4 days". */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return 'under a minute'
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `${minutes} min`
  if (seconds < 48 * HOUR) {
    const h = Math.floor(minutes / 60)
    const m = minutes % 60
    return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')} min`
  }
  const days = Math.round(seconds / DAY)
  return `${days} days`
}

/** A share 0–1 as a whole percentage: 0.873 → "87%". */
export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`
}
