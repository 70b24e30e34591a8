// The partner platform: API keys with scopes, the cost bucket every key answer reports, and
// (coming) webhooks and the developer portal's data. Domain rules live in @rapport/partners.
import { defineModule } from '../module.ts'
import { keyCostHooks } from './cost.ts'
import { partnerServices } from './services.ts'
import './keys.ts'

/** How often usage counts are added to the database. */
const USAGE_FLUSH_MS = 5_000

export const partners = defineModule({
  name: 'partners',
  services: partnerServices,
  attach(services) {
    const flush = () => services.keyUsage.flush().catch((e: unknown) => services.logger.warn({ err: e }, 'could not write API key usage; kept for the next try'))
    const timer = setInterval(flush, USAGE_FLUSH_MS)
    timer.unref()
    return {
      operations: keyCostHooks(services),
      async close() {
        clearInterval(timer)
        await flush()
      },
    }
  },
})
