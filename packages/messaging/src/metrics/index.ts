export { ALWAYS_OPEN, addBusinessSeconds, businessSecondsBetween, isOpenAt, nextOpening } from './business-time.ts'
export type { Schedule } from './business-time.ts'
export { BUCKETS, MIN_SAMPLES, computeResponseMetrics, expectedReplyBy, metricsByAgent, metricsTrend } from './response-metrics.ts'
export type { ResponseIntervalInput, ResponseMetricsOptions, ResponseMetricsResult, MetricsPeriod } from './response-metrics.ts'
