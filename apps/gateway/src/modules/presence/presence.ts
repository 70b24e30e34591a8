// Presence: a person is online while any socket of theirs is open (on any gateway, with
// Redis). Invisible people are never announced; lastSeenAt is kept for "last seen …".
import type { Viewer } from '@rapport/core'
import type { Conversation } from '@rapport/db'
import { recordLastSeen, teamsOf, visiblePresenceOf } from '@rapport/identity'
import { counterpartUserIds } from '@rapport/messaging'
import type { Services } from '../module.ts'
import type { SharedServices } from '../../context.ts'
import { topic } from '../../topics.ts'

/** Counts a socket opening or closing; when that changes whether the user is online, says so. */
export async function announcePresence(services: Services, userId: string, teams: readonly string[], connected: boolean): Promise<void> {
  const { presence, logger } = services
  try {
    const changed = connected ? await presence.connect(userId) : await presence.disconnect(userId)
    if (changed) await announce(services, userId, teams, connected)
  } catch (err) {
    logger.warn({ err }, 'presence update failed')
  }
}

/**
 * Keeps this gateway's presence lease and reaps those of gateways that died without closing
 * their sockets: their users go offline within a lease (30 s) and a beat, and are announced.
 */
export function keepPresenceLease(services: Services): { close(): Promise<void> } {
  const { presence, db, logger } = services
  let running: Promise<void> | null = null
  const beat = async () => {
    await presence.heartbeat()
    for (const userId of await presence.reap()) await announce(services, userId, await teamsOf({ db: db.prisma }, userId), false)
  }
  const timer = setInterval(() => {
    // One beat at a time: with Redis slow, beats must not pile up.
    running ??= beat()
      .catch((err: unknown) => logger.warn({ err }, 'presence heartbeat failed'))
      .finally(() => (running = null))
  }, Math.max(50, Math.floor(presence.leaseMs / 3)))
  timer.unref()
  return {
    async close() {
      clearInterval(timer)
      await running
      await presence.close().catch((err: unknown) => logger.warn({ err }, 'presence shutdown failed'))
    },
  }
}

/** Says that the user came online or went offline, unless they hide their presence. */
async function announce(services: Services, userId: string, teams: readonly string[], online: boolean) {
  const { pubsub, clock, db } = services
  const now = clock.now()
  const { visible } = await recordLastSeen({ db: db.prisma }, userId, now)
  if (!visible) return
  const event = { userId, online, lastSeenAt: online ? null : now.toISOString() }
  // Buyers watch a supplier's whole team through one topic; teams watch the buyer's own.
  pubsub.publishMany([[topic.userPresence(userId), event], ...teams.map((id) => [topic.teamPresence(id), event] as const)])
}

/**
 * The person showed or hid their presence: everyone watching them looks again at once (a
 * conversation feed answers any presence event by asking who on that side is online and visible).
 */
export function announceVisibilityChange(pubsub: Services['pubsub'], viewer: Viewer): void {
  const event = { userId: viewer.userId, online: false, lastSeenAt: null }
  pubsub.publishMany([[topic.userPresence(viewer.userId), event], ...viewer.memberships.map((m) => [topic.teamPresence(m.supplierId), event] as const)])
}

/** Online if anyone on the other side is connected and visible; otherwise when they were last seen. */
export async function counterpartPresence(
  services: Pick<SharedServices, 'db' | 'presence'>,
  viewer: Viewer | null,
  c: Pick<Conversation, 'buyerId' | 'supplierId'>,
): Promise<{ online: boolean; lastSeenAt: Date | null }> {
  const userIds = await counterpartUserIds(services.db, viewer, c)
  const visible = await visiblePresenceOf({ db: services.db }, userIds)
  const online = await services.presence.onlineAmong(visible.map((u) => u.id))
  const lastSeen = visible.map((u) => u.lastSeenAt?.getTime() ?? 0).reduce((a, b) => Math.max(a, b), 0)
  return { online: online.size > 0, lastSeenAt: online.size > 0 ? null : lastSeen ? new Date(lastSeen) : null }
}

/** The presence topic a conversation's subscriber follows: the supplier's team, or the buyer. */
export async function counterpartPresenceTopic(services: Pick<SharedServices, 'db'>, viewer: Viewer, c: Pick<Conversation, 'buyerId' | 'supplierId'>) {
  if (viewer.buyerId && viewer.buyerId === c.buyerId) return topic.teamPresence(c.supplierId)
  const [buyerUserId] = await counterpartUserIds(services.db, viewer, c)
  return topic.userPresence(buyerUserId!)
}
