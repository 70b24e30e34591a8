// Webhooks on the job layer: an event committed (a review event's outbox row, a message whose
// supplier has a listening endpoint) enqueues a fan-out in its own transaction; the fan-out makes
// one delivery per endpoint and enqueues each. A delivery job never holds its transaction open
// across the HTTP call (on embedded PGlite that would stop every other write): it first
// schedules its own follow-up a minute out — so a crash mid-attempt loses nothing — and makes
// the attempt after its transaction commits, then schedules the retry when it is due.
import { jobKind, prismaExecutor, type Executor, type JobContext } from '@rapport/jobs'
import type { ConversationChange, MessageSentHook } from '@rapport/messaging'
import { attemptDelivery, claimDueDelivery, endpointManagers, fanOutConversationUpdated, fanOutMessageCreated, fanOutOutboxEvent } from '@rapport/partners'
import type { Prisma } from '@rapport/db'
import { webPaths } from '../../web-paths.ts'
import { jobWorker, type JobWorker, type Services } from '../module.ts'
import { announceNotifications, enqueueFromRequest, notifier } from '../notifications/deps.ts'

export const webhookFanOut = jobKind<{ eventId: string }>({ name: 'webhook-fan-out', leaseSeconds: 60, retryLimit: 10, retryDelaySeconds: 5 })
export const webhookMessage = jobKind<{ messageId: string }>({ name: 'webhook-message', leaseSeconds: 60, retryLimit: 10, retryDelaySeconds: 5 })
export const webhookConversation = jobKind<{ conversationId: string; fields: string[]; at: string }>({ name: 'webhook-conversation', leaseSeconds: 60, retryLimit: 10, retryDelaySeconds: 5 })
export const webhookDelivery = jobKind<{ deliveryId: string }>({ name: 'webhook-delivery', leaseSeconds: 60, retryLimit: 10, retryDelaySeconds: 5 })

/** Runs of each webhook job kind at once per process, on PostgreSQL. */
const WEBHOOK_CONCURRENCY = 8

/** How long after an attempt starts its follow-up job looks again (longer than any attempt's timeout). */
const ATTEMPT_LEASE_SECONDS = 60

/** In a review event's transaction: its webhooks' fan-out joins it. */
export const enqueueWebhookFanOut = (services: Pick<Services, 'jobs'>) => (tx: Prisma.TransactionClient, eventId: bigint) =>
  services.jobs.send(webhookFanOut, { eventId: eventId.toString() }, { tx: prismaExecutor(tx) })

/** On the send path: a message enqueues its webhook only when its supplier has a listening endpoint. */
export function enqueueMessageWebhook(services: Pick<Services, 'webhooks' | 'jobs'>): MessageSentHook {
  return async (tx, m) => {
    if (!services.webhooks.listeners.has(m.supplierId, 'message.created')) return
    await services.jobs.send(webhookMessage, { messageId: m.messageId }, { tx: tx as Executor })
  }
}

/** In a conversation change's transaction (status, labels, assignee): its webhook, when someone listens. */
export function enqueueConversationWebhook(services: Pick<Services, 'webhooks' | 'jobs'>) {
  return async (tx: Prisma.TransactionClient, c: ConversationChange) => {
    if (!services.webhooks.listeners.has(c.supplierId, 'conversation.updated')) return
    await services.jobs.send(webhookConversation, { conversationId: c.conversationId, fields: c.fields, at: c.at.toISOString() }, { tx: prismaExecutor(tx) })
  }
}

export function webhookWorkers(services: Services): JobWorker[] {
  // Webhook work mostly waits (on the database, on partners' servers): several runs at once on
  // PostgreSQL. Embedded PGlite runs one transaction at a time, where more runs only queue.
  const options = { concurrency: services.db.target.kind === 'postgres' ? WEBHOOK_CONCURRENCY : 1 }
  // One statement for all of an event's deliveries, however many endpoints want it.
  const deliverLater = (sendMany: JobContext<object>['sendMany'], ids: string[]) => sendMany(webhookDelivery, ids.map((deliveryId) => ({ deliveryId })))
  const workers: JobWorker[] = [
    jobWorker(webhookFanOut, async ({ tx, data, sendMany }) => deliverLater(sendMany, await fanOutOutboxEvent(tx, BigInt(data.eventId)))),
    jobWorker(webhookMessage, async ({ tx, data, sendMany }) => deliverLater(sendMany, await fanOutMessageCreated(tx, data.messageId))),
    jobWorker(webhookConversation, async ({ tx, data, sendMany }) =>
      deliverLater(sendMany, await fanOutConversationUpdated(tx, { conversationId: data.conversationId, fields: data.fields, at: new Date(data.at) })),
    ),
    jobWorker(webhookDelivery, async ({ tx, data, send }) => {
      const wait = await claimDueDelivery(tx, services.clock, data.deliveryId, ATTEMPT_LEASE_SECONDS)
      if (wait === null) return
      // Not due yet: look again then. Due: the follow-up a lease out is scheduled first, so if this
      // process dies during the attempt the delivery is tried again; the attempt runs after commit.
      await send(webhookDelivery, data, { delaySeconds: wait || ATTEMPT_LEASE_SECONDS })
      if (wait === 0) return () => void attempt(services, data.deliveryId)
    }),
  ]
  return workers.map((w) => ({ ...w, options }))
}

async function attempt(services: Services, deliveryId: string) {
  try {
    const out = await attemptDelivery({ db: services.db.prisma, clock: services.clock, allowPrivate: services.webhooks.allowPrivate }, deliveryId)
    // The follow-up job already waiting finds nextAttemptAt and waits until then (see above).
    if ((out.outcome === 'retry' || out.outcome === 'dead') && out.disabledEndpoint) {
      services.logger.warn({ endpointId: out.disabledEndpoint.id }, 'webhook endpoint disabled after repeated failures')
      await notifyEndpointDisabled(services, out.disabledEndpoint.id)
    }
  } catch (e) {
    services.logger.warn({ err: e, deliveryId }, 'webhook attempt failed; its follow-up job tries again')
  }
}

/**
 * Tells the people who manage an endpoint that it was switched off (in the app, and by email
 * unless they turned that off): a supplier's owners, or the admin who set up a platform partner.
 */
export async function notifyEndpointDisabled(services: Pick<Services, 'db' | 'jobs' | 'pubsub' | 'clock'>, endpointId: string): Promise<string[]> {
  const e = await endpointManagers(services.db.prisma, endpointId)
  if (!e) return []
  const link = webPaths.developers(e.supplierSlug ?? undefined)
  const at = services.clock.now()
  const text = `Webhook endpoint ${e.url} was switched off after repeated failed deliveries. Fix it, then enable it again.`
  const notified = await services.db.prisma.$transaction((tx) =>
    notifier(enqueueFromRequest(services))(tx, e.userIds.map((userId) => ({ userId, kind: 'WEBHOOK_DISABLED' as const, text, link, at, subject: { webhookEndpointId: endpointId } }))),
  )
  announceNotifications(services.pubsub, notified)
  return notified
}
