// The unread-message email (Zulip's missed-message email): when a message stays unread for a
// while (default 5 minutes), each person it was for gets one email listing every message still
// unread for them, with links. Reading first sends nothing. A team's message goes to the
// conversation's assignee, or to the whole team while it is unassigned.
//
// The same check writes one in-app notification ("new message while you were away"), each
// channel its own switch: whoever has both off is told nothing.
//
// Exactly once: a person's row is locked first, and what they have been told of is remembered
// per conversation (UnreadEmailMark), so two workers, or a retry, never repeat a message.
import type { Clock } from '@rapport/core'
import type { Prisma, PrismaClient } from '@rapport/db'
import type { Mailer } from './mailer.ts'
import { emailToken } from './tokens.ts'
import { renderUnreadEmail, type UnreadItem } from './templates.ts'
import { notify } from '../notify.ts'
import { wants } from '../preferences.ts'

export type UnreadEmailDeps = {
  clock: Clock
  mailer: Mailer
  /** How long a message stays unread before it is emailed. */
  delayMinutes: number
  links: EmailLinks
}

export type EmailLinks = {
  /** The web page of a conversation. */
  conversation(conversationId: string): string
  /** The same page's path on the site (an in-app notification's link). */
  conversationPath(conversationId: string): string
  /** A page of the web app by its path (a notification's `link`, e.g. "/suppliers/kiln"). */
  page(path: string): string
  /** The notification settings page. */
  preferences: string
  /** The web page that confirms an unsubscribe (the email's visible link). */
  unsubscribePage(token: string): string
  /** The one-click endpoint mail clients POST to (RFC 8058). */
  unsubscribeOneClick(token: string): string
}

type Tx = Prisma.TransactionClient | PrismaClient

/** Who a new message on `side`'s behalf is for: the buyer, or the assignee (else the whole team). */
export async function recipientsOf(tx: Tx, conversationId: string, recipientSide: 'BUYER' | 'SUPPLIER'): Promise<string[]> {
  const c = await tx.conversation.findUnique({
    where: { id: conversationId },
    select: { buyer: { select: { userId: true } }, supplierId: true, assignee: { select: { userId: true, removedAt: true } } },
  })
  if (!c) return []
  if (recipientSide === 'BUYER') return [c.buyer.userId]
  if (c.assignee && !c.assignee.removedAt) return [c.assignee.userId]
  const team = await tx.supplierMember.findMany({ where: { supplierId: c.supplierId, removedAt: null }, select: { userId: true } })
  return team.map((m) => m.userId)
}

type Row = {
  conversationId: string
  sequence: number
  body: string
  createdAt: Date
  subject: string | null
  supplierName: string
  buyerName: string
  authorName: string | null
  authorSide: 'BUYER' | 'SUPPLIER' | 'SYSTEM'
}

/** Messages still unread for `userId` and never emailed, oldest first (as buyer, and on their teams per assignment). */
async function unreadFor(tx: Tx, userId: string, limit = 50): Promise<Row[]> {
  return tx.$queryRaw<Row[]>`
    WITH me AS (
      SELECT (SELECT id FROM "Buyer" WHERE "userId" = ${userId}::uuid) AS buyer_id,
             ARRAY(SELECT "supplierId" FROM "SupplierMember" WHERE "userId" = ${userId}::uuid AND "removedAt" IS NULL) AS teams,
             ARRAY(SELECT id FROM "SupplierMember" WHERE "userId" = ${userId}::uuid AND "removedAt" IS NULL) AS member_ids
    )
    SELECT m."conversationId", m.sequence, m.body, m."createdAt", c.subject, s.name AS "supplierName", b."displayName" AS "buyerName",
           u."displayName" AS "authorName", m."authorSide"::text AS "authorSide"
      FROM me, "Conversation" c
      JOIN "Message" m ON m."conversationId" = c.id
      JOIN "Supplier" s ON s.id = c."supplierId"
      JOIN "Buyer" b ON b.id = c."buyerId"
      LEFT JOIN "User" u ON u.id = m."authorId"
      LEFT JOIN "ReadPosition" rp ON rp."conversationId" = c.id AND rp."userId" = ${userId}::uuid
      LEFT JOIN "UnreadEmailMark" e ON e."conversationId" = c.id AND e."userId" = ${userId}::uuid
     WHERE m."deletedAt" IS NULL
       AND m.sequence > GREATEST(COALESCE(rp."lastReadSequence", 0), COALESCE(e."emailedThroughSequence", 0))
       AND ((c."buyerId" = me.buyer_id AND m."authorSide" <> 'BUYER')
         OR (c."supplierId" = ANY(me.teams) AND m."authorSide" = 'BUYER' AND (c."assigneeId" IS NULL OR c."assigneeId" = ANY(me.member_ids))))
     ORDER BY m."createdAt", m.sequence
     LIMIT ${limit}`
}

