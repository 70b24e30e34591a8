export { ALWAYS_OPEN, addBusinessSeconds, businessSecondsBetween, isOpenAt, nextOpening, openStateAt } from './business-time.ts'
export type { OpenState, Schedule } from './business-time.ts'
export {
  BUCKETS,
  MIN_SAMPLES,
  USUAL_REPLY_PERCENTILE,
  computeResponseMetrics,
  expectedReplyBy,
  judgeInterval,
  metricsByAgent,
  metricsTrend,
  metricsWindow,
  openedInWindow,
} from './response-metrics.ts'
export type { JudgedInterval, MetricsWindow, ResponseIntervalInput, ResponseMetricsOptions, ResponseMetricsResult, MetricsPeriod } from './response-metrics.ts'
export { describeResponseMetrics } from './definition.ts'
export type { MetricFormula, ResponseMetricsBasis, ResponseMetricsDefinition } from './definition.ts'
