import type { IdentityDeps } from '@rapport/identity'
import type { Context } from '../../context.ts'

/** What identity's domain functions need from a request context. */
export function identityDeps(ctx: Context): IdentityDeps {
  return { db: ctx.db, clock: ctx.clock, limiter: ctx.signInLimiter }
}
