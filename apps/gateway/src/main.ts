// The gateway process: read the configuration, open the database and pub/sub, serve, and
// shut down cleanly on SIGTERM/SIGINT. Migrations are not run here (npm start and
// `npm run db:deploy` do that), so any number of gateways can start side by side.
import { openProcess } from './process-setup.ts'
import { schema } from './schema.ts'
import { startGateway, type Gateway } from './server.ts'

async function main() {
  const { env, logger, db, services } = await openProcess('gateway')
  let gateway: Gateway
  try {
    gateway = await startGateway({
      schema,
      services,
      allowedOrigins: env.ALLOWED_ORIGINS,
      trustProxy: env.TRUST_PROXY,
      webProxySecret: env.WEB_PROXY_SECRET,
      host: env.HOST,
      port: env.PORT,
      production: env.NODE_ENV === 'production',
      runJobs: env.JOB_WORKERS,
      metricsPort: env.METRICS_PORT,
      metricsHost: env.METRICS_HOST,
      metricsToken: env.METRICS_TOKEN,
    })
  } catch (e) {
    const err = e as NodeJS.ErrnoException
    logger.fatal(err.code === 'EADDRINUSE' ? `Port ${env.PORT} is already in use (set PORT to another).` : err.message)
    await db.close()
    process.exit(1)
  }
  logger.info(
    { url: gateway.url, metrics: gateway.metricsUrl ?? (env.METRICS_TOKEN ? 'with METRICS_TOKEN' : 'off'), database: db.target.display, pubsub: services.pubsub.transport, mail: services.mailer.describe },
    `GraphQL gateway ready at ${gateway.url}`,
  )

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    logger.info(`${signal}: draining connections`)
    const force = setTimeout(() => {
      logger.error('shutdown took longer than 10 s; exiting')
      process.exit(1)
    }, 10_000)
    force.unref()
    await gateway.close()
    await services.close()
    await db.close()
    logger.info('stopped')
    logger.flush(() => process.exit(0))
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}

void main()
