import type { ReviewsDeps } from '@rapport/reviews'
import type { Context } from '../../context.ts'

/** What reviews domain functions need from a request context. */
export function reviewsDeps(ctx: Context): ReviewsDeps {
  return { db: ctx.db, clock: ctx.clock }
}
