// The staff statistics page's figures: per GraphQL operation, web route and page (server and
// browser timings), over the last hour or day, from every gateway and web process.
import { STAT_SOURCES, STAT_WINDOWS, statsReport, type StatsReport, type StatsReportRow, type StatSource, type StatWindow } from '@rapport/stats'
import { builder } from '../../builder.ts'

const StatWindowEnum = builder.enumType('StatWindow', {
  values: { HOUR: { description: 'The last 60 minutes.' }, DAY: { description: 'The last 24 hours.' } } satisfies Record<StatWindow, unknown>,
})

const StatSourceEnum = builder.enumType('StatSource', {
  values: {
    OPERATION: { value: 'operation', description: STAT_SOURCES.operation },
    ROUTE: { value: 'route', description: STAT_SOURCES.route },
    PAGE_LOAD: { value: 'page-load', description: STAT_SOURCES['page-load'] },
    LCP: { value: 'lcp', description: STAT_SOURCES.lcp },
  } as const,
})

const StatRowRef = builder.objectRef<StatsReportRow>('PerformanceStat').implement({
  description: 'One operation, route or page over the window: how often, how fast, how often it failed.',
  fields: (t) => ({
    source: t.field({ type: StatSourceEnum, resolve: (r) => r.source as StatSource }),
    name: t.exposeString('name', { description: 'The operation’s name, or the route (e.g. "/conversations/[id]").' }),
    count: t.exposeInt('count'),
    errors: t.exposeInt('errors', { description: 'Answers with errors (operations), 5xx statuses (routes).' }),
    errorRate: t.exposeFloat('errorRate', { description: '0 to 1.' }),
    perMinute: t.exposeFloat('perMinute', { description: 'Throughput over the window.' }),
    p50Ms: t.exposeFloat('p50Ms', { nullable: true }),
    p95Ms: t.exposeFloat('p95Ms', { nullable: true }),
    p99Ms: t.exposeFloat('p99Ms', { nullable: true }),
  }),
})

const ReportRef = builder.objectRef<StatsReport>('PerformanceReport').implement({
  fields: (t) => ({
    window: t.field({ type: StatWindowEnum, resolve: (r) => r.window }),
    since: t.expose('since', { type: 'DateTime' }),
    until: t.expose('until', { type: 'DateTime' }),
    stats: t.field({ type: [StatRowRef], description: 'Operations first, then web routes, page loads and paints; busiest first.', resolve: (r) => r.rows }),
  }),
})

builder.queryFields((t) => ({
  performanceStats: t.field({
    type: ReportRef,
    description: `Staff only: every operation's, route's and page's timings (p50/p95/p99), error rate and throughput over the last hour or day (${STAT_WINDOWS.DAY} minutes), from every gateway and web process (each writes what it counted every few seconds).`,
    authScopes: { staff: true },
    args: { window: t.arg({ type: StatWindowEnum, defaultValue: 'HOUR' }) },
    resolve: (_root, args, ctx) => statsReport(ctx.db, args.window ?? 'HOUR', ctx.clock.now()),
  }),
}))