/** 'sent': emailed (and told in the app if wanted); 'in-app-only': email off, the feed told. */
export type UnreadEmailOutcome = 'sent' | 'in-app-only' | 'nothing-unread' | 'too-early' | 'opted-out'

/**
 * Emails `userId` what is unread for them, if the oldest of it has waited `delayMinutes`.
 * Runs in the job's transaction: the marks commit with the job; a failed send rolls them back
 * and the job is retried. Returns what happened, and when to look again if it was too early.
 */
export async function sendUnreadEmail(
  deps: UnreadEmailDeps,
  tx: Prisma.TransactionClient,
  userId: string,
): Promise<{ outcome: UnreadEmailOutcome; retryInSeconds?: number; notifiedInApp?: boolean }> {
  const user = (await tx.$queryRaw<{ email: string; displayName: string }[]>`SELECT email, "displayName" FROM "User" WHERE id = ${userId}::uuid FOR UPDATE`)[0]
  if (!user) return { outcome: 'nothing-unread' }
  const byEmail = await wants({ db: tx as PrismaClient }, userId, 'NEW_MESSAGE', 'EMAIL')
  if (!byEmail && !(await wants({ db: tx as PrismaClient }, userId, 'NEW_MESSAGE', 'IN_APP'))) return { outcome: 'opted-out' }
  const rows = await unreadFor(tx, userId)
  if (rows.length === 0) return { outcome: 'nothing-unread' }
  const waitedMs = deps.clock.now().getTime() - rows[0]!.createdAt.getTime()
  const delayMs = deps.delayMinutes * 60_000
  if (waitedMs < delayMs) return { outcome: 'too-early', retryInSeconds: Math.ceil((delayMs - waitedMs) / 1000) }

  const items: UnreadItem[] = rows.map((r) => ({
    conversationUrl: deps.links.conversation(r.conversationId),
    from: r.authorSide === 'BUYER' ? r.buyerName : r.authorSide === 'SYSTEM' ? r.supplierName : `${r.authorName ?? r.supplierName} (${r.supplierName})`,
    about: r.subject,
    body: r.body,
    at: r.createdAt,
  }))
  for (const [conversationId, through] of lastPerConversation(rows)) {
    await tx.unreadEmailMark.upsert({
      where: { userId_conversationId: { userId, conversationId } },
      create: { userId, conversationId, emailedThroughSequence: through },
      update: { emailedThroughSequence: through },
    })
  }
  const notifiedInApp = (await notify(tx, [awayNotice(deps.links, userId, rows, items, deps.clock.now())])).length > 0
  if (!byEmail) return { outcome: 'in-app-only', notifiedInApp }

  const token = await emailToken(tx, userId, 'NEW_MESSAGE')
  const mail = renderUnreadEmail({ name: user.displayName, items, preferencesUrl: deps.links.preferences, unsubscribeUrl: deps.links.unsubscribePage(token) })
  const { messageId } = await deps.mailer.send({
    to: user.email,
    ...mail,
    headers: {
      // RFC 8058 one-click: mail clients POST "List-Unsubscribe=One-Click" to the https URL.
      'List-Unsubscribe': `<${deps.links.unsubscribeOneClick(token)}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  })
  await tx.emailLog.create({ data: { userId, kind: 'NEW_MESSAGE', subject: mail.subject, messageId, sentAt: deps.clock.now() } })
  return { outcome: 'sent', notifiedInApp }
}

/** The feed's line for messages left unread: who wrote, and where to answer (the oldest one's conversation). */
function awayNotice(links: EmailLinks, userId: string, rows: Row[], items: UnreadItem[], at: Date) {
  const senders = [...new Set(items.map((i) => i.from))]
  const text =
    rows.length === 1
      ? `New message from ${senders[0]}: “${clipLine(rows[0]!.body)}”`
      : `${rows.length} unread messages from ${senders.slice(0, 2).join(' and ')}${senders.length > 2 ? ' and others' : ''}.`
  const conversationId = rows[0]!.conversationId
  return { userId, kind: 'NEW_MESSAGE' as const, text, link: links.conversationPath(conversationId), at, subject: { conversationId } }
}

const clipLine = (s: string) => {
  const line = s.replace(/\s+/g, ' ').trim()
  return line.length > 80 ? `${line.slice(0, 79)}…` : line
}

function lastPerConversation(rows: Row[]): Map<string, number> {
  const last = new Map<string, number>()
  for (const r of rows) last.set(r.conversationId, Math.max(last.get(r.conversationId) ?? 0, r.sequence))
  return last
}

