// Webhooks on the job layer: an event committed (a review event's outbox row, a message whose
// supplier has a listening endpoint) enqueues a fan-out in its own transaction; the fan-out makes
// one delivery per endpoint and enqueues each. A delivery job never holds its transaction open
// across the HTTP call (on embedded PGlite that would stop every other write): it first
// schedules its own follow-up a minute out — so a crash mid-attempt loses nothing — and makes
// the attempt after its transaction commits, then schedules the retry when it is due.
import { jobKind, prismaExecutor, type Executor } from '@rapport/jobs'
import type { ConversationChange, MessageSentHook } from '@rapport/messaging'
import { attemptDelivery, fanOutEvent, type CommittedEvent, type WebhookEvent } from '@rapport/partners'
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

/** Review and question events, by their outbox type, as webhook events (others are not sent). */
const OUTBOX_TO_WEBHOOK: Record<string, WebhookEvent> = {
  REVIEW_ADDED: 'review.created',
  REVIEW_UPDATED: 'review.updated',
  REVIEW_RESPONDED: 'review.responded',
  QUESTION_ASKED: 'question.created',
  QUESTION_ANSWERED: 'question.answered',
}

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

/** What a review or question event's webhook carries: the public facts, read when it is sent out. */
async function outboxData(tx: Prisma.TransactionClient, type: WebhookEvent, aggregateId: string): Promise<unknown> {
  if (type.startsWith('review.')) {
    const r = await tx.review.findUnique({ where: { id: aggregateId }, include: { response: { select: { body: true, updatedAt: true } } } })
    if (!r) return null
    return {
      review: { id: r.id, supplierId: r.supplierId, productId: r.productId, rating: r.rating, title: r.title, body: r.body, status: r.status, createdAt: r.createdAt, updatedAt: r.updatedAt },
      ...(type === 'review.responded' && r.response ? { response: { body: r.response.body, updatedAt: r.response.updatedAt } } : {}),
    }
  }
  const q = await tx.productQuestion.findUnique({ where: { id: aggregateId }, include: { answers: { orderBy: { createdAt: 'desc' }, take: 1, select: { id: true, body: true, supplierId: true, createdAt: true } } } })
  if (!q) return null
  return { question: { id: q.id, productId: q.productId, body: q.body, createdAt: q.createdAt }, ...(type === 'question.answered' && q.answers[0] ? { answer: { ...q.answers[0], fromSupplier: !!q.answers[0].supplierId } } : {}) }
}

/** Whether an enabled endpoint of the supplier's wants the event (the send path's answer may be a cautious "yes"). */
const listens = async (tx: Prisma.TransactionClient, supplierId: string, event: WebhookEvent) =>
  (await tx.webhookEndpoint.count({ where: { enabled: true, events: { has: event }, partner: { supplierId } } })) > 0

