// Where webhook events come from: a review or question event's outbox row, a message, a change to
// a conversation. Each function runs in the job's transaction, reads what the event carries when it
// is sent out (public facts only), writes the outbox row deliveries point at where there is none
// yet, and fans out one delivery per listening endpoint. The job layer decides when; this decides
// what is sent.
import type { Prisma, PrismaClient } from '@rapport/db'
import type { Clock } from '@rapport/core'
import { fanOutEvent } from './deliveries.ts'
import type { WebhookEvent } from './events.ts'

/** Review and question events, by their outbox type, as webhook events (others are not sent). */
const OUTBOX_TO_WEBHOOK: Record<string, WebhookEvent> = {
  REVIEW_ADDED: 'review.created',
  REVIEW_UPDATED: 'review.updated',
  REVIEW_RESPONDED: 'review.responded',
  QUESTION_ASKED: 'question.created',
  QUESTION_ANSWERED: 'question.answered',
}

/** What a review or question event's webhook carries, read when it is sent out. */
async function outboxData(tx: Prisma.TransactionClient, type: WebhookEvent, aggregateId: string): Promise<unknown> {
  if (type.startsWith('review.')) {
    const r = await tx.review.findUnique({ where: { id: aggregateId }, include: { response: { select: { body: true, updatedAt: true } } } })
    if (!r) return null
    return {
      review: { id: r.id, supplierId: r.supplierId, productId: r.productId, rating: r.rating, title: r.title, body: r.body, status: r.status, createdAt: r.createdAt, updatedAt: r.updatedAt },
      ...(type === 'review.responded' && r.response ? { response: { body: r.response.body, updatedAt: r.response.updatedAt } } : {}),
    }
  }
  const q = await tx.productQuestion.findUnique({
    where: { id: aggregateId },
    include: { answers: { orderBy: { createdAt: 'desc' }, take: 1, select: { id: true, body: true, supplierId: true, createdAt: true } } },
  })
  if (!q) return null
  return {
    question: { id: q.id, productId: q.productId, body: q.body, createdAt: q.createdAt },
    ...(type === 'question.answered' && q.answers[0] ? { answer: { ...q.answers[0], fromSupplier: !!q.answers[0].supplierId } } : {}),
  }
}

/** Whether an enabled endpoint of the supplier's wants the event (the send path's answer may be a cautious "yes"). */
const listens = async (tx: Prisma.TransactionClient, supplierId: string, event: WebhookEvent) =>
  (await tx.webhookEndpoint.count({ where: { enabled: true, events: { has: event }, partner: { supplierId } } })) > 0

/** A review or question outbox event's deliveries (none for outbox types partners do not receive). */
export async function fanOutOutboxEvent(tx: Prisma.TransactionClient, eventId: bigint): Promise<string[]> {
  const e = await tx.domainEvent.findUnique({ where: { id: eventId } })
  const type = e && OUTBOX_TO_WEBHOOK[e.type]
  if (!e || !type) return []
  return fanOutEvent(tx, { id: e.id, type, supplierId: e.supplierId, createdAt: e.createdAt, data: await outboxData(tx, type, e.aggregateId) })
}

/** A message's `message.created` deliveries. Its outbox row is written here, off the send path, which stays as fast as before. */
export async function fanOutMessageCreated(tx: Prisma.TransactionClient, messageId: string): Promise<string[]> {
  const m = await tx.message.findUnique({ where: { id: messageId }, include: { conversation: { select: { id: true, supplierId: true, subject: true, status: true } } } })
  if (!m || !(await listens(tx, m.conversation.supplierId, 'message.created'))) return []
  const data = {
    message: { id: m.id, conversationId: m.conversationId, sequence: m.sequence, authorSide: m.authorSide, body: m.deletedAt ? null : m.body, createdAt: m.createdAt },
    conversation: m.conversation,
  }
  const row = await tx.domainEvent.create({ data: { type: 'message.created', aggregateType: 'Message', aggregateId: m.id, supplierId: m.conversation.supplierId, payload: {}, createdAt: m.createdAt } })
  return fanOutEvent(tx, { id: row.id, type: 'message.created', supplierId: m.conversation.supplierId, createdAt: m.createdAt, data })
}

/** A conversation change's `conversation.updated` deliveries: the conversation as it is now, and which fields changed at `at`. */
export async function fanOutConversationUpdated(tx: Prisma.TransactionClient, change: { conversationId: string; fields: string[]; at: Date }): Promise<string[]> {
  const c = await tx.conversation.findUnique({
    where: { id: change.conversationId },
    select: { id: true, supplierId: true, subject: true, status: true, labels: true, resolvedAt: true, assignee: { select: { id: true, user: { select: { displayName: true } } } } },
  })
  if (!c || !(await listens(tx, c.supplierId, 'conversation.updated'))) return []
  const conversation = { id: c.id, subject: c.subject, status: c.status, labels: c.labels, resolvedAt: c.resolvedAt, assignee: c.assignee ? { id: c.assignee.id, displayName: c.assignee.user.displayName } : null }
  const row = await tx.domainEvent.create({ data: { type: 'conversation.updated', aggregateType: 'Conversation', aggregateId: c.id, supplierId: c.supplierId, payload: {}, createdAt: change.at } })
  return fanOutEvent(tx, { id: row.id, type: 'conversation.updated', supplierId: c.supplierId, createdAt: change.at, data: { conversation, changed: change.fields } })
}

/**
 * Before an attempt, in the delivery job's transaction: how long until the delivery is due (0 when
 * it is due now, null when it is finished or gone). When due, its next look is pushed `leaseSeconds`
 * out, so a process that dies mid-attempt leaves a delivery that is tried again.
 */
export async function claimDueDelivery(tx: Prisma.TransactionClient, clock: Clock, deliveryId: string, leaseSeconds: number): Promise<number | null> {
  const d = await tx.webhookDelivery.findUnique({ where: { id: deliveryId }, select: { status: true, nextAttemptAt: true } })
  if (!d || d.status === 'DELIVERED' || d.status === 'DEAD') return null
  const now = clock.now().getTime()
  const wait = Math.ceil((d.nextAttemptAt.getTime() - now) / 1000)
  if (wait > 0) return wait
  await tx.webhookDelivery.update({ where: { id: deliveryId }, data: { nextAttemptAt: new Date(now + leaseSeconds * 1000) } })
  return 0
}

/** Who is told when an endpoint is switched off: a supplier's owners, or the admin who set up a platform partner. */
export async function endpointManagers(db: PrismaClient, endpointId: string): Promise<{ url: string; userIds: string[]; supplierSlug: string | null } | null> {
  const e = await db.webhookEndpoint.findUnique({
    where: { id: endpointId },
    include: { partner: { include: { supplier: { select: { slug: true, members: { where: { role: 'OWNER', removedAt: null }, select: { userId: true } } } } } } },
  })
  if (!e) return null
  const supplier = e.partner.supplier
  return { url: e.url, userIds: supplier ? supplier.members.map((m) => m.userId) : [e.partner.createdById], supplierSlug: supplier?.slug ?? null }
}
