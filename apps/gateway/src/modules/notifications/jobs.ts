// The unread-message email as a job: a message enqueues one check per conversation and side
// (folded into the one already waiting), due when the delay has passed; the check emails each
// person the message was for, if it is still unread for them (see @rapport/notifications).
import { jobKind, type Executor } from '@rapport/jobs'
import type { MessageSentHook } from '@rapport/messaging'
import { recipientsOf, sendReviewInvitationEmail, sendUnreadEmail } from '@rapport/notifications'
import { REVIEW_LIMITS } from '@rapport/reviews'
import { jobWorker, type Services } from '../module.ts'
import { announceNotifications } from './deps.ts'

type Check = { conversationId: string; side: 'BUYER' | 'SUPPLIER' }

/** A few seconds' lease per person to email; retried with backoff when SMTP fails. */
export const unreadEmailCheck = jobKind<Check>({ name: 'unread-email-check', leaseSeconds: 120, retryLimit: 8, retryDelaySeconds: 30, policy: 'batched' })

const batchOf = (c: Check) => `${c.conversationId}:${c.side}`

/** The check a message for `recipientSide` enqueues: one batch per conversation and side, due after the delay. */
export function unreadEmailCheckFor(m: { conversationId: string; recipientSide: Check['side'] }, delayMinutes: number) {
  const data: Check = { conversationId: m.conversationId, side: m.recipientSide }
  return { data, singletonKey: batchOf(data), delaySeconds: Math.round(delayMinutes * 60) }
}

/** The messaging hook: enqueues the check inside the send's transaction. */
export function enqueueUnreadEmailCheck(services: Pick<Services, 'jobs' | 'email'>): MessageSentHook {
  return (tx, m) => {
    const { data, ...options } = unreadEmailCheckFor(m, services.email.unreadDelayMinutes)
    return services.jobs.send(unreadEmailCheck, data, { tx: tx as Executor, ...options })
  }
}

export function unreadEmailWorker(services: Services) {
  return jobWorker(unreadEmailCheck, async ({ tx, data, send }) => {
    const deps = { clock: services.clock, mailer: services.mailer, delayMinutes: services.email.unreadDelayMinutes, links: services.email.links }
    let again = 0
    const told: string[] = []
    for (const userId of await recipientsOf(tx, data.conversationId, data.side)) {
      const { outcome, retryInSeconds, notifiedInApp } = await sendUnreadEmail(deps, tx, userId)
      // Clocks differ by a little between processes and the database: look again when due.
      if (outcome === 'too-early') again = Math.max(again, retryInSeconds ?? 1)
      if (notifiedInApp) told.push(userId)
    }
    if (again > 0) await send(unreadEmailCheck, data, { singletonKey: batchOf(data), delaySeconds: again })
    return () => announceNotifications(services.pubsub, told)
  })
}

/** A delivered order's review invitation by email: sent after the delivery commits, once. */
export const reviewInvitationEmail = jobKind<{ orderId: string }>({ name: 'review-invitation-email', leaseSeconds: 60, retryLimit: 8, retryDelaySeconds: 30 })

export function reviewInvitationEmailWorker(services: Services) {
  return jobWorker(reviewInvitationEmail, async ({ tx, data }) => {
    await sendReviewInvitationEmail({ clock: services.clock, mailer: services.mailer, links: services.email.links, windowDays: REVIEW_LIMITS.windowDays }, tx, data.orderId)
  })
}
