import { ConflictError, ForbiddenError, NotFoundError, type Clock } from '@rapport/core'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { maskEmail, previewInvitation } from './invitation-preview.ts'
import { hashToken } from './sessions.ts'
import { revokeInvitation } from './team.ts'

let db: TestDb
const now = new Date('2026-11-25T10:00:00Z')
const clock: Clock = { now: () => now }
let supplierId: string
let ownerId: string

beforeAll(async () => {
  db = await createTestDb()
  supplierId = (await db.prisma.supplier.create({ data: { slug: 'oak', name: 'Oak & Co', timeZone: 'Europe/Lisbon' } })).id
  ownerId = (await db.prisma.user.create({ data: { email: 'ana@oak.example', displayName: 'Ana', passwordHash: 'x' } })).id
})
afterAll(async () => {
  await db?.drop()
})

async function invite(token: string, extra: { acceptedAt?: Date; revokedAt?: Date; expiresAt?: Date } = {}) {
  await db.prisma.supplierInvitation.create({
    data: {
      supplierId,
      email: 'tomas.silva@oak.example',
      role: 'AGENT',
      tokenHash: hashToken(token),
      invitedById: ownerId,
      expiresAt: new Date('2026-12-01T00:00:00Z'),
      ...extra,
    },
  })
}

describe('previewInvitation', () => {
  it('shows the team, the role and a hint of the address for a live link', async () => {
    await invite('live-token')
    expect(await previewInvitation({ db: db.prisma, clock }, 'live-token')).toEqual({
      supplier: { id: supplierId, name: 'Oak & Co', slug: 'oak' },
      role: 'AGENT',
      emailHint: 'to•••@oak.example',
      expiresAt: new Date('2026-12-01T00:00:00Z'),
      state: 'PENDING',
    })
  })

  it('says when a link was used or has expired, and nothing for revoked or unknown ones', async () => {
    await invite('used-token', { acceptedAt: now })
    await invite('old-token', { expiresAt: new Date('2026-11-01T00:00:00Z') })
    await invite('revoked-token', { revokedAt: now })
    const deps = { db: db.prisma, clock }
    expect((await previewInvitation(deps, 'used-token'))?.state).toBe('ACCEPTED')
    expect((await previewInvitation(deps, 'old-token'))?.state).toBe('EXPIRED')
    expect(await previewInvitation(deps, 'revoked-token')).toBeNull()
    expect(await previewInvitation(deps, 'never-issued')).toBeNull()
    expect(await previewInvitation(deps, '')).toBeNull()
  })
})

describe('maskEmail', () => {
  it('keeps the first letters and the domain', () => {
    expect(maskEmail('maya@example.com')).toBe('ma•••@example.com')
    expect(maskEmail('a@example.com')).toBe('•••@example.com')
    expect(maskEmail('broken')).toBe('•••')
  })
})

describe('revokeInvitation', () => {
  const viewer = (role: 'OWNER' | 'AGENT') => ({
    userId: ownerId,
    sessionId: 's',
    email: 'ana@oak.example',
    displayName: 'Ana',
    platformRole: 'USER' as const,
    buyerId: null,
    memberships: [{ supplierId, memberId: 'm', role }],
  })

  it('lets an owner withdraw a pending invitation, after which its link is invalid', async () => {
    await invite('to-revoke')
    const row = await db.prisma.supplierInvitation.findUniqueOrThrow({ where: { tokenHash: hashToken('to-revoke') } })
    const deps = { db: db.prisma, clock }
    await expect(revokeInvitation(deps, viewer('AGENT'), row.id)).rejects.toThrow(ForbiddenError)
    const revoked = await revokeInvitation(deps, viewer('OWNER'), row.id)
    expect(revoked.revokedAt).toEqual(now)
    expect(await previewInvitation(deps, 'to-revoke')).toBeNull()
    await expect(revokeInvitation(deps, viewer('OWNER'), row.id)).rejects.toThrow(NotFoundError)
  })

  it('refuses to withdraw one already used', async () => {
    await invite('accepted-one', { acceptedAt: now })
    const row = await db.prisma.supplierInvitation.findUniqueOrThrow({ where: { tokenHash: hashToken('accepted-one') } })
    await expect(revokeInvitation({ db: db.prisma, clock }, viewer('OWNER'), row.id)).rejects.toThrow(ConflictError)
  })
})
