// The staff performance page: every operation's, route's and page's timings over the last hour
// or day, added up by the gateway from every gateway and web process.

export const PERFORMANCE_STATS = /* GraphQL */ `
  query PerformanceStats($window: StatWindow) {
    performanceStats(window: $window) {
      window
      since
      until
      stats {
        source
        name
        count
        errors
        errorRate
        perMinute
        p50Ms
        p95Ms
        p99Ms
      }
    }
  }
`

export type StatWindow = 'HOUR' | 'DAY'
export type StatSource = 'OPERATION' | 'ROUTE' | 'PAGE_LOAD' | 'LCP'

export type PerformanceStat = {
  source: StatSource
  name: string
  count: number
  errors: number
  /** 0 to 1. */
  errorRate: number
  perMinute: number
  p50Ms: number | null
  p95Ms: number | null
  p99Ms: number | null
}

export type PerformanceReport = {
  window: StatWindow
  since: string
  until: string
  stats: PerformanceStat[]
}

/** The tables, in the order the page shows them, titled as @rapport/stats names the sources. */
export const STAT_SOURCE_TITLES: Record<StatSource, string> = {
  OPERATION: 'GraphQL operations (gateway)',
  ROUTE: 'Web routes (server)',
  PAGE_LOAD: 'Page loads (browser)',
  LCP: 'Largest contentful paint (browser)',
}
