// One-click unsubscribe: each person has one secret token per kind of email, reused in every
// email of that kind; presenting it turns that kind's email off (nothing else, no sign-in).
import { randomBytes } from 'node:crypto'
import { NotFoundError } from '@rapport/core'
import type { Prisma, PrismaClient } from '@rapport/db'
import type { Kind } from '../kinds.ts'

export async function emailToken(tx: Prisma.TransactionClient, userId: string, kind: Kind): Promise<string> {
  const existing = await tx.emailToken.findUnique({ where: { userId_kind: { userId, kind } } })
  if (existing) return existing.token
  const token = randomBytes(24).toString('base64url')
  await tx.emailToken.create({ data: { token, userId, kind } })
  return token
}

/** Turns off the email the token is for; the same token again changes nothing. */
export async function unsubscribeByToken(deps: { db: PrismaClient }, token: string): Promise<{ kind: Kind; email: string }> {
  const row = /^[\w-]{20,64}$/.test(token) ? await deps.db.emailToken.findUnique({ where: { token }, include: { user: { select: { email: true } } } }) : null
  if (!row) throw new NotFoundError('This unsubscribe link is not valid (it may be from an old email).')
  await deps.db.notificationPreference.upsert({
    where: { userId_kind_channel: { userId: row.userId, kind: row.kind, channel: 'EMAIL' } },
    create: { userId: row.userId, kind: row.kind, channel: 'EMAIL', enabled: false },
    update: { enabled: false },
  })
  return { kind: row.kind as Kind, email: row.user.email }
}
