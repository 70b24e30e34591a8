// A notification by email (kinds without an email of their own): one job per email, enqueued
// with the notification; a failed send is retried with backoff.
import { jobKind } from '@rapport/jobs'
import { sendNotificationEmail, type NotificationEmailData } from '@rapport/notifications'
import { jobWorker, type Services } from '../module.ts'

export const notificationEmail = jobKind<NotificationEmailData>({ name: 'notification-email', leaseSeconds: 60, retryLimit: 8, retryDelaySeconds: 30 })

export function notificationEmailWorker(services: Services) {
  return jobWorker(notificationEmail, async ({ tx, data }) => {
    await sendNotificationEmail({ clock: services.clock, mailer: services.mailer, links: services.email.links }, tx, data)
  })
}
