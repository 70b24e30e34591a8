// What the gateway process and the worker process both do first: read the configuration and
// open the database, each failure one clear line and an exit code.
import { createDb, type Db } from '@rapport/db'
import { emailOptions, readEnv, type Env } from './env.ts'
import { DATABASE_TIMEOUTS } from './limits.ts'
import { createLogger, type Logger } from './logger.ts'
import { createServices, type ServicesHandle } from './services.ts'

export async function openProcess(name: string): Promise<{ env: Env; logger: Logger; db: Db; services: ServicesHandle }> {
  let env: Env
  try {
    env = readEnv()
  } catch (e) {
    console.error(`${name}: ${(e as Error).message}`)
    process.exit(2)
  }
  const logger = createLogger({ level: env.LOG_LEVEL, pretty: env.LOG_PRETTY })
  let db: Db
  try {
    db = await createDb(env.DATABASE_URL, { timeouts: DATABASE_TIMEOUTS })
  } catch (e) {
    logger.fatal((e as Error).message)
    process.exit(1)
  }
  const services = createServices({
    db,
    logger,
    redisUrl: env.REDIS_URL,
    prefix: env.REDIS_PREFIX,
    attachmentsDir: env.ATTACHMENTS_DIR,
    webhooksAllowPrivate: env.WEBHOOKS_ALLOW_PRIVATE,
    sendBudgets: env.SEND_BUDGETS,
    statsFlushMs: env.STATS_FLUSH_MS,
    email: emailOptions(env),
  })
  await services.connected()
  return { env, logger, db, services }
}
