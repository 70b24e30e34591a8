import type { MessageSentHook, MessagingDeps, MessagingEvent, Publish } from '@rapport/messaging'
import type { PublishMessage } from '@rapport/realtime'
import type { Context } from '../../context.ts'
import { topic, type Topics } from '../../topics.ts'
import { announceNotifications, enqueueFromRequest, notifier } from '../notifications/deps.ts'
import { enqueueUnreadEmailCheck } from '../notifications/jobs.ts'
import { webPaths } from '../../web-paths.ts'
import { enqueueConversationWebhook, enqueueMessageWebhook } from '../partners/webhook-jobs.ts'

/**
 * Domain events onto pub/sub topics: one conversation topic, and each side's inbox topic.
 * What one domain call announces in a row (a send: the message, then the inbox update) goes
 * out as one publishMany at the end of the current microtask: one Redis command, in order.
 */
export function publisher(ctx: Pick<Context, 'pubsub'>): Publish {
  let pending: PublishMessage<Topics>[] | null = null
  return (e: MessagingEvent) => {
    if (!pending) {
      const batch: PublishMessage<Topics>[] = (pending = [])
      queueMicrotask(() => {
        pending = null
        ctx.pubsub.publishMany(batch)
      })
    }
    if (e.kind === 'conversation') {
      pending.push([topic.conversation(e.event.conversationId), e.event])
    } else {
      // Team-only changes (labels, assignee) never reach the buyer's topic.
      if (e.event.audience !== 'team') pending.push([topic.buyerInbox(e.event.buyerId), e.event])
      pending.push([topic.supplierInbox(e.event.supplierId), e.event])
    }
  }
}

/** What messaging domain functions need from a request context. */
export function messagingDeps(ctx: Context) {
  return {
    db: ctx.db,
    sql: ctx.sql,
    clock: ctx.clock,
    publish: publisher(ctx),
    sendLimiter: ctx.sendLimiter,
    onMessageSent: onMessageSent(ctx.services),
    onConversationChanged: enqueueConversationWebhook(ctx.services),
    onAssigned: async (tx, a) => {
      const notice = { userId: a.userId, kind: 'CONVERSATION_ASSIGNED' as const, text: a.text, link: webPaths.conversation(a.conversationId), at: a.at, subject: { conversationId: a.conversationId } }
      const notified = await notifier(enqueueFromRequest(ctx))(tx, [notice])
      return () => announceNotifications(ctx.pubsub, notified)
    },
  } satisfies MessagingDeps & { sendLimiter: Context['sendLimiter'] }
}

/** What a new message enqueues in its send's transaction: the unread-message email check and, when someone listens, its webhook. */
function onMessageSent(services: Pick<Context['services'], 'webhooks' | 'jobs' | 'email'>): MessageSentHook {
  const unread = enqueueUnreadEmailCheck(services)
  const webhook = enqueueMessageWebhook(services)
  // Both issued at once (pipelined with the send's statements): no extra round trip.
  return (tx, m) => Promise.all([unread(tx, m), webhook(tx, m)])
}
