// Notifying the people a review event concerns (the team of a new review or question, a buyer
// of the answer to their review, an asker of the answer to their question, reporters and
// authors of a moderator's decision): a job enqueued with the event, writing the notifications
// (and enqueueing their emails) in its own transaction, once.
import { jobKind } from '@rapport/jobs'
import { reviewEventNotices } from '@rapport/reviews'
import { jobWorker, type Services } from '../module.ts'
import { announceNotifications, enqueueFromJob, notifier } from '../notifications/deps.ts'
import { webPaths } from '../../web-paths.ts'

export const reviewEventNotify = jobKind<{ eventId: string }>({ name: 'review-event-notify', leaseSeconds: 60, retryLimit: 5, retryDelaySeconds: 5 })

export function reviewEventNotifyWorker(services: Services) {
  return jobWorker(reviewEventNotify, async ({ tx, data, send }) => {
    const notices = await reviewEventNotices(tx, webPaths, BigInt(data.eventId))
    const notified = await notifier(enqueueFromJob(send))(tx, notices)
    return () => announceNotifications(services.pubsub, notified)
  })
}
