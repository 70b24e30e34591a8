export { ALWAYS_OPEN, addBusinessSeconds, businessSecondsBetween, isOpenAt, nextOpening, openStateAt } from './business-time.ts'
export type { OpenState, Schedule } from './business-time.ts'
export { BUCKETS, MIN_SAMPLES, computeResponseMetrics, expectedReplyBy, metricsByAgent, metricsTrend } from './response-metrics.ts'
export type { ResponseIntervalInput, ResponseMetricsOptions, ResponseMetricsResult, MetricsPeriod } from './response-metrics.ts'
