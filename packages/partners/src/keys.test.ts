import { createHash } from 'node:crypto'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type Clock, type Viewer } from '@rapport/core'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiKey, listApiKeys, resolveApiKey, revokeApiKey, rotateApiKey } from './keys.ts'
import { createUsageRecorder, keyUsage } from './usage.ts'

let db: TestDb
let now = new Date('2026-12-01T12:00:00Z')
const clock: Clock = { now: () => now }
const deps = () => ({ db: db.prisma, clock })
let seq = 0
let kiln: string
let loom: string
let owner: Viewer
let agent: Viewer
let otherOwner: Viewer
let admin: Viewer

async function person(name: string, opts: { role?: 'OWNER' | 'AGENT'; supplierId?: string; admin?: boolean; buyer?: boolean } = {}): Promise<Viewer> {
  const user = await db.prisma.user.create({ data: { email: `${name}.${seq++}@example.com`, passwordHash: 'x', displayName: name, platformRole: opts.admin ? 'ADMIN' : 'USER' } })
  const buyer = opts.buyer ? await db.prisma.buyer.create({ data: { userId: user.id, displayName: name } }) : null
  const m = opts.supplierId ? await db.prisma.supplierMember.create({ data: { userId: user.id, supplierId: opts.supplierId, role: opts.role ?? 'OWNER' } }) : null
  return {
    userId: user.id,
    sessionId: 's',
    email: user.email,
    displayName: name,
    platformRole: opts.admin ? 'ADMIN' : 'USER',
    buyerId: buyer?.id ?? null,
    memberships: m ? [{ supplierId: m.supplierId, memberId: m.id, role: m.role }] : [],
  }
}

beforeAll(async () => {
  db = await createTestDb()
  kiln = (await db.prisma.supplier.create({ data: { slug: 'kiln', name: 'Kiln', timeZone: 'UTC' } })).id
  loom = (await db.prisma.supplier.create({ data: { slug: 'loom', name: 'Loom', timeZone: 'UTC' } })).id
  owner = await person('Olga', { supplierId: kiln, buyer: true })
  // Olga is also on Loom's team: a Kiln key must still never act for Loom.
  const m = await db.prisma.supplierMember.create({ data: { userId: owner.userId, supplierId: loom, role: 'OWNER' } })
  owner.memberships.push({ supplierId: loom, memberId: m.id, role: 'OWNER' })
  agent = await person('Ana', { supplierId: kiln, role: 'AGENT' })
  otherOwner = await person('Lou', { supplierId: loom })
  admin = await person('Ada', { admin: true })
})
afterAll(() => db?.close())

