// Each gateway process counts its operations' timings and adds them to PostgreSQL every
// STATS_LIMITS.flushMs (STATS_FLUSH_MS overrides it), where every process's counts meet.
import { createStatsRecorder, saveStats, type StatsRecorder } from '@rapport/stats'
import type { ServiceSetup } from '../../shared-services.ts'

declare module '../../shared-services.ts' {
  interface ModuleServices {
    /** Timings for the staff statistics page (GraphQL operations here; the web app posts its own). */
    stats: StatsRecorder
  }
}

export function statsServices({ core, options }: ServiceSetup) {
  return {
    stats: createStatsRecorder({
      save: (rows) => saveStats(core.db.prisma, rows, core.clock.now()),
      now: () => core.clock.now(),
      flushMs: options.statsFlushMs,
      onError: (err) => core.logger.warn({ err }, 'could not save timings (kept for the next try)'),
    }),
  }
}
