// Staff statistics: every query's and mutation's timing (both transports), the web app's timings
// over POST /stats, and the report (Query.performanceStats). Rules in @rapport/stats.
import { defineModule } from '../module.ts'
import { statsRoutes } from './routes.ts'
import { statsServices } from './services.ts'
import { operationTiming } from './timing.ts'
import './schema.ts'

export const stats = defineModule({
  name: 'stats',
  services: statsServices,
  attach: (services) => ({
    operations: operationTiming(services),
    routes: statsRoutes(services),
    // What this process counted since its last write is saved before it exits.
    close: () => services.stats.close(),
  }),
})
