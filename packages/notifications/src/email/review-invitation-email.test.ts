// The review invitation by email, on real databases, to a real SMTP peer: once per delivered
// order, not after a review, a "not now" or an opt-out.
import { availableKinds, createTestDb, type TestDb } from '@rapport/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { updateNotificationPreferences } from '../preferences.ts'
import { createMailer, type Mailer } from './mailer.ts'
import { sendReviewInvitationEmail, type InvitationEmailDeps } from './review-invitation-email.ts'
import { startSmtpPeer } from './smtp-peer.ts'
import { TEST_LINKS } from './test-links.ts'

describe.each(availableKinds())('the review invitation email on %s', (kind) => {
  let db: TestDb
  let smtp: Awaited<ReturnType<typeof startSmtpPeer>>
  let mailer: Mailer
  let seq = 0
  let buyer: { userId: string; buyerId: string; email: string }
  let supplierId: string
  let productId: string
  const deps = (): InvitationEmailDeps => ({
    clock: { now: () => new Date('2026-12-01T12:00:00Z') },
    mailer,
    windowDays: 90,
    links: { ...TEST_LINKS, review: (id) => `https://rapport.example/orders/${id}/review` },
  })
  const send = (orderId: string) => db.prisma.$transaction((tx) => sendReviewInvitationEmail(deps(), tx, orderId))
  async function delivered(): Promise<string> {
    const deliveredAt = new Date('2026-12-01T10:00:00Z')
    const o = await db.prisma.order.create({
      data: { number: `R-${seq++}`, buyerId: buyer.buyerId, supplierId, totalCents: 100, status: 'DELIVERED', deliveredAt, items: { create: [{ productId, quantity: 2, unitPriceCents: 50 }] } },
    })
    await db.prisma.reviewInvitation.create({ data: { orderId: o.id, buyerId: buyer.buyerId, invitedAt: deliveredAt } })
    return o.id
  }

  beforeAll(async () => {
    db = await createTestDb(kind)
    smtp = await startSmtpPeer()
    mailer = createMailer({ smtpUrl: smtp.url, dir: '', from: 'Rapport <no-reply@rapport.example>' })
    const u = await db.prisma.user.create({ data: { email: `maya.${kind}@example.com`, passwordHash: 'x', displayName: 'Maya' } })
    buyer = { userId: u.id, buyerId: (await db.prisma.buyer.create({ data: { userId: u.id, displayName: 'Maya' } })).id, email: u.email }
    const s = await db.prisma.supplier.create({ data: { slug: `kiln-${kind}`, name: 'Kiln', timeZone: 'UTC', products: { create: [{ slug: 'jar', name: 'Jar', description: '.', priceCents: 50 }] } }, include: { products: true } })
    supplierId = s.id
    productId = s.products[0]!.id
  })
  afterAll(async () => {
    mailer?.close()
    await smtp?.close()
    await db?.drop()
  })

  it('emails the invitation once, with the link to review and the window’s end', async () => {
    const orderId = await delivered()
    expect(await send(orderId)).toBe('sent')
    expect(await send(orderId)).toBe('not-open')
    // Marked at the injected clock's time, as its log is.
    expect((await db.prisma.reviewInvitation.findUniqueOrThrow({ where: { orderId } })).emailedAt).toEqual(new Date('2026-12-01T12:00:00Z'))
    expect(smtp.received).toHaveLength(1)
    const mail = smtp.received[0]!
    expect(mail.to).toBe(buyer.email)
    expect(mail.raw).toContain('Subject: How was your order from Kiln?')
    expect(mail.raw).toContain(`https://rapport.example/orders/${orderId}/review`)
    expect(mail.raw).toContain('2 × Jar')
    expect(mail.raw).toContain('until 1 March 2027')
    expect(mail.raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click')
  })

  it('sends nothing once reviewed or put away, or when the buyer turned these emails off', async () => {
    const put = await delivered()
    await db.prisma.reviewInvitation.update({ where: { orderId: put }, data: { dismissedAt: new Date() } })
    expect(await send(put)).toBe('not-open')
    const off = await delivered()
    const viewer = { userId: buyer.userId, sessionId: 's', email: buyer.email, displayName: 'Maya', platformRole: 'USER' as const, buyerId: buyer.buyerId, memberships: [] }
    await updateNotificationPreferences({ db: db.prisma }, viewer, [{ kind: 'REVIEW_INVITATION', channel: 'EMAIL', enabled: false }])
    expect(await send(off)).toBe('opted-out')
    expect(smtp.received).toHaveLength(1)
  })
})
