// Account emails: sent because the person asked (their data archive is ready), whatever their
// notification settings, and logged like every other email.
import type { Clock } from '@rapport/core'
import type { Prisma } from '@rapport/db'
import type { Mailer } from './mailer.ts'
import { renderDataExportReadyEmail } from './templates.ts'

export async function sendDataExportReadyEmail(
  deps: { clock: Clock; mailer: Mailer },
  tx: Prisma.TransactionClient,
  to: { userId: string; email: string; name: string },
  archive: { url: string; expiresAt: Date; byteSize: number },
): Promise<void> {
  const mail = renderDataExportReadyEmail({ name: to.name, ...archive })
  const { messageId } = await deps.mailer.send({ to: to.email, ...mail })
  await tx.emailLog.create({ data: { userId: to.userId, kind: 'DATA_EXPORT_READY', subject: mail.subject, messageId, sentAt: deps.clock.now() } })
}
