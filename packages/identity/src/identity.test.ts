import { randomBytes } from 'node:crypto'
import { ConflictError, ForbiddenError, ValidationError, type Clock } from '@rapport/core'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { createAttemptLimiter, deleteKeysWithPrefix, openRedis } from '@rapport/realtime'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { InvalidCredentialsError, signIn } from './sign-in.ts'
import { signUp } from './sign-up.ts'
import { createSessionCache, resolveSession, revokeSession, SESSION_CACHE_TTL_MS, SESSION_TTL_MS } from './sessions.ts'
import { acceptInvitation, inviteMember, listPendingInvitations, listTeam, removeMember } from './team.ts'

let db: TestDb
let now = new Date('2026-11-25T10:00:00Z')
const clock: Clock = { now: () => now }
const redis = process.env.REDIS_URL ? openRedis(process.env.REDIS_URL) : undefined
const prefixes: string[] = []
/** 5 consecutive failures per account and address, 20 a day per address; in Redis too when REDIS_URL is set. */
const limiter = (store: 'memory' | 'redis' = 'memory') => {
  const prefix = `rapport-test-${randomBytes(4).toString('hex')}:`
  prefixes.push(prefix)
  return createAttemptLimiter({ name: 'signin', consecutive: 5, perSourcePerDay: 20, redis: store === 'redis' ? redis : undefined, prefix })
}
const deps = (store: 'memory' | 'redis' = 'memory') => ({ db: db.prisma, clock, limiter: limiter(store) })
const password = 'a long enough password'

beforeAll(async () => {
  db = await createTestDb()
})
afterAll(async () => {
  await db.drop()
  await redis?.quit()
  if (process.env.REDIS_URL) for (const prefix of prefixes) await deleteKeysWithPrefix(process.env.REDIS_URL, prefix)
})

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

})

describe.each(process.env.REDIS_URL ? (['memory', 'redis'] as const) : (['memory'] as const))('sign-in limits (%s)', (store) => {
  const wrong = (d: ReturnType<typeof deps>, email: string, ip: string) =>
    signIn(d, { email, password: 'a wrong guess' }, { ip }).then(
      () => 'signed in',
      (e: unknown) => (e as Error).name,
    )

  it('blocks an account from one address after 5 consecutive failures, even with the right password, and says when to retry', async () => {
    const d = deps(store)
    for (let i = 0; i < 5; i++) expect(await wrong(d, 'maya@example.com', '10.1.0.1')).toBe('InvalidCredentialsError')
    await expect(signIn(d, { email: 'maya@example.com', password }, { ip: '10.1.0.1' })).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: expect.any(Number),
      message: expect.stringMatching(/Try again in 15 minutes/),
    })
  })

  it('does not lock another account behind the same address, nor that account from another address', async () => {
    const d = deps(store)
    for (let i = 0; i < 5; i++) await wrong(d, 'maya@example.com', '10.2.0.1')
    expect(await wrong(d, 'maya@example.com', '10.2.0.1')).toBe('RateLimitedError')
    // Ana shares Maya's address (an office, a café): her right password works.
    await expect(signIn(d, { email: 'ana@oak.example', password }, { ip: '10.2.0.1' })).resolves.toBeTruthy()
    // Maya, from home: the guesser's address locked only itself.
    await expect(signIn(d, { email: 'maya@example.com', password }, { ip: '10.2.0.2' })).resolves.toBeTruthy()
  })

  it('forgets the consecutive failures after a successful sign-in', async () => {
    const d = deps(store)
    for (let i = 0; i < 4; i++) await wrong(d, 'maya@example.com', '10.3.0.1')
    await signIn(d, { email: 'maya@example.com', password }, { ip: '10.3.0.1' })
    for (let i = 0; i < 4; i++) expect(await wrong(d, 'maya@example.com', '10.3.0.1')).toBe('InvalidCredentialsError')
    await expect(signIn(d, { email: 'maya@example.com', password }, { ip: '10.3.0.1' })).resolves.toBeTruthy()
  })

  // Found by flooding two gateways: each attempt was checked against the limit, then spent tens of
  // milliseconds on the password, then counted, so all those in flight passed (29 of 10 allowed).
  it('holds both limits when the attempts arrive all at once', async () => {
    const d = deps(store)
    const pair = await Promise.all(Array.from({ length: 30 }, () => wrong(d, 'maya@example.com', '10.8.0.1')))
    expect(pair.filter((r) => r === 'InvalidCredentialsError')).toHaveLength(5)
    expect(pair.filter((r) => r === 'RateLimitedError')).toHaveLength(25)
    const across = await Promise.all(Array.from({ length: 60 }, (_, i) => wrong(d, `guess${i}@example.com`, '10.9.0.1')))
    expect(across.filter((r) => r === 'InvalidCredentialsError')).toHaveLength(20)
    expect(across.filter((r) => r === 'RateLimitedError')).toHaveLength(40)
  })

  it('blocks an address for a day once it fails 20 times in a day across accounts', async () => {
    const d = deps(store)
    for (let i = 0; i < 20; i++) expect(await wrong(d, `victim${i}@example.com`, '10.6.6.6')).toBe('InvalidCredentialsError')
    await expect(signIn(d, { email: 'ana@oak.example', password }, { ip: '10.6.6.6' })).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/Try again in 24 hours/),
    })
    await expect(signIn(d, { email: 'ana@oak.example', password }, { ip: '10.7.7.7' })).resolves.toBeTruthy()
  })
})

