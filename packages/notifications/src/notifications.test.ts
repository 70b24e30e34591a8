// The notifications domain on real databases (PGlite always; PostgreSQL when DATABASE_URL names one).
import { UnauthenticatedError, ValidationError, type Clock, type Viewer } from '@rapport/core'
import { availableKinds, createTestDb, type TestDb } from '@rapport/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listNotifications, markNotificationsRead, notificationsAfter, lastNotificationSeq, unreadNotificationCount } from './feed.ts'
import { notify, type NotificationItem } from './notify.ts'
import { notificationPreferences, updateNotificationPreferences, wants } from './preferences.ts'

describe.each(availableKinds())('notifications on %s', (kind) => {
  let db: TestDb
  let seq = 0
  const now = new Date('2026-12-01T10:00:00Z')
  const clock: Clock = { now: () => now }
  const announced: string[][] = []
  const deps = () => ({ db: db.prisma, clock, announce: (ids: readonly string[]) => void announced.push([...ids]) })

  async function person(): Promise<Viewer> {
    const n = seq++
    const user = await db.prisma.user.create({ data: { email: `p${n}@example.com`, passwordHash: 'x', displayName: `Person ${n}` } })
    return { userId: user.id, sessionId: 's', email: user.email, displayName: user.displayName, platformRole: 'USER', buyerId: null, memberships: [] }
  }
  const item = (userId: string, text: string, k: NotificationItem['kind'] = 'SUPPLIER_UPDATE'): NotificationItem => ({ userId, kind: k, text, link: '/x', at: now })
  const write = (items: NotificationItem[]) => db.prisma.$transaction((tx) => notify(tx, items))

  beforeAll(async () => {
    db = await createTestDb(kind)
  })
  afterAll(async () => {
    await db?.drop()
  })

  it('writes what people have not turned off, and lists it newest first, page by page', async () => {
    const a = await person()
    const b = await person()
    await updateNotificationPreferences(deps(), b, [{ kind: 'SUPPLIER_UPDATE', channel: 'IN_APP', enabled: false }])
    expect(await write([item(a.userId, 'one'), item(b.userId, 'muted kind'), item(b.userId, 'a review', 'NEW_REVIEW')])).toEqual([a.userId, b.userId].sort())
    await write([item(a.userId, 'two')])
    await write([item(a.userId, 'three')])
    const page1 = await listNotifications(deps(), a, { first: 2 })
    expect(page1.items.map((n) => n.text)).toEqual(['three', 'two'])
    expect(page1.hasNextPage).toBe(true)
    const page2 = await listNotifications(deps(), a, { first: 2, after: page1.endCursor })
    expect(page2.items.map((n) => n.text)).toEqual(['one'])
    expect(page2.hasNextPage).toBe(false)
    expect((await listNotifications(deps(), b)).items.map((n) => n.text)).toEqual(['a review'])
    await expect(listNotifications(deps(), a, { first: 0 })).rejects.toBeInstanceOf(ValidationError)
    await expect(listNotifications(deps(), a, { after: 'nope' })).rejects.toBeInstanceOf(ValidationError)
    await expect(listNotifications(deps(), null)).rejects.toBeInstanceOf(UnauthenticatedError)
  })

  it('marks some or all read, only the viewer’s own, and tells the live feed', async () => {
    const a = await person()
    const other = await person()
    await write([item(a.userId, '1'), item(a.userId, '2'), item(a.userId, '3'), item(other.userId, 'theirs')])
    const mine = (await listNotifications(deps(), a)).items
    const theirs = (await listNotifications(deps(), other)).items
    announced.length = 0
    expect(await markNotificationsRead(deps(), a, { ids: [mine[0]!.id, theirs[0]!.id] })).toEqual({ marked: 1, unreadCount: 2 })
    expect(announced).toEqual([[a.userId]])
    expect(await unreadNotificationCount(deps(), other.userId)).toBe(1)
    expect((await listNotifications(deps(), a, { unreadOnly: true })).items.map((n) => n.text)).toEqual(['2', '1'])
    expect(await markNotificationsRead(deps(), a, { all: true })).toEqual({ marked: 2, unreadCount: 0 })
    await expect(markNotificationsRead(deps(), a, {})).rejects.toBeInstanceOf(ValidationError)
  })

  it('replays a person’s notifications after a cursor, in the order they were written', async () => {
    const a = await person()
    const start = await lastNotificationSeq(deps(), a.userId)
    expect(start).toBe(0n)
    await write([item(a.userId, 'first')])
    const cursor = await lastNotificationSeq(deps(), a.userId)
    // Written concurrently for the same person: each commits under their row lock, in seq order.
    await Promise.all(['x', 'y', 'z'].map((t) => write([item(a.userId, t)])))
    const after = await notificationsAfter(deps(), a.userId, cursor)
    expect(after.map((n) => n.text).sort()).toEqual(['x', 'y', 'z'])
    expect(after.map((n) => BigInt(n.seq))).toEqual([...after.map((n) => BigInt(n.seq))].sort((p, q) => (p < q ? -1 : 1)))
    expect((await notificationsAfter(deps(), a.userId, start)).map((n) => n.text)[0]).toBe('first')
  })

  it('has defaults for every kind and channel, and a bad change changes nothing', async () => {
    const a = await person()
    const prefs = await notificationPreferences(deps(), a)
    expect(prefs.find((p) => p.kind === 'NEW_MESSAGE' && p.channel === 'EMAIL')).toEqual({ kind: 'NEW_MESSAGE', channel: 'EMAIL', enabled: true, isDefault: true })
    expect(prefs.find((p) => p.kind === 'SUPPLIER_UPDATE' && p.channel === 'EMAIL')?.enabled).toBe(false)
    expect(prefs.every((p) => p.channel === 'EMAIL' || p.enabled)).toBe(true)
    await expect(
      updateNotificationPreferences(deps(), a, [
        { kind: 'NEW_MESSAGE', channel: 'EMAIL', enabled: false },
        { kind: 'NOT_A_KIND', channel: 'EMAIL', enabled: false },
      ]),
    ).rejects.toBeInstanceOf(ValidationError)
    expect(await wants(deps(), a.userId, 'NEW_MESSAGE', 'EMAIL')).toBe(true)
    const after = await updateNotificationPreferences(deps(), a, [{ kind: 'NEW_MESSAGE', channel: 'EMAIL', enabled: false }])
    expect(after.find((p) => p.kind === 'NEW_MESSAGE' && p.channel === 'EMAIL')).toMatchObject({ enabled: false, isDefault: false })
    expect(await wants(deps(), a.userId, 'NEW_MESSAGE', 'EMAIL')).toBe(false)
  })
})
