import { ConflictError, ForbiddenError, RateLimitedError, ValidationError, type Clock } from '@rapport/core'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { createAttemptLimiter } from '@rapport/realtime'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InvalidCredentialsError, signIn } from './sign-in.ts'
import { signUp } from './sign-up.ts'
import { resolveSession, revokeSession, SESSION_TTL_MS } from './sessions.ts'
import { acceptInvitation, inviteMember, listPendingInvitations, listTeam, removeMember } from './team.ts'

let db: TestDb
let now = new Date('2026-11-25T10:00:00Z')
const clock: Clock = { now: () => now }
const limiter = () => createAttemptLimiter({ name: 'signin', points: 5, durationSeconds: 900, blockSeconds: 900 })
const deps = () => ({ db: db.prisma, clock, limiter: limiter() })
const password = 'a long enough password'

beforeAll(async () => {
  db = await createTestDb()
})
afterAll(() => db.drop())

describe('signing up', () => {
  it('creates a buyer account and a session that resolves to that buyer', async () => {
    const out = await signUp(deps(), { accountType: 'BUYER', email: ' Maya@Example.com ', password, displayName: 'Maya' })
    expect(out.buyerId).not.toBeNull()
    const viewer = await resolveSession(deps(), out.session.token)
    expect(viewer).toMatchObject({ userId: out.userId, email: 'maya@example.com', buyerId: out.buyerId, memberships: [] })
    expect(out.session.expiresAt.getTime() - now.getTime()).toBe(SESSION_TTL_MS)
  })

  it('creates a supplier organisation with the new user as its owner', async () => {
    const out = await signUp(deps(), {
      accountType: 'SUPPLIER',
      email: 'ana@oak.example',
      password,
      displayName: 'Ana',
      supplierName: 'Olive & Oak',
      timeZone: 'Europe/Lisbon',
    })
    const supplier = await db.prisma.supplier.findUniqueOrThrow({ where: { id: out.supplierId! } })
    expect(supplier).toMatchObject({ slug: 'olive-and-oak', timeZone: 'Europe/Lisbon' })
    const viewer = await resolveSession(deps(), out.session.token)
    expect(viewer!.memberships).toEqual([expect.objectContaining({ supplierId: supplier.id, role: 'OWNER' })])
  })

  it('gives a second supplier with the same name its own slug', async () => {
    const out = await signUp(deps(), {
      accountType: 'SUPPLIER', email: 'other@oak.example', password, displayName: 'O', supplierName: 'Olive & Oak', timeZone: 'UTC',
    })
    expect((await db.prisma.supplier.findUniqueOrThrow({ where: { id: out.supplierId! } })).slug).toBe('olive-and-oak-2')
  })

  it('refuses a taken email (whatever its case) and changes nothing', async () => {
    const users = await db.prisma.user.count()
    await expect(
      signUp(deps(), { accountType: 'BUYER', email: 'MAYA@example.com', password, displayName: 'Imposter' }),
    ).rejects.toThrow(ConflictError)
    expect(await db.prisma.user.count()).toBe(users)
  })

  it.each([
    [{ email: 'not-an-email' }, 'email', /valid email/],
    [{ password: 'short' }, 'password', /at least 10 characters/],
    [{ displayName: '   ' }, 'displayName', /Enter your name/],
    [{ timeZone: 'Mars/Olympus' }, 'timeZone', /time zone/],
  ])('rejects bad input %o with a message on the field, and writes nothing', async (override, field, message) => {
    const users = await db.prisma.user.count()
    const attempt = signUp(deps(), { accountType: 'BUYER', email: 'new@example.com', password, displayName: 'New', ...override })
    await expect(attempt).rejects.toThrow(ValidationError)
    await expect(
      signUp(deps(), { accountType: 'BUYER', email: 'new@example.com', password, displayName: 'New', ...override }),
    ).rejects.toMatchObject({ field, message: expect.stringMatching(message) })
    expect(await db.prisma.user.count()).toBe(users)
  })
})

