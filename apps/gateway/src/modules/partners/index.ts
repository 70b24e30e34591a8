// The partner platform: API keys with scopes, the cost bucket every key answer reports, and
// (coming) webhooks and the developer portal's data. Domain rules live in @rapport/partners.
import { deleteExpiredIdempotencyRecords } from '@rapport/partners'
import { defineModule } from '../module.ts'
import { keyCostHooks } from './cost.ts'
import { partnerServices } from './services.ts'
import './keys.ts'
import './webhooks.ts'
import './documents.ts'
import { webhookWorkers } from './webhook-jobs.ts'

/** How often usage counts are added to the database. */
const USAGE_FLUSH_MS = 5_000
/** How often expired idempotency records are swept (lookups ignore them anyway; this bounds the table). */
const IDEMPOTENCY_SWEEP_MS = 3600_000

export const partners = defineModule({
  name: 'partners',
  services: partnerServices,
  jobs: webhookWorkers,
  attach(services) {
    const flush = () => services.keyUsage.flush().catch((e: unknown) => services.logger.warn({ err: e }, 'could not write API key usage; kept for the next try'))
    const timer = setInterval(flush, USAGE_FLUSH_MS)
    timer.unref()
    const sweep = setInterval(() => {
      deleteExpiredIdempotencyRecords(services.db.prisma, services.clock.now()).catch((e: unknown) => services.logger.warn({ err: e }, 'could not sweep expired idempotency records'))
    }, IDEMPOTENCY_SWEEP_MS)
    sweep.unref()
    return {
      operations: keyCostHooks(services),
      async close() {
        clearInterval(timer)
        clearInterval(sweep)
        await flush()
      },
    }
  },
})
