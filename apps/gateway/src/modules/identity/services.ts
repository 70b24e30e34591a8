import type { AttemptLimiter } from '@rapport/core'
import { createAttemptLimiter } from '@rapport/realtime'
import type { ServiceSetup } from '../../shared-services.ts'

declare module '../../shared-services.ts' {
  interface ModuleServices {
    /** Failed sign-ins, per account+IP and per IP a day (shared through Redis when set). */
    signInLimiter: AttemptLimiter
  }
}

/** Consecutive failed sign-ins allowed per account and IP unless the deployment says otherwise. */
export const DEFAULT_SIGN_IN_ATTEMPTS = 10

export function identityServices({ redis, prefix, options }: ServiceSetup) {
  return {
    // 10 consecutive failures per account+IP block that pair 15 minutes; 100 a day per IP block the IP a day.
    signInLimiter: createAttemptLimiter({ name: 'signin', consecutive: options.signInAttempts ?? DEFAULT_SIGN_IN_ATTEMPTS, redis, prefix }),
  }
}
