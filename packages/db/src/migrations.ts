// Prisma's migration commands (`migrate dev|deploy|reset|status`) driven through the
// WebAssembly schema engine, because the native engine cannot be downloaded here. The
// folder format (prisma/migrations/<timestamp>_<name>/migration.sql, migration_lock.toml)
// and the `_prisma_migrations` table are Prisma's standard ones, so the stock CLI accepts
// the same history on a machine that has the native engine.
import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { MigrationList, SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm'
import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils'
import type { AdapterFactory } from './adapter.ts'
import { openSchemaEngine } from './schema-engine.ts'
import { repoRoot } from './target.ts'

export type MigrationPaths = { schema: string; migrations: string }
export const defaultPaths: MigrationPaths = {
  schema: path.join(repoRoot, 'prisma', 'schema.prisma'),
  migrations: path.join(repoRoot, 'prisma', 'migrations'),
}
export const migrationsDir = defaultPaths.migrations
const filters: SchemaFilter = { externalTables: [], externalEnums: [] }

type HasFactory = { factory: AdapterFactory }

export class MigrationError extends Error {
  override name = 'MigrationError'
}

async function withEngine<T>(db: HasFactory, paths: MigrationPaths, run: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const schema = await fs.readFile(paths.schema, 'utf8')
  // engine.free() does not close the connections the engine opened. On PostgreSQL one of them
  // holds Prisma's migration advisory lock, which made the next engine wait out its 10 s lock
  // timeout; so connections are tracked here and disposed with the engine.
  const opened: SqlDriverAdapter[] = []
  const factory: AdapterFactory = Object.assign(Object.create(db.factory) as AdapterFactory, {
    connect: async () => {
      const adapter = await db.factory.connect()
      opened.push(adapter)
      return adapter
    },
  })
  const engine = await openSchemaEngine(factory, [[paths.schema, schema]], (m) => {
    if (process.env.DEBUG_SCHEMA_ENGINE) console.error('[schema-engine]', m)
  })
  try {
    return await run(engine)
  } finally {
    engine.free()
    await Promise.all(opened.map((a) => a.dispose()))
  }
}

/** Applies pending migrations (like `prisma migrate deploy`); returns the names applied. */
export async function deployMigrations(db: HasFactory, paths = defaultPaths): Promise<string[]> {
  return withEngine(db, paths, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: await readMigrationsFrom(paths.migrations), filters })
    return appliedMigrationNames
  })
}

export type MigrationStatus = {
  applied: string[]
  pending: string[]
  failed: string[]
  edited: string[]
  /** Set when the database and the folder disagree in a way `deploy` cannot fix. */
  problem: string | null
}

export async function migrationStatus(db: HasFactory, paths = defaultPaths): Promise<MigrationStatus> {
  const local = (await readMigrationsFrom(paths.migrations)).migrationDirectories.map((d) => d.path)
  const out = await withEngine(db, paths, async (engine) =>
    engine.diagnoseMigrationHistory({ migrationsList: await readMigrationsFrom(paths.migrations), optInToShadowDatabase: false, filters }),
  )
  const applied = out.hasMigrationsTable ? await appliedMigrations(db) : []
  let pending: string[] = local.filter((m) => !applied.includes(m))
  let problem: string | null = null
  const history = out.history
  if (history?.diagnostic === 'databaseIsBehind') pending = history.unappliedMigrationNames
  else if (history?.diagnostic === 'migrationsDirectoryIsBehind')
    problem = `The database has migrations this folder lacks: ${history.unpersistedMigrationNames.join(', ')}`
  else if (history?.diagnostic === 'historiesDiverge')
    problem = `The database and the folder diverge after ${history.lastCommonMigrationName ?? 'the start'}`
  return { applied, pending, failed: out.failedMigrationNames, edited: out.editedMigrationNames, problem }
}

async function appliedMigrations(db: HasFactory): Promise<string[]> {
  const conn = await db.factory.connect()
  try {
    const result = await conn.queryRaw({
      sql: 'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name',
      args: [],
      argTypes: [],
    })
    return result.rows.map((r) => String(r[0]))
  } finally {
    await conn.dispose()
  }
}

