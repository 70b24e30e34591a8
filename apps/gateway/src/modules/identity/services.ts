import type { AttemptLimiter } from '@rapport/core'
import { createAttemptLimiter } from '@rapport/realtime'
import type { ServiceSetup } from '../../shared-services.ts'

declare module '../../shared-services.ts' {
  interface ModuleServices {
    /** Failed sign-ins, per account+IP and per IP a day (shared through Redis when set). */
    signInLimiter: AttemptLimiter
  }
}

export function identityServices({ redis, prefix, options }: ServiceSetup) {
  return {
    // 10 consecutive failures per account+IP block that pair 15 minutes; 100 a day per IP block the IP a day.
    signInLimiter: createAttemptLimiter({ name: 'signin', consecutive: options.signInAttempts ?? 10, redis, prefix }),
  }
}
