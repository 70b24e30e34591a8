import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { DatabaseUnavailableError } from './errors.ts'
import { createDb } from './index.ts'
import { deployMigrations, migrationStatus } from './migrations.ts'
import { availableKinds, createTestDb } from './testing.ts'

describe.each(availableKinds())('a migrated %s database', (kind) => {
  it('stores a supplier with its service hours and reads it back through the generated client', async () => {
    const db = await createTestDb(kind)
    try {
      const supplier = await db.prisma.supplier.create({
        data: {
          slug: 'olive-and-oak',
          name: 'Olive & Oak',
          timeZone: 'Europe/Lisbon',
          serviceHours: { create: [{ weekday: 1, opensAt: 540, closesAt: 1080 }] },
        },
        include: { serviceHours: true },
      })
      expect(supplier.id).toMatch(/^[0-9a-f-]{36}$/)
      expect(supplier.responseTargetSeconds).toBe(86_400)
      const again = await db.prisma.supplier.findUniqueOrThrow({ where: { slug: 'olive-and-oak' }, include: { serviceHours: true } })
      expect(again.serviceHours).toEqual([expect.objectContaining({ weekday: 1, opensAt: 540, closesAt: 1080 })])
    } finally {
      await db.drop()
    }
  })

  it('enforces one message per sequence number in a conversation', async () => {
    const db = await createTestDb(kind)
    try {
      const user = await db.prisma.user.create({ data: { email: 'b@example.com', passwordHash: 'x', displayName: 'B' } })
      const buyer = await db.prisma.buyer.create({ data: { userId: user.id, displayName: 'B' } })
      const supplier = await db.prisma.supplier.create({ data: { slug: 's', name: 'S', timeZone: 'UTC' } })
      const conversation = await db.prisma.conversation.create({ data: { buyerId: buyer.id, supplierId: supplier.id } })
      const message = { conversationId: conversation.id, sequence: 1, authorId: user.id, authorSide: 'BUYER' as const, body: 'hello' }
      await db.prisma.message.create({ data: message })
      await expect(db.prisma.message.create({ data: { ...message, body: 'again' } })).rejects.toThrow(/Unique constraint/)
      expect(await db.prisma.message.count()).toBe(1)
    } finally {
      await db.drop()
    }
  })

  it('reports every migration as applied', async () => {
    const db = await createTestDb(kind)
    try {
      const status = await migrationStatus(db)
      expect(status.applied.length).toBeGreaterThan(0)
      expect(status).toMatchObject({ pending: [], failed: [], edited: [], problem: null })
    } finally {
      await db.drop()
    }
  })
})

describe('embedded PGlite in a folder', () => {
  const dirs: string[] = []
  const tempDataDir = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-db-'))
    dirs.push(dir)
    return path.join(dir, 'pglite')
  }
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

  it('keeps data across a close and a reopen', async () => {
    const dataDir = tempDataDir()
    const first = await createDb(`pglite:${dataDir}`)
    expect(await deployMigrations(first)).not.toEqual([])
    await first.prisma.supplier.create({ data: { slug: 'kept', name: 'Kept', timeZone: 'UTC' } })
    await first.close()

    const second = await createDb(`pglite:${dataDir}`)
    try {
      expect(await deployMigrations(second)).toEqual([])
      expect(await second.prisma.supplier.findUnique({ where: { slug: 'kept' } })).not.toBeNull()
    } finally {
      await second.close()
    }
  })

  it('refuses a folder that another live process holds, with a clear message', async () => {
    const dataDir = tempDataDir()
    writeFileSync(`${dataDir}.lock`, String(process.ppid)) // a live process that is not us
    await expect(createDb(`pglite:${dataDir}`)).rejects.toThrow(DatabaseUnavailableError)
    await expect(createDb(`pglite:${dataDir}`)).rejects.toThrow(`in use by process ${process.ppid}`)
  })

  it('takes over a lock left behind by a process that died', async () => {
    const dataDir = tempDataDir()
    writeFileSync(`${dataDir}.lock`, '999999999')
    const db = await createDb(`pglite:${dataDir}`)
    await db.ping()
    await db.close()
  })

  it('refuses to open the same folder twice in one process', async () => {
    const dataDir = tempDataDir()
    const db = await createDb(`pglite:${dataDir}`)
    try {
      await expect(createDb(`pglite:${dataDir}`)).rejects.toThrow(/already open in this process/)
    } finally {
      await db.close()
    }
  })
})

describe('an unreachable PostgreSQL', () => {
  it('fails fast with one line naming the server', async () => {
    const attempt = createDb('postgresql://postgres@127.0.0.1:1/rapport')
    await expect(attempt).rejects.toThrow(DatabaseUnavailableError)
    await expect(createDb('postgresql://postgres@127.0.0.1:1/rapport')).rejects.toThrow(
      'Cannot connect to PostgreSQL 127.0.0.1:1/rapport: connection refused (is PostgreSQL running?)',
    )
  })
})