describe('signing in and out', () => {
  it('opens a session with the right password, refuses a wrong one the same way as an unknown email', async () => {
    const d = deps()
    const ok = await signIn(d, { email: 'maya@example.com', password }, { ip: '10.0.0.1' })
    expect(await resolveSession(d, ok.session.token)).toMatchObject({ email: 'maya@example.com' })
    await expect(signIn(d, { email: 'maya@example.com', password: 'wrong password!' }, { ip: '10.0.0.1' })).rejects.toThrow(
      InvalidCredentialsError,
    )
    await expect(signIn(d, { email: 'nobody@example.com', password }, { ip: '10.0.0.1' })).rejects.toThrow(
      'Email or password is incorrect.',
    )
  })

  it('blocks an account after repeated failures, even with the right password, and says when to retry', async () => {
    const d = deps()
    for (let i = 0; i < 6; i++) {
      await signIn(d, { email: 'maya@example.com', password: 'guess number ' + i }, { ip: `10.1.0.${i}` }).catch(() => {})
    }
    const blocked = signIn(d, { email: 'maya@example.com', password }, { ip: '10.9.9.9' })
    await expect(blocked).rejects.toBeInstanceOf(RateLimitedError)
    await expect(signIn(d, { email: 'maya@example.com', password }, { ip: '10.9.9.9' })).rejects.toMatchObject({
      retryAfterSeconds: expect.any(Number),
      message: expect.stringMatching(/Try again in \d+ minutes/),
    })
  })

  it('blocks an IP address that guesses across many accounts', async () => {
    const d = deps()
    for (let i = 0; i < 6; i++) {
      await signIn(d, { email: `victim${i}@example.com`, password: 'guess' }, { ip: '10.6.6.6' }).catch(() => {})
    }
    await expect(signIn(d, { email: 'ana@oak.example', password }, { ip: '10.6.6.6' })).rejects.toBeInstanceOf(
      RateLimitedError,
    )
    await expect(signIn(d, { email: 'ana@oak.example', password }, { ip: '10.7.7.7' })).resolves.toBeTruthy()
  })

  it('refuses a session after sign-out, and after it expires', async () => {
    const d = deps()
    const { session } = await signIn(d, { email: 'ana@oak.example', password }, { ip: '10.0.0.2' })
    expect(await revokeSession(d, session.sessionId)).toBe(true)
    expect(await resolveSession(d, session.token)).toBeNull()
    expect(await revokeSession(d, session.sessionId)).toBe(false)

    const second = await signIn(d, { email: 'ana@oak.example', password }, { ip: '10.0.0.2' })
    const saved = now
    now = new Date(now.getTime() + SESSION_TTL_MS + 1)
    expect(await resolveSession(d, second.session.token)).toBeNull()
    now = saved
  })

  it('ignores tokens it never issued', async () => {
    expect(await resolveSession(deps(), 'made-up-token')).toBeNull()
    expect(await resolveSession(deps(), '')).toBeNull()
    expect(await resolveSession(deps(), 'x'.repeat(5000))).toBeNull()
  })
})

describe('supplier teams', () => {
  it('lets an owner invite an agent who accepts and appears on the team; the token works once', async () => {
    const d = deps()
    const owner = await resolveSession(d, (await signIn(d, { email: 'ana@oak.example', password }, { ip: '1.1.1.1' })).session.token)
    const supplierId = owner!.memberships[0]!.supplierId
    const { token } = await inviteMember(d, owner, { supplierId, email: 'Tomas@Oak.example' })
    expect(await listPendingInvitations(d, owner, supplierId)).toHaveLength(1)

    const agentSignUp = await signUp(d, { accountType: 'BUYER', email: 'tomas@oak.example', password, displayName: 'Tomás' })
    const agent = await resolveSession(d, agentSignUp.session.token)
    await acceptInvitation(d, agent, token)
    const team = await listTeam(d, supplierId)
    expect(team.map((m) => [m.user.displayName, m.role])).toEqual([
      ['Ana', 'OWNER'],
      ['Tomás', 'AGENT'],
    ])
    expect((await resolveSession(d, agentSignUp.session.token))!.memberships).toEqual([
      expect.objectContaining({ supplierId, role: 'AGENT' }),
    ])
    await expect(acceptInvitation(d, agent, token)).rejects.toThrow(ConflictError)
  })

  it('refuses an invitation accepted by someone with another email', async () => {
    const d = deps()
    const owner = await resolveSession(d, (await signIn(d, { email: 'ana@oak.example', password }, { ip: '1.1.1.1' })).session.token)
    const supplierId = owner!.memberships[0]!.supplierId
    const { token } = await inviteMember(d, owner, { supplierId, email: 'someone@oak.example' })
    const maya = await resolveSession(d, (await signIn(d, { email: 'maya@example.com', password }, { ip: '1.1.1.2' }).catch(() => null))?.session.token)
    const viewer = maya ?? { userId: 'x', sessionId: 'x', email: 'maya@example.com', displayName: 'M', platformRole: 'USER' as const, buyerId: null, memberships: [] }
    await expect(acceptInvitation(d, viewer, token)).rejects.toThrow(ForbiddenError)
  })

  it('lets only owners invite and remove, and never removes the last owner', async () => {
    const d = deps()
    const owner = await resolveSession(d, (await signIn(d, { email: 'ana@oak.example', password }, { ip: '1.1.1.1' })).session.token)
    const supplierId = owner!.memberships[0]!.supplierId
    const agent = await resolveSession(d, (await signIn(d, { email: 'tomas@oak.example', password }, { ip: '1.1.1.3' })).session.token)
    await expect(inviteMember(d, agent, { supplierId, email: 'x@oak.example' })).rejects.toThrow(ForbiddenError)
    const ownerMember = owner!.memberships[0]!.memberId
    await expect(removeMember(d, agent, ownerMember)).rejects.toThrow(ForbiddenError)
    await expect(removeMember(d, owner, ownerMember)).rejects.toThrow(/at least one owner/)

    const agentMember = agent!.memberships[0]!.memberId
    await removeMember(d, owner, agentMember)
    expect((await listTeam(d, supplierId)).map((m) => m.role)).toEqual(['OWNER'])
    expect((await resolveSession(d, (await signIn(d, { email: 'tomas@oak.example', password }, { ip: '1.1.1.3' })).session.token))!.memberships).toEqual([])
  })
})