describe('sessions', () => {
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

  it('unassigns every conversation of a removed member, and only theirs', async () => {
    const d = deps()
    const owner = await resolveSession(d, (await signIn(d, { email: 'ana@oak.example', password }, { ip: '1.1.1.1' })).session.token)
    const supplierId = owner!.memberships[0]!.supplierId
    const ownerMember = owner!.memberships[0]!.memberId
    const leaver = await db.prisma.user.create({ data: { email: 'leaver@oak.example', displayName: 'Leaver', passwordHash: 'x' } })
    const leaverMember = await db.prisma.supplierMember.create({ data: { supplierId, userId: leaver.id, role: 'AGENT' } })
    const buyerUser = await db.prisma.user.create({ data: { email: 'asker@example.com', displayName: 'Asker', passwordHash: 'x' } })
    const buyer = await db.prisma.buyer.create({ data: { userId: buyerUser.id, displayName: 'Asker' } })
    const conversation = (assigneeId: string | null) => db.prisma.conversation.create({ data: { buyerId: buyer.id, supplierId, assigneeId } })
    const theirs = [await conversation(leaverMember.id), await conversation(leaverMember.id)]
    const ownersOwn = await conversation(ownerMember)

    await removeMember(d, owner, leaverMember.id)

    const assignees = async (ids: string[]) =>
      (await db.prisma.conversation.findMany({ where: { id: { in: ids } }, select: { assigneeId: true } })).map((c) => c.assigneeId)
    expect(await assignees(theirs.map((c) => c.id))).toEqual([null, null])
    expect(await assignees([ownersOwn.id])).toEqual([ownerMember])
  })

  it('keeps assignments when the removal is refused', async () => {
    const d = deps()
    const owner = await resolveSession(d, (await signIn(d, { email: 'ana@oak.example', password }, { ip: '1.1.1.1' })).session.token)
    const supplierId = owner!.memberships[0]!.supplierId
    const ownerMember = owner!.memberships[0]!.memberId
    const buyer = await db.prisma.buyer.findFirstOrThrow()
    const kept = await db.prisma.conversation.create({ data: { buyerId: buyer.id, supplierId, assigneeId: ownerMember } })
    await expect(removeMember(d, owner, ownerMember)).rejects.toThrow(/at least one owner/)
    expect((await db.prisma.conversation.findUniqueOrThrow({ where: { id: kept.id } })).assigneeId).toBe(ownerMember)
  })
})

