// Notifications: each person's feed of what happened for them (written by the domains that
// cause them, or by their jobs), its live unread count, and their settings per kind and channel.
import { defineModule } from '../module.ts'
import { notificationEmailWorker } from './email-job.ts'
import { reviewInvitationEmailWorker, unreadEmailWorker } from './jobs.ts'
import { unsubscribeRoute } from './routes.ts'
import { notificationServices } from './services.ts'
import './types.ts'
import './queries.ts'
import './mutations.ts'
import './subscriptions.ts'

export const notifications = defineModule({
  name: 'notifications',
  services: notificationServices,
  attach: (services) => ({ routes: [unsubscribeRoute], close: () => services.mailer.close() }),
  jobs: (services) => [unreadEmailWorker(services), reviewInvitationEmailWorker(services), notificationEmailWorker(services)],
})
