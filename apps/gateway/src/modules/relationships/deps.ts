import { jobKind, prismaExecutor } from '@rapport/jobs'
import type { RelationshipsDeps } from '@rapport/relationships'
import type { Context } from '../../context.ts'
import { announceNotifications, enqueueFromRequest, notifier } from '../notifications/deps.ts'

/**
 * Notifying a new update's followers. A minute's lease: a thousand followers take well under a
 * second; a run still going after a minute is presumed dead and retried (with backoff, five times).
 */
export const updateFanOut = jobKind<{ updateId: string }>({ name: 'supplier-update-fan-out', leaseSeconds: 60, retryLimit: 5, retryDelaySeconds: 5 })

/** What relationships domain functions need from a request context. */
export function relationshipsDeps(ctx: Pick<Context, 'db' | 'clock' | 'pubsub' | 'jobs'>): RelationshipsDeps {
  return {
    db: ctx.db,
    clock: ctx.clock,
    notify: notifier(enqueueFromRequest(ctx)),
    enqueueFanOut: async (tx, updateId) => {
      await ctx.jobs.send(updateFanOut, { updateId }, { tx: prismaExecutor(tx) })
    },
    announce: (userIds) => announceNotifications(ctx.pubsub, userIds),
  }
}
