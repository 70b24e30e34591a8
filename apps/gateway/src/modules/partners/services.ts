// The partner platform's per-process services: the shared cost buckets and the usage counter.
import { createCostBuckets, createUsageRecorder, type CostBuckets, type UsageRecorder } from '@rapport/partners'
import type { ServiceSetup } from '../module.ts'

declare module '../../shared-services.ts' {
  interface ModuleServices {
    costBuckets: CostBuckets
    keyUsage: UsageRecorder
  }
}

export function partnerServices({ core, redis, prefix }: ServiceSetup) {
  return { costBuckets: createCostBuckets({ redis, prefix }), keyUsage: createUsageRecorder({ db: core.db.prisma }) }
}
