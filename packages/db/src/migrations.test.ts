import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createDb } from './index.ts'
import { createMigration, defaultPaths, deployMigrations, migrationStatus, type MigrationPaths } from './migrations.ts'

// Works on a copy of prisma/ so the repository's own migrations are never touched.
function copyOfPrismaFolder(): MigrationPaths & { root: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'rapport-migrations-'))
  cpSync(path.dirname(defaultPaths.schema), root, { recursive: true })
  return { root, schema: path.join(root, 'schema.prisma'), migrations: path.join(root, 'migrations') }
}

describe('creating a migration after a schema edit', () => {
  const roots: string[] = []
  afterEach(() => roots.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })))

  it('writes a standard migration folder, applies it, and status reports it applied', async () => {
    const paths = copyOfPrismaFolder()
    roots.push(paths.root)
    const before = readdirSync(paths.migrations)
    appendFileSync(paths.schema, '\nmodel Wishlist {\n  id   String @id @default(uuid(7)) @db.Uuid\n  name String\n}\n')

    const db = await createDb('pglite:memory')
    try {
      await deployMigrations(db, paths)
      const out = await createMigration(db, { name: 'add_wishlist' }, paths)

      expect(out.created).toMatch(/^\d{14}_add_wishlist$/)
      const sql = readFileSync(path.join(paths.migrations, out.created!, 'migration.sql'), 'utf8')
      expect(sql).toContain('CREATE TABLE "Wishlist"')
      expect(readdirSync(paths.migrations)).toEqual([...before, out.created].sort())
      expect(out.applied).toEqual([out.created])

      const status = await migrationStatus(db, paths)
      expect(status.applied).toContain(out.created)
      expect(status.pending).toEqual([])
      await db.prisma.$executeRawUnsafe(`INSERT INTO "Wishlist" (id, name) VALUES (gen_random_uuid(), 'gifts')`)
    } finally {
      await db.close()
    }
  })

  it('creates nothing when the schema matches the migrations', async () => {
    const paths = copyOfPrismaFolder()
    roots.push(paths.root)
    const db = await createDb('pglite:memory')
    try {
      const out = await createMigration(db, { name: 'noop' }, paths)
      expect(out.created).toBeNull()
      expect(readdirSync(paths.migrations).some((d) => d.endsWith('_noop'))).toBe(false)
    } finally {
      await db.close()
    }
  })

  it('reports a migration that is in the folder but not yet applied as pending', async () => {
    const paths = copyOfPrismaFolder()
    roots.push(paths.root)
    const db = await createDb('pglite:memory')
    try {
      await deployMigrations(db, paths)
      const dir = path.join(paths.migrations, '29990101000000_later')
      cpSync(path.join(paths.migrations, readdirSync(paths.migrations).find((d) => /^\d/.test(d))!), dir, { recursive: true })
      writeFileSync(path.join(dir, 'migration.sql'), 'CREATE TABLE "Later" (id int primary key);\n')
      const status = await migrationStatus(db, paths)
      expect(status.pending).toEqual(['29990101000000_later'])
      expect(await deployMigrations(db, paths)).toEqual(['29990101000000_later'])
    } finally {
      await db.close()
    }
  })

  it('rejects a name that would make an awkward folder', async () => {
    const db = await createDb('pglite:memory')
    try {
      await expect(createMigration(db, { name: 'drop table; --' })).rejects.toThrow(/only letters, digits and _/)
    } finally {
      await db.close()
    }
  })
})
