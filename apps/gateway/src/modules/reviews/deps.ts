import { prismaExecutor } from '@rapport/jobs'
import type { ReviewsDeps } from '@rapport/reviews'
import type { Context } from '../../context.ts'
import { topic } from '../../topics.ts'
import { enqueueWebhookFanOut } from '../partners/webhook-jobs.ts'
import { reviewEventNotify } from './event-job.ts'

/** What reviews domain functions need from a request context. */
export function reviewsDeps(ctx: Pick<Context, 'db' | 'clock' | 'pubsub'> & Partial<Pick<Context, 'jobs'>>): ReviewsDeps {
  const jobs = ctx.jobs
  return {
    db: ctx.db,
    clock: ctx.clock,
    // Live feeds read the events from the database; the message only tells them to look.
    announce: (supplierId) => ctx.pubsub.publish(topic.supplierReviews(supplierId), { supplierId }),
    // Who the event concerns is notified, and partners' webhooks are sent, by jobs enqueued with the event.
    onEvent:
      jobs &&
      (async (tx, eventId) => {
        await jobs.send(reviewEventNotify, { eventId: eventId.toString() }, { tx: prismaExecutor(tx) })
        await enqueueWebhookFanOut({ jobs })(tx, eventId)
      }),
  }
}
