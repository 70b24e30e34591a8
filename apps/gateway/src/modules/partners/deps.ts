import { createContextCache } from '@pothos/core'
import DataLoader from 'dataloader'
import { partnerNames, type PartnersDeps } from '@rapport/partners'
import type { Context } from '../../context.ts'
import { topic } from '../../topics.ts'

/** What partner domain functions need from a request context. */
export const partnersDeps = (ctx: Pick<Context, 'db' | 'clock'>): PartnersDeps => ({ db: ctx.db, clock: ctx.clock })

/**
 * A key stopped working or changed (revoked, rotated): every gateway forgets it at once and
 * closes its open sockets, as with a signed-out session (the key's id is its "session").
 */
export function announceKeyChanged(ctx: Pick<Context, 'pubsub' | 'clock'>, keyId: string, ended: boolean) {
  if (ended) ctx.pubsub.publish(topic.sessionRevoked(keyId), { at: ctx.clock.now().toISOString() })
  ctx.pubsub.publish(topic.sessionsChanged, { sessionIds: [keyId] })
}

/** Partner names for the keys and endpoints a request shows (one query per request). */
export const partnerName = createContextCache(
  (ctx: Context) => new DataLoader<string, string | null>(async (ids) => ((m) => ids.map((id) => m.get(id) ?? null))(await partnerNames(partnersDeps(ctx), ids))),
)
