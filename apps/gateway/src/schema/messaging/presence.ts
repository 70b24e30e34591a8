import type { Conversation } from '@rapport/db'
import type { Context } from '../../context.ts'

/** The users on the other side of a conversation from the viewer. */
export async function counterpartUserIds(ctx: Pick<Context, 'db' | 'viewer'>, c: Pick<Conversation, 'buyerId' | 'supplierId'>): Promise<string[]> {
  const viewerIsBuyer = !!ctx.viewer?.buyerId && ctx.viewer.buyerId === c.buyerId
  if (viewerIsBuyer) {
    const members = await ctx.db.supplierMember.findMany({ where: { supplierId: c.supplierId, removedAt: null }, select: { userId: true } })
    return members.map((m) => m.userId)
  }
  const buyer = await ctx.db.buyer.findUniqueOrThrow({ where: { id: c.buyerId }, select: { userId: true } })
  return [buyer.userId]
}

/** Online if anyone on the other side is connected and visible; otherwise when they were last seen. */
export async function counterpartPresence(ctx: Pick<Context, 'db' | 'viewer' | 'presence'>, c: Pick<Conversation, 'buyerId' | 'supplierId'>) {
  const userIds = await counterpartUserIds(ctx, c)
  const users = await ctx.db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, presenceVisibility: true, lastSeenAt: true } })
  const visible = users.filter((u) => u.presenceVisibility === 'VISIBLE')
  const online = await ctx.presence.onlineAmong(visible.map((u) => u.id))
  const lastSeen = visible.map((u) => u.lastSeenAt?.getTime() ?? 0).reduce((a, b) => Math.max(a, b), 0)
  return { online: online.size > 0, lastSeenAt: online.size > 0 ? null : lastSeen ? new Date(lastSeen) : null }
}
