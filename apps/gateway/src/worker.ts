// A job worker without the API: for scale-out, when gateways run with JOB_WORKERS=off and
// workers get their own processes (any number: each job runs once across them all).
import { startJobWorkers } from './job-workers.ts'
import { openProcess } from './process-setup.ts'

async function main() {
  const { logger, db, services } = await openProcess('worker')
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