export function webhookWorkers(services: Services): JobWorker[] {
  // Webhook work mostly waits (on the database, on partners' servers): several runs at once on
  // PostgreSQL. Embedded PGlite runs one transaction at a time, where more runs only queue.
  const options = { concurrency: services.db.target.kind === 'postgres' ? WEBHOOK_CONCURRENCY : 1 }
  const deliverLater = async (send: (kind: typeof webhookDelivery, data: { deliveryId: string }) => Promise<unknown>, ids: string[]) => {
    for (const deliveryId of ids) await send(webhookDelivery, { deliveryId })
  }
  const workers: JobWorker[] = [
    jobWorker(webhookFanOut, async ({ tx, data, send }) => {
      const e = await tx.domainEvent.findUnique({ where: { id: BigInt(data.eventId) } })
      const type = e && OUTBOX_TO_WEBHOOK[e.type]
      if (!e || !type) return
      const event: CommittedEvent = { id: e.id, type, supplierId: e.supplierId, createdAt: e.createdAt, data: await outboxData(tx, type, e.aggregateId) }
      await deliverLater((k, d) => send(k, d), await fanOutEvent(tx, event))
    }),
    jobWorker(webhookMessage, async ({ tx, data, send }) => {
      const m = await tx.message.findUnique({ where: { id: data.messageId }, include: { conversation: { select: { id: true, supplierId: true, subject: true, status: true } } } })
      if (!m || !(await listens(tx, m.conversation.supplierId, 'message.created'))) return
      const data_ = {
        message: { id: m.id, conversationId: m.conversationId, sequence: m.sequence, authorSide: m.authorSide, body: m.deletedAt ? null : m.body, createdAt: m.createdAt },
        conversation: m.conversation,
      }
      // The outbox row the deliveries point at: written here, not on the send path, which stays as fast as before.
      const row = await tx.domainEvent.create({ data: { type: 'message.created', aggregateType: 'Message', aggregateId: m.id, supplierId: m.conversation.supplierId, payload: {}, createdAt: m.createdAt } })
      await deliverLater((k, d) => send(k, d), await fanOutEvent(tx, { id: row.id, type: 'message.created', supplierId: m.conversation.supplierId, createdAt: m.createdAt, data: data_ }))
    }),
    jobWorker(webhookConversation, async ({ tx, data, send }) => {
      const c = await tx.conversation.findUnique({
        where: { id: data.conversationId },
        select: { id: true, supplierId: true, subject: true, status: true, labels: true, resolvedAt: true, assignee: { select: { id: true, user: { select: { displayName: true } } } } },
      })
      if (!c || !(await listens(tx, c.supplierId, 'conversation.updated'))) return
      const at = new Date(data.at)
      const conversation = { id: c.id, subject: c.subject, status: c.status, labels: c.labels, resolvedAt: c.resolvedAt, assignee: c.assignee ? { id: c.assignee.id, displayName: c.assignee.user.displayName } : null }
      const row = await tx.domainEvent.create({ data: { type: 'conversation.updated', aggregateType: 'Conversation', aggregateId: c.id, supplierId: c.supplierId, payload: {}, createdAt: at } })
      await deliverLater((k, d) => send(k, d), await fanOutEvent(tx, { id: row.id, type: 'conversation.updated', supplierId: c.supplierId, createdAt: at, data: { conversation, changed: data.fields } }))
    }),
    jobWorker(webhookDelivery, async ({ tx, data, send }) => {
      const d = await tx.webhookDelivery.findUnique({ where: { id: data.deliveryId }, select: { status: true, nextAttemptAt: true } })
      if (!d || d.status === 'DELIVERED' || d.status === 'DEAD') return
      const wait = Math.ceil((d.nextAttemptAt.getTime() - services.clock.now().getTime()) / 1000)
      if (wait > 0) {
        await send(webhookDelivery, data, { delaySeconds: wait })
        return
      }
      // The follow-up first: if this process dies during the attempt, the delivery is tried again.
      await tx.webhookDelivery.update({ where: { id: data.deliveryId }, data: { nextAttemptAt: new Date(services.clock.now().getTime() + ATTEMPT_LEASE_SECONDS * 1000) } })
      await send(webhookDelivery, data, { delaySeconds: ATTEMPT_LEASE_SECONDS })
      return () => void attempt(services, data.deliveryId)
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
  const db = services.db.prisma
  const e = await db.webhookEndpoint.findUnique({ where: { id: endpointId }, include: { partner: { include: { supplier: { select: { slug: true, members: { where: { role: 'OWNER', removedAt: null }, select: { userId: true } } } } } } } })
  if (!e) return []
  const userIds = e.partner.supplier ? e.partner.supplier.members.map((m) => m.userId) : [e.partner.createdById]
  const link = webPaths.developers(e.partner.supplier?.slug)
  const at = services.clock.now()
  const text = `Webhook endpoint ${e.url} was switched off after repeated failed deliveries. Fix it, then enable it again.`
  const notified = await db.$transaction((tx) =>
    notifier(enqueueFromRequest(services))(tx, userIds.map((userId) => ({ userId, kind: 'WEBHOOK_DISABLED' as const, text, link, at, subject: { webhookEndpointId: e.id } }))),
  )
  announceNotifications(services.pubsub, notified)
  return notified
}
