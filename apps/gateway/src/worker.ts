// A job worker without the API: for scale-out, when gateways run with JOB_WORKERS=off and
// workers get their own processes (any number: each job runs once across them all).
import { createDb, type Db } from '@rapport/db'
import { emailOptions, readEnv } from './env.ts'
import { startJobWorkers } from './job-workers.ts'
import { DATABASE_TIMEOUTS } from './limits.ts'
import { createLogger } from './logger.ts'
import { createServices } from './services.ts'

async function main() {
  let env
  try {
    env = readEnv()
  } catch (e) {
    console.error(`worker: ${(e as Error).message}`)
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
  const services = createServices({ db, logger, redisUrl: env.REDIS_URL, prefix: env.REDIS_PREFIX, attachmentsDir: env.ATTACHMENTS_DIR, email: emailOptions(env) })
  await services.connected()
  await startJobWorkers(services, true)
  logger.info({ database: db.target.display }, 'job worker ready')
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info(`${signal}: finishing running jobs`)
    await services.jobs.stop()
    await services.close()
    await db.close()
    logger.flush(() => process.exit(0))
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}

void main()
