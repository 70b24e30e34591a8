// npm run db:migrate|db:deploy|db:reset|db:status — Prisma's migration commands, offline.
// Errors print as one line; the process exits non-zero.
import { parseArgs } from 'node:util'
import { createDb, type Db } from './index.ts'
import { createMigration, deployMigrations, migrationStatus, resetDatabase } from './migrations.ts'

const USAGE = `usage: npm run db:<command> [-- options]
  db:migrate -- --name <name> [--create-only] [--force]   write a migration for schema changes and apply it
  db:deploy                                                 apply pending migrations
  db:reset -- --force                                       drop all data and re-apply every migration
  db:status                                                 list applied and pending migrations`

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string', short: 'n' },
      'create-only': { type: 'boolean' },
      force: { type: 'boolean', short: 'f' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  const command = positionals[0]
  if (values.help || !command || !['migrate', 'deploy', 'reset', 'status'].includes(command)) {
    console.error(USAGE)
    return values.help ? 0 : 2
  }
  if (command === 'migrate' && !values.name) {
    console.error('db:migrate needs a name: npm run db:migrate -- --name add_something')
    return 2
  }
  if (command === 'reset' && !values.force) {
    console.error('db:reset drops every row: run it as npm run db:reset -- --force')
    return 2
  }
  let db: Db | undefined
  try {
    db = await createDb()
    console.log(`Database: ${db.target.display}`)
    switch (command) {
      case 'deploy': {
        const applied = await deployMigrations(db)
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations.')
        return 0
      }
      case 'migrate': {
        const out = await createMigration(db, { name: values.name!, createOnly: values['create-only'], force: values.force })
        for (const w of out.warnings) console.warn(`warning: ${w}`)
        if (out.created) console.log(`Created prisma/migrations/${out.created}/migration.sql`)
        else console.log('The schema matches the migrations: nothing to create.')
        if (out.applied.length) console.log(`Applied: ${out.applied.join(', ')}`)
        return 0
      }
      case 'reset': {
        const applied = await resetDatabase(db)
        console.log(`Database reset. Applied: ${applied.join(', ') || '(none)'}`)
        return 0
      }
      case 'status': {
        const s = await migrationStatus(db)
        for (const m of s.applied) console.log(`  applied  ${m}`)
        for (const m of s.pending) console.log(`  pending  ${m}`)
        for (const m of s.failed) console.log(`  FAILED   ${m}`)
        for (const m of s.edited) console.log(`  edited   ${m} (changed after it was applied)`)
        if (s.problem) console.log(s.problem)
        const ok = !s.pending.length && !s.failed.length && !s.edited.length && !s.problem
        console.log(ok ? 'Database schema is up to date.' : 'Database schema is NOT up to date (npm run db:deploy).')
        return ok ? 0 : 1
      }
    }
    return 2
  } catch (e) {
    const err = e as Error
    console.error(`error: ${err.message.split('\n')[0]}`)
    if (process.env.DEBUG) console.error(err)
    return 1
  } finally {
    await db?.close()
  }
}

// The wasm engine leaves ~10 s of timers behind: exit as soon as the work is done.
main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`error: ${(e as Error).message}`)
    process.exit(1)
  },
)
