// The review invitation by email: sent once, after the delivery that made the invitation
// commits, unless the buyer turned these emails off, already reviewed, or put it away.
import type { Clock } from '@rapport/core'
import type { Prisma, PrismaClient } from '@rapport/db'
import { wants } from '../preferences.ts'
import type { Mailer } from './mailer.ts'
import { renderReviewInvitationEmail } from './templates.ts'
import { emailToken } from './tokens.ts'
import type { EmailLinks } from './unread-email.ts'

export type InvitationEmailDeps = { clock: Clock; mailer: Mailer; links: EmailLinks & { review(orderId: string): string }; windowDays: number }

export async function sendReviewInvitationEmail(deps: InvitationEmailDeps, tx: Prisma.TransactionClient, orderId: string): Promise<'sent' | 'not-open' | 'opted-out'> {
  const invitation = await tx.reviewInvitation.findUnique({
    where: { orderId },
    include: {
      order: {
        select: {
          number: true,
          deliveredAt: true,
          review: { select: { id: true } },
          supplier: { select: { name: true } },
          items: { select: { quantity: true, product: { select: { name: true } } } },
          buyer: { select: { userId: true, user: { select: { email: true, displayName: true } } } },
        },
      },
    },
  })
  // Sent at most once: the email is part of the invitation, and a retry finds it marked.
  if (!invitation || invitation.emailedAt || invitation.dismissedAt || invitation.order.review) return 'not-open'
  const { order } = invitation
  const deliveredAt = order.deliveredAt
  if (!deliveredAt) return 'not-open'
  if (!(await wants({ db: tx as PrismaClient }, order.buyer.userId, 'REVIEW_INVITATION', 'EMAIL'))) return 'opted-out'
  const token = await emailToken(tx, order.buyer.userId, 'REVIEW_INVITATION')
  const mail = renderReviewInvitationEmail({
    name: order.buyer.user.displayName,
    supplierName: order.supplier.name,
    orderNumber: order.number,
    items: order.items.map((i) => (i.quantity > 1 ? `${i.quantity} × ${i.product.name}` : i.product.name)).join(', '),
    reviewUrl: deps.links.review(orderId),
    closesAt: new Date(deliveredAt.getTime() + deps.windowDays * 86_400_000),
    preferencesUrl: deps.links.preferences,
    unsubscribeUrl: deps.links.unsubscribePage(token),
  })
  await tx.reviewInvitation.update({ where: { orderId }, data: { emailedAt: deps.clock.now() } })
  const { messageId } = await deps.mailer.send({
    to: order.buyer.user.email,
    ...mail,
    headers: { 'List-Unsubscribe': `<${deps.links.unsubscribeOneClick(token)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  })
  await tx.emailLog.create({ data: { userId: order.buyer.userId, kind: 'REVIEW_INVITATION', subject: mail.subject, messageId, sentAt: deps.clock.now() } })
  return 'sent'
}
