// One notification by email, for the kinds without an email of their own (a review to answer,
// a moderator's decision, a conversation handed to you …): sent from a job enqueued with the
// notification, unless the person turned that kind's email off in the meantime.
import type { Clock } from '@rapport/core'
import type { Prisma, PrismaClient } from '@rapport/db'
import type { NotificationItem } from '../notify.ts'
import { wants } from '../preferences.ts'
import type { Mailer } from './mailer.ts'
import { renderNotificationEmail } from './templates.ts'
import { emailToken } from './tokens.ts'
import type { EmailLinks } from './unread-email.ts'

export type NotificationEmailDeps = { clock: Clock; mailer: Mailer; links: EmailLinks }

/** What the job carries: the notification's own words (a job's data is JSON). */
export type NotificationEmailData = Omit<NotificationItem, 'at'> & { at: string }

export async function sendNotificationEmail(deps: NotificationEmailDeps, tx: Prisma.TransactionClient, item: NotificationEmailData): Promise<'sent' | 'opted-out' | 'no-user'> {
  const user = await tx.user.findUnique({ where: { id: item.userId }, select: { email: true, displayName: true, disabledAt: true } })
  if (!user || user.disabledAt) return 'no-user'
  // Asked again at sending time: an unsubscribe since the enqueue wins.
  if (!(await wants({ db: tx as PrismaClient }, item.userId, item.kind, 'EMAIL'))) return 'opted-out'
  const token = await emailToken(tx, item.userId, item.kind)
  const mail = renderNotificationEmail({
    name: user.displayName,
    text: item.text,
    url: deps.links.page(item.link),
    preferencesUrl: deps.links.preferences,
    unsubscribeUrl: deps.links.unsubscribePage(token),
  })
  const { messageId } = await deps.mailer.send({
    to: user.email,
    ...mail,
    headers: { 'List-Unsubscribe': `<${deps.links.unsubscribeOneClick(token)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  })
  await tx.emailLog.create({ data: { userId: item.userId, kind: item.kind, subject: mail.subject, messageId, sentAt: deps.clock.now() } })
  return 'sent'
}