export type CreateMigrationResult = { created: string | null; applied: string[]; warnings: string[] }

/**
 * Like `prisma migrate dev`: applies pending migrations, then writes a new migration for the
 * difference between the schema and the folder and applies it. Refuses on data-loss warnings
 * unless `force`.
 */
export async function createMigration(
  db: HasFactory,
  opts: { name: string; createOnly?: boolean; force?: boolean },
  paths = defaultPaths,
): Promise<CreateMigrationResult> {
  if (!/^[a-z0-9_]+$/i.test(opts.name)) throw new MigrationError(`Migration name "${opts.name}" may use only letters, digits and _.`)
  const schemaText = await fs.readFile(paths.schema, 'utf8')
  const schema = { files: [{ path: paths.schema, content: schemaText }] }
  const readMigrations = () => readMigrationsFrom(paths.migrations)
  return withEngine(db, paths, async (engine) => {
    const diag = await engine.devDiagnostic({ migrationsList: await readMigrations(), filters })
    if (diag.action.tag === 'reset')
      throw new MigrationError(`${diag.action.reason} The database must be reset: npm run db:reset (all data will be lost).`)
    const applied = (await engine.applyMigrations({ migrationsList: await readMigrations(), filters })).appliedMigrationNames
    // With driver adapters only devDiagnostic may open the shadow database that
    // evaluateDataLoss/createMigration rely on: diagnose again now that the database caught up.
    if (applied.length) await engine.devDiagnostic({ migrationsList: await readMigrations(), filters })
    const loss = await engine.evaluateDataLoss({ migrationsList: await readMigrations(), schema, filters })
    const warnings = loss.warnings.map((w) => w.message)
    if (loss.unexecutableSteps.length && !opts.createOnly)
      throw new MigrationError(`Cannot apply: ${loss.unexecutableSteps.map((s) => s.message).join('; ')}`)
    if (warnings.length && !opts.force && !opts.createOnly)
      throw new MigrationError(`Data-loss warnings (re-run with --force to accept): ${warnings.join('; ')}`)
    if (loss.migrationSteps === 0) return { created: null, applied, warnings }
    const migrationsList = await readMigrations()
    const out = await engine.createMigration({
      migrationName: opts.name,
      draft: !!opts.createOnly,
      migrationsList,
      schema,
      filters,
    })
    if (out.migrationScript === null) return { created: null, applied, warnings }
    const dir = path.join(paths.migrations, out.generatedMigrationName)
    if (existsSync(dir)) throw new MigrationError(`${dir} already exists`)
    await fs.mkdir(dir, { recursive: true })
    await fs.writeFile(path.join(dir, `migration.${out.extension}`), out.migrationScript)
    await fs.writeFile(
      path.join(paths.migrations, 'migration_lock.toml'),
      `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${out.connectorType}"\n`,
    )
    if (!opts.createOnly) {
      const after = await engine.applyMigrations({ migrationsList: await readMigrations(), filters })
      applied.push(...after.appliedMigrationNames)
    }
    return { created: out.generatedMigrationName, applied, warnings }
  })
}

/** Drops everything in the database and re-applies all migrations. */
export async function resetDatabase(db: HasFactory, paths = defaultPaths): Promise<string[]> {
  return withEngine(db, paths, async (engine) => {
    await engine.reset({ filter: filters })
    return (await engine.applyMigrations({ migrationsList: await readMigrationsFrom(paths.migrations), filters })).appliedMigrationNames
  })
}

async function readMigrationsFrom(migrationsDir: string): Promise<MigrationList> {
  const lockContent = await fs.readFile(path.join(migrationsDir, 'migration_lock.toml'), 'utf8').catch(() => null)
  const entries = await fs.readdir(migrationsDir, { withFileTypes: true }).catch(() => [])
  const dirs = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b))
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      dirs.map(async (name) => ({
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: await fs
            .readFile(path.join(migrationsDir, name, 'migration.sql'), 'utf8')
            .then((value) => ({ tag: 'ok' as const, value }))
            .catch((e: Error) => ({ tag: 'error' as const, value: e.message })),
        },
      })),
    ),
  }
}