describe('API keys', () => {
  it('is shown once, stored only as a hash, and acts as its creator narrowed to its supplier and scopes', async () => {
    const { key, secret } = await createApiKey(deps(), owner, { supplierId: kiln, name: ' Helpdesk ', scopes: ['read:reviews', 'read:suppliers', 'read:reviews'] })
    expect(secret).toMatch(/^rpk_live_[0-9A-Za-z]{48}$/)
    expect(key).toMatchObject({ name: 'Helpdesk', prefix: secret.slice(0, 17), scopes: ['read:suppliers', 'read:reviews'], status: 'ACTIVE', bucket: { size: 10_000, restoreRate: 500 } })
    const row = await db.prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } })
    expect(row.secretHash).toBe(createHash('sha256').update(secret).digest('hex'))
    expect(JSON.stringify(row)).not.toContain(secret.slice(17))

    const v = await resolveApiKey(deps(), secret, '203.0.113.9')
    expect(v).toMatchObject({ userId: owner.userId, sessionId: key.id, buyerId: null, platformRole: 'USER' })
    expect(v!.memberships).toEqual([{ supplierId: kiln, memberId: owner.memberships[0]!.memberId, role: 'OWNER' }])
    expect(v!.apiKey).toMatchObject({ id: key.id, supplierId: kiln, scopes: ['read:suppliers', 'read:reviews'] })
    expect((await db.prisma.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedIp).toBe('203.0.113.9')
  })

  it('refuses unknown, malformed and tampered keys', async () => {
    const { secret } = await createApiKey(deps(), owner, { supplierId: kiln, name: 'x', scopes: ['read:suppliers'] })
    const tampered = secret.slice(0, -1) + (secret.endsWith('a') ? 'b' : 'a')
    for (const t of [tampered, 'rpk_live_short', `${secret}x`, secret.replace('rpk_live_', 'rpk_test_')]) expect(await resolveApiKey(deps(), t, null)).toBeNull()
  })

  it('only owners make supplier keys, only admins platform keys, and keys cannot make keys', async () => {
    await expect(createApiKey(deps(), agent, { supplierId: kiln, name: 'x', scopes: ['read:reviews'] })).rejects.toBeInstanceOf(ForbiddenError)
    await expect(createApiKey(deps(), otherOwner, { supplierId: kiln, name: 'x', scopes: ['read:reviews'] })).rejects.toBeInstanceOf(ForbiddenError)
    await expect(createApiKey(deps(), owner, { name: 'x', partnerName: 'Acme', scopes: ['read:reviews'] })).rejects.toBeInstanceOf(ForbiddenError)
    const { secret } = await createApiKey(deps(), owner, { supplierId: kiln, name: 'x', scopes: ['read:reviews'] })
    const asKey = await resolveApiKey(deps(), secret, null)
    await expect(createApiKey(deps(), asKey, { supplierId: kiln, name: 'y', scopes: ['read:reviews'] })).rejects.toThrow(/cannot manage API keys/)
    const platform = await createApiKey(deps(), admin, { name: 'Analytics', partnerName: 'Acme Analytics', scopes: ['read:suppliers', 'read:metrics'] })
    const pv = await resolveApiKey(deps(), platform.secret, null)
    expect(pv).toMatchObject({ memberships: [], buyerId: null, apiKey: { supplierId: null } })
  })

  it('says clearly what is wrong with the input, and writes nothing', async () => {
    const before = await db.prisma.apiKey.count()
    const bad: [Parameters<typeof createApiKey>[2], RegExp][] = [
      [{ supplierId: kiln, name: 'x', scopes: ['read:everything'] }, /Unknown scope "read:everything"/],
      [{ supplierId: kiln, name: 'x', scopes: [] }, /at least one scope/],
      [{ supplierId: kiln, name: '  ', scopes: ['read:reviews'] }, /Give the key a name/],
      [{ supplierId: kiln, name: 'x', scopes: ['read:reviews'], bucketSize: 5 }, /bucket size/],
      [{ supplierId: kiln, name: 'x', scopes: ['read:reviews'], expiresAt: new Date(now.getTime() - 1) }, /future/],
    ]
    for (const [input, message] of bad) await expect(createApiKey(deps(), owner, input)).rejects.toThrow(message)
    await expect(createApiKey(deps(), admin, { name: 'x', partnerName: 'Acme', scopes: ['write:messages'] })).rejects.toBeInstanceOf(ValidationError)
    expect(await db.prisma.apiKey.count()).toBe(before)
  })

  it('revoked or expired keys stop working; others cannot see or revoke them', async () => {
    const { key, secret } = await createApiKey(deps(), owner, { supplierId: kiln, name: 'ERP', scopes: ['read:conversations'], expiresAt: new Date(now.getTime() + 3600_000) })
    await expect(revokeApiKey(deps(), otherOwner, key.id)).rejects.toBeInstanceOf(NotFoundError)
    expect((await listApiKeys(deps(), owner, kiln)).map((k) => k.id)).toContain(key.id)
    await expect(listApiKeys(deps(), otherOwner, kiln)).rejects.toBeInstanceOf(ForbiddenError)
    expect(await resolveApiKey(deps(), secret, null)).not.toBeNull()
    now = new Date(now.getTime() + 3600_000)
    expect(await resolveApiKey(deps(), secret, null)).toBeNull()
    const other = await createApiKey(deps(), owner, { supplierId: kiln, name: 'ERP 2', scopes: ['read:conversations'] })
    expect((await revokeApiKey(deps(), owner, other.key.id)).status).toBe('REVOKED')
    expect((await revokeApiKey(deps(), owner, other.key.id)).status).toBe('REVOKED')
    expect(await resolveApiKey(deps(), other.secret, null)).toBeNull()
  })

  it('rotation: both keys work during the overlap, then only the new one', async () => {
    const old = await createApiKey(deps(), owner, { supplierId: kiln, name: 'Sync', scopes: ['read:reviews'], bucketSize: 2000, restoreRate: 100 })
    const r = await rotateApiKey(deps(), owner, old.key.id, 2)
    expect(r.key).toMatchObject({ name: 'Sync', scopes: ['read:reviews'], bucket: { size: 2000, restoreRate: 100 } })
    expect(r.previous.rotatedToId).toBe(r.key.id)
    await expect(rotateApiKey(deps(), owner, old.key.id, 2)).rejects.toBeInstanceOf(ConflictError)
    expect(await resolveApiKey(deps(), old.secret, null)).not.toBeNull()
    expect(await resolveApiKey(deps(), r.secret, null)).not.toBeNull()
    now = new Date(now.getTime() + 2 * 3600_000)
    expect(await resolveApiKey(deps(), old.secret, null)).toBeNull()
    expect(await resolveApiKey(deps(), r.secret, null)).not.toBeNull()
  })

  it('stops working when its creator leaves the team', async () => {
    const leaving = await person('Lea', { supplierId: kiln })
    const { secret } = await createApiKey(deps(), leaving, { supplierId: kiln, name: 'x', scopes: ['read:reviews'] })
    expect(await resolveApiKey(deps(), secret, null)).not.toBeNull()
    await db.prisma.supplierMember.update({ where: { id: leaving.memberships[0]!.memberId }, data: { removedAt: now } })
    expect(await resolveApiKey(deps(), secret, null)).toBeNull()
  })
})

describe('usage', () => {
  it('counts requests, cost and throttles per day, flushed in batches, for the key’s managers only', async () => {
    const { key } = await createApiKey(deps(), owner, { supplierId: kiln, name: 'Chart', scopes: ['read:reviews'] })
    const usage = createUsageRecorder(deps())
    usage.record(key.id, now, { cost: 120, throttled: false })
    usage.record(key.id, now, { cost: 0, throttled: true })
    await usage.flush()
    usage.record(key.id, now, { cost: 30, throttled: false })
    await usage.flush()
    const other = await createApiKey(deps(), owner, { supplierId: kiln, name: 'Idle', scopes: ['read:reviews'] })
    const both = await keyUsage(deps(), owner, [key.id, other.key.id], 7)
    const days = both.get(key.id)!
    expect(days).toHaveLength(7)
    expect(both.get(other.key.id)!.every((d) => d.requests === 0)).toBe(true)
    expect(days.at(-1)).toEqual({ day: now.toISOString().slice(0, 10), requests: 3, cost: 150, throttled: 1 })
    expect(days[0]).toMatchObject({ requests: 0 })
    expect((await keyUsage(deps(), otherOwner, [key.id], 7)).size).toBe(0)
  })
})
