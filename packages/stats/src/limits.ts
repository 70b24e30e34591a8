// What is timed, and the limits with one home.

/** Where a timing comes from. */
export const STAT_SOURCES = {
  /** A GraphQL operation on a gateway (queries and mutations; subscriptions live too long to time). */
  operation: 'GraphQL operations (gateway)',
  /** A web app route, server side: load, actions and rendering. */
  route: 'Web routes (server)',
  /** A page load in the browser: navigation start to the load event. */
  'page-load': 'Page loads (browser)',
  /** The largest contentful paint in the browser. */
  lcp: 'Largest contentful paint (browser)',
} as const
export type StatSource = keyof typeof STAT_SOURCES

export const STATS_LIMITS = {
  /** Distinct names per source and process: names come from clients (operation names), so they are capped. */
  namesPerSource: 200,
  /** Characters in a name. */
  nameLength: 120,
  /** How often a process writes what it counted. */
  flushMs: 10_000,
  /** Minutes kept: the longest window (a day) and a little more. */
  keepMinutes: 2 * 24 * 60,
} as const

export const STAT_WINDOWS = { HOUR: 60, DAY: 24 * 60 } as const
export type StatWindow = keyof typeof STAT_WINDOWS