describe('the session cache', () => {
  // A process's cache, and a second one standing for another gateway process.
  const cached = (sessions = createSessionCache()) => ({ ...deps(), sessions })
  // The database as resolveSession sees it, with each session lookup passing through `wrap`.
  const watched = (wrap: <T>(lookup: () => Promise<T>) => Promise<T>) =>
    ({
      session: {
        findUnique: (args: Parameters<typeof db.prisma.session.findUnique>[0]) => wrap(() => db.prisma.session.findUnique(args)),
        update: (args: Parameters<typeof db.prisma.session.update>[0]) => db.prisma.session.update(args),
      },
    }) as unknown as typeof db.prisma
  const queriesOf = async <T>(d: ReturnType<typeof cached>, fn: (d: ReturnType<typeof cached>) => Promise<T>) => {
    let lookups = 0
    const value = await fn({ ...d, db: watched((lookup) => (lookups++, lookup())) })
    return { value, lookups }
  }

  it('answers repeated lookups from memory, but still refuses an expired session', async () => {
    const d = cached()
    const { session } = await signIn(d, { email: 'ana@oak.example', password }, { ip: '10.1.0.1' })
    const first = await queriesOf(d, (d) => resolveSession(d, session.token))
    const again = await queriesOf(d, (d) => resolveSession(d, session.token))
    expect(first.lookups).toBe(1)
    expect(again).toEqual({ value: first.value, lookups: 0 })
    const saved = now
    now = new Date(session.expiresAt.getTime() + 1)
    expect(await resolveSession(d, session.token)).toBeNull()
    now = saved
  })

  it('refuses a signed-out session at once in the process that signed it out, and in others within the TTL', async () => {
    const here = cached()
    const elsewhere = cached(createSessionCache({ ttlMs: 200 }))
    const { session } = await signIn(here, { email: 'ana@oak.example', password }, { ip: '10.1.0.2' })
    expect(await resolveSession(here, session.token)).not.toBeNull()
    expect(await resolveSession(elsewhere, session.token)).not.toBeNull()
    await revokeSession(here, session.sessionId)
    expect(await resolveSession(here, session.token)).toBeNull()
    // The other process trusts what it verified for at most its TTL (SESSION_CACHE_TTL_MS in production).
    expect(await resolveSession(elsewhere, session.token)).not.toBeNull()
    await new Promise((r) => setTimeout(r, 250))
    expect(await resolveSession(elsewhere, session.token)).toBeNull()
    expect(SESSION_CACHE_TTL_MS).toBeLessThanOrEqual(5_000)
  })

  it('does not keep a lookup that raced a sign-out', async () => {
    const d = cached()
    const { session } = await signIn(d, { email: 'ana@oak.example', password }, { ip: '10.1.0.3' })
    // The lookup reads the session while it is still valid; the sign-out commits and evicts
    // before the lookup stores its result, which must then not be kept.
    let release = () => {}
    const gate = new Promise<void>((r) => (release = r))
    let read = () => {}
    const wasRead = new Promise<void>((r) => (read = r))
    const slow = watched(async (lookup) => {
      const row = await lookup()
      read()
      await gate
      return row
    })
    const racing = resolveSession({ ...d, db: slow }, session.token)
    await wasRead
    await revokeSession(d, session.sessionId)
    release()
    expect(await racing).not.toBeNull() // it began before the sign-out
    expect(await resolveSession(d, session.token)).toBeNull()
  })

  it('applies team changes made through the process to the member’s next request', async () => {
    const d = cached()
    const owner = await resolveSession(d, (await signIn(d, { email: 'ana@oak.example', password }, { ip: '10.1.0.4' })).session.token)
    const supplierId = owner!.memberships[0]!.supplierId
    const { token } = await inviteMember(d, owner, { supplierId, email: 'rui@oak.example' })
    const rui = await signUp(d, { accountType: 'BUYER', email: 'rui@oak.example', password, displayName: 'Rui' })
    const before = await resolveSession(d, rui.session.token)
    expect(before!.memberships).toEqual([])
    await acceptInvitation(d, before, token)
    const joined = await resolveSession(d, rui.session.token)
    expect(joined!.memberships).toEqual([expect.objectContaining({ supplierId, role: 'AGENT' })])
    await removeMember(d, owner, joined!.memberships[0]!.memberId)
    expect((await resolveSession(d, rui.session.token))!.memberships).toEqual([])
  })
})
