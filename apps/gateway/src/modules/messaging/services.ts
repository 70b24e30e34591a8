import { createRateLimiter, type RateLimiter } from '@rapport/realtime'
import type { ServiceSetup } from '../../shared-services.ts'

declare module '../../shared-services.ts' {
  interface ModuleServices {
    /** Message sends per user: burst and per-minute budgets. */
    sendLimiter: RateLimiter
    /** Typing notices: at most one per 3 s per user and conversation. */
    typingLimiter: RateLimiter
  }
}

export function messagingServices({ redis, prefix, options }: ServiceSetup) {
  return {
    sendLimiter: createRateLimiter({
      name: 'send',
      // A burst of 10 within 10 s, and 60 a minute: plenty for a person, not for a script.
      budgets: options.sendBudgets ?? [
        { points: 10, durationSeconds: 10 },
        { points: 60, durationSeconds: 60 },
      ],
      redis,
      prefix,
      message: 'You are sending messages too quickly.',
    }),
    typingLimiter: createRateLimiter({ name: 'typing', budgets: [{ points: 1, durationSeconds: 3 }], redis, prefix, message: 'Typing notices are throttled.' }),
  }
}
