// Prometheus metrics (prom-client), served at /metrics: what the people who run Rapport
// look at first. One registry per gateway instance, so tests can run several side by side.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'

export type Metrics = ReturnType<typeof createMetrics>

/** Operation names come from clients: cap how many distinct ones become label values. */
const MAX_OPERATION_LABELS = 200

export function createMetrics() {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const operationDuration = new Histogram({
    name: 'rapport_graphql_operation_duration_seconds',
    help: 'Time from receiving a GraphQL operation to its result, by operation.',
    labelNames: ['operation', 'type', 'transport'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  })
  const errors = new Counter({
    name: 'rapport_graphql_errors_total',
    help: 'GraphQL errors returned, by operation and extensions.code.',
    labelNames: ['operation', 'code', 'transport'] as const,
    registers: [registry],
  })
  const wsConnections = new Gauge({
    name: 'rapport_ws_connections',
    help: 'Open graphql-ws connections.',
    registers: [registry],
  })
  const activeSubscriptions = new Gauge({
    name: 'rapport_graphql_active_subscriptions',
    help: 'Subscriptions currently streaming over graphql-ws.',
    registers: [registry],
  })
  const seen = new Set<string>()
  const label = (name: string | null | undefined) => {
    const op = name || 'anonymous'
    if (seen.has(op)) return op
    if (seen.size >= MAX_OPERATION_LABELS || !/^[_A-Za-z][_0-9A-Za-z]{0,63}$/.test(op)) return 'other'
    seen.add(op)
    return op
  }
  return { registry, operationDuration, errors, wsConnections, activeSubscriptions, label }
}
