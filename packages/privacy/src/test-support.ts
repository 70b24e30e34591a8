// The privacy tests' world: the demo marketplace (seeded, as `npm start` has it), files on a real
// disk store in a temporary folder, and the identity domain's own password check.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Clock, Viewer } from '@rapport/core'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { DEMO_PASSWORD, seed } from '@rapport/db/seed'
import { hashPassword, verifyPassword } from '@rapport/identity'
import { localDiskStore } from '@rapport/messaging'
import type { Prisma } from '@rapport/db'
import type { BlobStore, DeletionDeps, ExportRequestDeps } from './deps.ts'

export { DEMO_PASSWORD }

export type World = {
  db: TestDb
  store: BlobStore
  clock: Clock & { advance(ms: number): void }
  dir: string
  viewer(email: string): Promise<Viewer>
  /** Export deps whose enqueueBuild records the ids it was asked to build. */
  exportDeps(): ExportRequestDeps & { enqueued: string[] }
  deletionDeps(): DeletionDeps & { enqueueFileRemoval: (tx: Prisma.TransactionClient, keys: string[]) => Promise<void>; removals: string[][] }
  close(): Promise<void>
}

export async function createWorld(): Promise<World> {
  const db = await createTestDb()
  let offset = 0
  const clock = { now: () => new Date(Date.now() + offset), advance: (ms: number) => void (offset += ms) }
  await seed(db.prisma, { hashPassword })
  const dir = mkdtempSync(path.join(tmpdir(), 'rapport-privacy-'))
  const store = localDiskStore(dir)
  const base = { db: db.prisma, clock, store }
  return {
    db,
    store,
    clock,
    dir,
    async viewer(email) {
      const u = await db.prisma.user.findUniqueOrThrow({ where: { email }, include: { buyer: true, memberships: { where: { removedAt: null } } } })
      return {
        userId: u.id,
        sessionId: '00000000-0000-7000-8000-000000000000',
        email: u.email,
        displayName: u.displayName,
        platformRole: u.platformRole,
        buyerId: u.buyer?.id ?? null,
        memberships: u.memberships.map((m) => ({ supplierId: m.supplierId, memberId: m.id, role: m.role })),
      }
    },
    exportDeps() {
      const enqueued: string[] = []
      return { ...base, enqueued, enqueueBuild: async (_tx, id) => void enqueued.push(id) }
    },
    deletionDeps() {
      const removals: string[][] = []
      return {
        ...base,
        removals,
        enqueueFileRemoval: async (_tx, keys) => void removals.push(keys),
        async confirmPassword(userId, password) {
          const u = await db.prisma.user.findUniqueOrThrow({ where: { id: userId } })
          if (!(await verifyPassword(password, u.passwordHash))) throw new Error('The password is incorrect.')
        },
      }
    },
    async close() {
      rmSync(dir, { recursive: true, force: true })
      await db.drop()
    },
  }
}
