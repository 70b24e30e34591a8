import type { AttemptLimiter } from '@rapport/core'
import { createAttemptLimiter } from '@rapport/realtime'
import type { ServiceSetup } from '../../shared-services.ts'

declare module '../../shared-services.ts' {
  interface ModuleServices {
    /** Failed sign-ins, per account and per IP (shared through Redis when set). */
    signInLimiter: AttemptLimiter
  }
}

export function identityServices({ redis, prefix, options }: ServiceSetup) {
  return {
    // Failures per account or IP within 15 minutes; past them, 15 minutes' wait.
    signInLimiter: createAttemptLimiter({ name: 'signin', points: options.signInAttempts ?? 10, durationSeconds: 900, blockSeconds: 900, redis, prefix }),
  }
}
