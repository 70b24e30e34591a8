// Notifications by email, on real databases, to a real SMTP peer: which items want email (each
// channel its own switch; kinds with an email of their own are left to it), and the email itself.
import { availableKinds, createTestDb, type TestDb } from '@rapport/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { notifyChannels, type NotificationItem } from '../notify.ts'
import { updateNotificationPreferences } from '../preferences.ts'
import { createMailer, type Mailer } from './mailer.ts'
import { sendNotificationEmail, type NotificationEmailDeps } from './notification-email.ts'
import { startSmtpPeer } from './smtp-peer.ts'
import { unsubscribeByToken } from './tokens.ts'
import { TEST_LINKS } from './test-links.ts'

describe.each(availableKinds())('notification email on %s', (kind) => {
  let db: TestDb
  let smtp: Awaited<ReturnType<typeof startSmtpPeer>>
  let mailer: Mailer
  let ana: { userId: string; email: string }
  const deps = (): NotificationEmailDeps => ({
    clock: { now: () => new Date('2026-12-01T12:00:00Z') },
    mailer,
    links: TEST_LINKS,
  })
  const at = new Date('2026-12-01T10:00:00Z')
  const item = (k: NotificationItem['kind'], text: string): NotificationItem => ({ userId: ana.userId, kind: k, text, link: '/suppliers/kiln/feedback', at })
  const viewer = () => ({ userId: ana.userId, sessionId: 's', email: ana.email, displayName: 'Ana', platformRole: 'USER' as const, buyerId: null, memberships: [] })

  beforeAll(async () => {
    db = await createTestDb(kind)
    smtp = await startSmtpPeer()
    mailer = createMailer({ smtpUrl: smtp.url, dir: '', from: 'Rapport <no-reply@rapport.example>' })
    const u = await db.prisma.user.create({ data: { email: `ana.${kind}@example.com`, passwordHash: 'x', displayName: 'Ana' } })
    ana = { userId: u.id, email: u.email }
  })
  afterAll(async () => {
    mailer?.close()
    await smtp?.close()
    await db?.drop()
  })

  it('picks the items wanted by email by each channel’s own switch, leaving unread messages and invitations to their own emails', async () => {
    // Defaults: email on for a moderation decision, off for a new review; NEW_MESSAGE has its own email.
    let out = await db.prisma.$transaction((tx) =>
      notifyChannels(tx, [item('MODERATION_DECISION', 'Decided.'), item('NEW_REVIEW', 'New review.'), item('NEW_MESSAGE', 'Message.')]),
    )
    expect(out.inApp).toEqual([ana.userId])
    expect(out.email.map((i) => i.kind)).toEqual(['MODERATION_DECISION'])
    // In-app off, email on: the email still goes; the feed gets nothing.
    await updateNotificationPreferences({ db: db.prisma }, viewer(), [
      { kind: 'NEW_REVIEW', channel: 'IN_APP', enabled: false },
      { kind: 'NEW_REVIEW', channel: 'EMAIL', enabled: true },
    ])
    const before = await db.prisma.notification.count({ where: { userId: ana.userId } })
    out = await db.prisma.$transaction((tx) => notifyChannels(tx, [item('NEW_REVIEW', 'Another review.')]))
    expect(out).toEqual({ inApp: [], email: [expect.objectContaining({ kind: 'NEW_REVIEW' })] })
    expect(await db.prisma.notification.count({ where: { userId: ana.userId } })).toBe(before)
  })

  it('emails the notification with its link and a one-click unsubscribe that turns that kind off', async () => {
    const data = { ...item('MODERATION_DECISION', 'A moderator hid a review you reported.'), at: at.toISOString() }
    expect(await db.prisma.$transaction((tx) => sendNotificationEmail(deps(), tx, data))).toBe('sent')
    const mail = smtp.received.at(-1)!
    expect(mail.to).toBe(ana.email)
    expect(mail.raw).toContain('Subject: A moderator hid a review you reported.')
    expect(mail.raw).toContain('https://rapport.example/suppliers/kiln/feedback')
    expect(mail.raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click')
    const token = /api\.rapport\.example\/unsubscribe\/([\w-]+)/.exec(mail.raw.replace(/=\r?\n/g, ''))![1]!
    await unsubscribeByToken({ db: db.prisma }, token)
    const count = smtp.received.length
    expect(await db.prisma.$transaction((tx) => sendNotificationEmail(deps(), tx, data))).toBe('opted-out')
    expect(smtp.received).toHaveLength(count)
  })
})
