// npm run db:seed — fills an empty database with the demo marketplace.
import { createDb, type Db } from '@rapport/db'
import { deployMigrations } from '@rapport/db/migrations'
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isEmpty, seed } from '@rapport/db/seed'
import { hashPassword } from '@rapport/identity'

async function main(): Promise<number> {
  let db: Db | undefined
  try {
    db = await createDb()
    console.log(`Database: ${db.target.display}`)
    const applied = await deployMigrations(db)
    if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`)
    if (!(await isEmpty(db.prisma))) {
      console.log('The database already has data; nothing seeded. (npm run db:reset -- --force empties it.)')
      return 0
    }
    const summary = await seed(db.prisma, { hashPassword })
    console.log(`Seeded: ${Object.entries(summary).map(([k, v]) => `${v} ${k}`).join(', ')}`)
    console.log(`Demo accounts (password "${DEMO_PASSWORD}"):`)
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(16)} ${a.email.padEnd(34)} ${a.note}`)
    return 0
  } catch (e) {
    console.error(`error: ${(e as Error).message.split('\n')[0]}`)
    return 1
  } finally {
    await db?.close()
  }
}

main().then((code) => process.exit(code))
