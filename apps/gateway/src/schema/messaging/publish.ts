import type { MessagingEvent, Publish } from '@rapport/messaging'
import { topics } from '@rapport/messaging'
import type { Context } from '../../context.ts'

/** Domain events onto pub/sub topics: one conversation topic, and each side's inbox topic. */
export function publisher(ctx: Pick<Context, 'pubsub'>): Publish {
  return (e: MessagingEvent) => {
    if (e.kind === 'conversation') {
      ctx.pubsub.publish(topics.conversation(e.event.conversationId), e.event)
    } else {
      ctx.pubsub.publish(topics.buyerInbox(e.event.buyerId), e.event)
      ctx.pubsub.publish(topics.supplierInbox(e.event.supplierId), e.event)
    }
  }
}

/** What messaging domain functions need from a request context. */
export function messagingDeps(ctx: Context) {
  return { db: ctx.db, sql: ctx.sql, clock: ctx.clock, publish: publisher(ctx), sendLimiter: ctx.sendLimiter }
}
