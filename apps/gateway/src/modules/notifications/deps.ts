import { prismaExecutor, type JobKind } from '@rapport/jobs'
import { notifyChannels, type NotificationEmailData, type NotificationItem, type NotificationsDeps } from '@rapport/notifications'
import type { Prisma } from '@rapport/db'
import type { Context } from '../../context.ts'
import { topic } from '../../topics.ts'
import { notificationEmail } from './email-job.ts'

/** What notifications domain functions need from a request context (or the shared services). */
export function notificationsDeps(ctx: Pick<Context, 'db' | 'clock' | 'pubsub'>): NotificationsDeps {
  return { db: ctx.db, clock: ctx.clock, announce: (userIds) => announceNotifications(ctx.pubsub, userIds) }
}

/** Pokes these people's live feeds (they read what changed from the database). */
export function announceNotifications(pubsub: Context['pubsub'], userIds: readonly string[]): void {
  for (const userId of userIds) pubsub.publish(topic.userNotifications(userId), { userId })
}

/** Enqueues a job inside the current transaction: a request's (`ctx.jobs.send` with its tx) or a job run's own `send`. */
export type EnqueueInTx = <D extends object>(tx: Prisma.TransactionClient, kind: JobKind<D>, data: D) => Promise<unknown>

/** From a request: the job joins the request's transaction. */
export const enqueueFromRequest =
  (ctx: Pick<Context, 'jobs'>): EnqueueInTx =>
  (tx, kind, data) =>
    ctx.jobs.send(kind, data, { tx: prismaExecutor(tx) })

/** From a job run: follow-up jobs go through the run's own transaction. */
export const enqueueFromJob =
  (send: <D extends object>(kind: JobKind<D>, data: D) => Promise<unknown>): EnqueueInTx =>
  (_tx, kind, data) =>
    send(kind, data)

/**
 * Writes the in-app notifications and enqueues, in the same transaction, an email for each
 * item its recipient wants by email; returns who got an in-app one (to announce after commit).
 */
export function notifier(enqueue: EnqueueInTx) {
  return async (tx: Prisma.TransactionClient, items: readonly NotificationItem[]): Promise<string[]> => {
    const { inApp, email } = await notifyChannels(tx, items)
    for (const item of email) await enqueue(tx, notificationEmail, { ...item, at: item.at.toISOString() } satisfies NotificationEmailData)
    return inApp
  }
}
