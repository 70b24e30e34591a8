const formatters = new Map<string, Intl.DateTimeFormat | null>()

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(timeZone)
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    } catch {
      // Unknown IANA zone: better to show no clock than to break the page.
      formatter = null
    }
    formatters.set(timeZone, formatter)
  }
  return formatter
}

/** "Europe/Lisbon" → "Lisbon", "America/Argentina/Buenos_Aires" → "Buenos Aires", "UTC" → "UTC". */
export function placeOfTimeZone(timeZone: string): string {
  const last = timeZone.split('/').at(-1) ?? timeZone
  return last.replaceAll('_', ' ')
}

export interface LocalTime {
  /** 24-hour wall-clock time in the zone, e.g. "14:05". */
  time: string
  /** Human name of the zone, e.g. "Lisbon". */
  place: string
  /** e.g. "14:05 in Lisbon" */
  label: string
}

/** The wall-clock time right now (`now`) in an IANA time zone, or null if the zone is unknown. */
export function localTime(timeZone: string, now: Date): LocalTime | null {
  const formatter = formatterFor(timeZone)
  if (!formatter) return null
  const time = formatter.format(now)
  const place = placeOfTimeZone(timeZone)
  return { time, place, label: `${time} in ${place}` }
}
