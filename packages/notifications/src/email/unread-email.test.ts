// The unread-message email on real databases with an injected clock, delivered to a real SMTP
// peer (smtp-server, by nodemailer's authors) on loopback.
import type { Clock } from '@rapport/core'
import { availableKinds, createTestDb, type TestDb } from '@rapport/db/testing'
import { startSmtpPeer } from './smtp-peer.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { wants } from '../preferences.ts'
import { createMailer, type Mailer } from './mailer.ts'
import { unsubscribeByToken } from './tokens.ts'
import { recipientsOf, sendUnreadEmail, type UnreadEmailDeps } from './unread-email.ts'
import { TEST_LINKS } from './test-links.ts'

const MIN = 60_000


describe.each(availableKinds())('the unread-message email on %s', (kind) => {
  let db: TestDb
  let smtp: Awaited<ReturnType<typeof startSmtpPeer>>
  let mailer: Mailer
  let now = new Date('2026-12-01T09:00:00Z')
  const clock: Clock = { now: () => now }
  const deps = (): UnreadEmailDeps => ({
    clock,
    mailer,
    delayMinutes: 5,
    links: TEST_LINKS,
  })
  const run = (userId: string) => db.prisma.$transaction((tx) => sendUnreadEmail(deps(), tx, userId))
  let seq = 0
  let maya: { userId: string; buyerId: string }
  let ana: { userId: string; memberId: string }
  let ben: { userId: string; memberId: string }
  let conversationId: string

  async function message(side: 'BUYER' | 'SUPPLIER', body: string, authorId: string) {
    const c = await db.prisma.conversation.update({ where: { id: conversationId }, data: { lastSequence: { increment: 1 } } })
    return db.prisma.message.create({ data: { conversationId, sequence: c.lastSequence, authorSide: side, authorId, body, createdAt: now } })
  }

  beforeAll(async () => {
    db = await createTestDb(kind)
    smtp = await startSmtpPeer()
    mailer = createMailer({ smtpUrl: smtp.url, dir: '', from: 'Rapport <no-reply@rapport.example>' })
    const user = (name: string) => db.prisma.user.create({ data: { email: `${name.toLowerCase()}.${seq++}@example.com`, passwordHash: 'x', displayName: name } })
    const m = await user('Maya')
    maya = { userId: m.id, buyerId: (await db.prisma.buyer.create({ data: { userId: m.id, displayName: 'Maya' } })).id }
    const supplier = await db.prisma.supplier.create({ data: { slug: `kiln-${seq}`, name: 'Kiln', timeZone: 'UTC' } })
    const a = await user('Ana')
    ana = { userId: a.id, memberId: (await db.prisma.supplierMember.create({ data: { supplierId: supplier.id, userId: a.id, role: 'AGENT' } })).id }
    const b = await user('Ben')
    ben = { userId: b.id, memberId: (await db.prisma.supplierMember.create({ data: { supplierId: supplier.id, userId: b.id, role: 'OWNER' } })).id }
    conversationId = (await db.prisma.conversation.create({ data: { buyerId: maya.buyerId, supplierId: supplier.id, subject: 'Crackle glaze' } })).id
  })
  afterAll(async () => {
    mailer?.close()
    await smtp?.close()
    await db?.drop()
  })

  it('sends one email with every message left unread for 5 minutes, and never the same message twice', async () => {
    await message('SUPPLIER', 'Your jar ships on Monday.', ana.userId)
    now = new Date(now.getTime() + 2 * MIN)
    await message('SUPPLIER', 'And it is wrapped twice.', ana.userId)
    now = new Date(now.getTime() + 3 * MIN)
    expect(await run(maya.userId)).toEqual({ outcome: 'sent', notifiedInApp: true })
    expect(smtp.received).toHaveLength(1)
    const mail = smtp.received[0]!
    expect(mail.to).toBe((await db.prisma.user.findUniqueOrThrow({ where: { id: maya.userId } })).email)
    expect(mail.raw).toContain('Subject: 2 unread messages from Ana (Kiln)')
    expect(mail.raw).toContain('Your jar ships on Monday.')
    expect(mail.raw).toContain('And it is wrapped twice.')
    expect(mail.raw).toContain(`https://rapport.example/conversations/${conversationId}`)
    expect(mail.raw).toMatch(/List-Unsubscribe: <https:\/\/api\.rapport\.example\/unsubscribe\/[\w-]+>/)
    expect(mail.raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click')
    expect(mail.raw).toContain('Content-Type: text/html')
    expect(mail.raw).toContain('Content-Type: text/plain')
    // The feed is told once too, linking to the conversation.
    const feed = await db.prisma.notification.findMany({ where: { userId: maya.userId, kind: 'NEW_MESSAGE' } })
    expect(feed.map((n) => n.payload)).toEqual([{ text: '2 unread messages from Ana (Kiln).', link: `/conversations/${conversationId}`, subject: { conversationId } }])
    // A second run (a retry, another worker) finds nothing new.
    expect(await run(maya.userId)).toEqual({ outcome: 'nothing-unread' })
    expect(await db.prisma.emailLog.count({ where: { userId: maya.userId } })).toBe(1)
  })

  it('sends nothing when the message is read within the 5 minutes, and says when to look again when it is too early', async () => {
    const m = await message('SUPPLIER', 'Did the jar arrive?', ana.userId)
    now = new Date(now.getTime() + 3 * MIN)
    expect(await run(maya.userId)).toEqual({ outcome: 'too-early', retryInSeconds: 120 })
    now = new Date(now.getTime() + 1 * MIN)
    await db.prisma.readPosition.create({ data: { conversationId, userId: maya.userId, side: 'BUYER', lastReadSequence: m.sequence } })
    now = new Date(now.getTime() + 1 * MIN)
    expect(await run(maya.userId)).toEqual({ outcome: 'nothing-unread' })
    expect(smtp.received).toHaveLength(1)
  })

  it('sends a buyer’s message to the assignee only, or to the whole team while unassigned', async () => {
    expect((await recipientsOf(db.prisma, conversationId, 'SUPPLIER')).sort()).toEqual([ana.userId, ben.userId].sort())
    await db.prisma.conversation.update({ where: { id: conversationId }, data: { assigneeId: ana.memberId } })
    expect(await recipientsOf(db.prisma, conversationId, 'SUPPLIER')).toEqual([ana.userId])
    expect(await recipientsOf(db.prisma, conversationId, 'BUYER')).toEqual([maya.userId])
    await message('BUYER', 'It arrived, thank you!', maya.userId)
    now = new Date(now.getTime() + 6 * MIN)
    expect(await run(ben.userId)).toEqual({ outcome: 'nothing-unread' })
    expect(await run(ana.userId)).toEqual({ outcome: 'sent', notifiedInApp: true })
    expect(smtp.received.at(-1)!.raw).toContain('Subject: New message from Maya')
  })

  it('turns the email off with the one-click link, and sends none after', async () => {
    const token = /List-Unsubscribe: <https:\/\/api\.rapport\.example\/unsubscribe\/([\w-]+)>/.exec(smtp.received[0]!.raw)![1]!
    expect(await wants({ db: db.prisma }, maya.userId, 'NEW_MESSAGE', 'EMAIL')).toBe(true)
    expect(await unsubscribeByToken({ db: db.prisma }, token)).toMatchObject({ kind: 'NEW_MESSAGE' })
    expect(await wants({ db: db.prisma }, maya.userId, 'NEW_MESSAGE', 'EMAIL')).toBe(false)
    await expect(unsubscribeByToken({ db: db.prisma }, 'not-a-token-at-all-really')).rejects.toThrow('not valid')
    await message('SUPPLIER', 'One more thing…', ana.userId)
    now = new Date(now.getTime() + 6 * MIN)
    const before = smtp.received.length
    // Email off; the in-app switch is on by default, so the feed is told instead.
    expect(await run(maya.userId)).toEqual({ outcome: 'in-app-only', notifiedInApp: true })
    expect(smtp.received).toHaveLength(before)
  })
})
