import type { ReviewsDeps } from '@rapport/reviews'
import type { Context } from '../../context.ts'
import { topic } from '../../topics.ts'

/** What reviews domain functions need from a request context. */
export function reviewsDeps(ctx: Pick<Context, 'db' | 'clock' | 'pubsub'>): ReviewsDeps {
  return {
    db: ctx.db,
    clock: ctx.clock,
    // Live feeds read the events from the database; the message only tells them to look.
    announce: (supplierId) => ctx.pubsub.publish(topic.supplierReviews(supplierId), { supplierId }),
  }
}
