// A whole Rapport — database, gateway, built web app — on free ports, for browser and
// end-to-end tests. With DATABASE_URL=postgresql://… it runs on a fresh rapport_test_*
// database on that server (dropped afterwards); otherwise on embedded PGlite in a temp folder.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createDb } from '@rapport/db'
import { createTestDb } from '@rapport/db/testing'
import { deleteKeysWithPrefix } from '@rapport/realtime'
import { prepareDatabase } from './prepare.ts'
import { freePort, gatewayArgs, startChild, waitForHttp, WEB_BODY_SIZE_LIMIT, webEntry, type Child } from './processes.ts'

export type Stack = {
  webUrl: string
  gatewayUrl: string
  /** Every gateway process: the web app talks to the first; more only with PostgreSQL and Redis (`gateways`). */
  gatewayUrls: string[]
  /** Output of both processes, for a failing test to print. */
  logs: string[]
  stop(): Promise<void>
}

export async function startStack(opts: { seed?: boolean; redisUrl?: string; gateways?: number } = {}): Promise<Stack> {
  if (!existsSync(webEntry)) throw new Error(`${webEntry} is missing: run \`npm run build -w @rapport/web\` first`)
  const cleanups: (() => Promise<void>)[] = []
  const children: Child[] = []
  const logs: string[] = []
  const onLine = (name: string, line: string) => {
    logs.push(`[${name}] ${line}`)
    if (process.env.STACK_LOGS) console.log(`[${name}] ${line}`)
  }
  const stop = async () => {
    await Promise.all(children.map((c) => c.stop()))
    for (const cleanup of cleanups.reverse()) await cleanup()
  }
  try {
    let databaseUrl: string
    if (process.env.DATABASE_URL?.startsWith('postgres')) {
      const db = await createTestDb('postgres')
      cleanups.push(() => db.drop())
      await prepareDatabase(db, { seed: opts.seed ? 'if-empty' : 'never' })
      await db.close() // the stack keeps no connection of its own; drop() comes at the end
      databaseUrl = db.url!
    } else {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-stack-'))
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }))
      databaseUrl = `pglite:${path.join(dir, 'pglite')}`
      const db = await createDb(databaseUrl)
      try {
        await prepareDatabase(db, { seed: opts.seed ? 'if-empty' : 'never' })
      } finally {
        await db.close() // the gateway process opens it next; PGlite allows one process
      }
    }

    const [gatewayPort, webPort] = [await freePort(), await freePort()]
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`
    const webUrl = `http://127.0.0.1:${webPort}`
    const proxySecret = randomBytes(32).toString('hex')
    // A Redis namespace of the stack's own, removed when it stops (never the default `rapport:`).
    const redisUrl = opts.redisUrl ?? process.env.REDIS_URL
    const redisPrefix = `rapport-test-stack-${randomBytes(4).toString('hex')}:`
    if (redisUrl) cleanups.push(async () => void (await deleteKeysWithPrefix(redisUrl, redisPrefix)))
    // Gateways on free ports; more than one shares PostgreSQL and Redis (PGlite serves one process).
    const redisPrefixFor = redisUrl ? { REDIS_URL: redisUrl, REDIS_PREFIX: redisPrefix } : {}
    const count = databaseUrl.startsWith('postgres') && redisUrl ? (opts.gateways ?? 1) : 1
    const gatewayUrls = [gatewayUrl]
    for (let i = 1; i < count; i++) gatewayUrls.push(`http://127.0.0.1:${await freePort()}/graphql`)
    for (const [i, url] of gatewayUrls.entries()) {
      const port = new URL(url).port
      const gateway = startChild(
        i === 0 ? 'gateway' : `gateway-${i + 1}`,
        gatewayArgs(),
        {
          DATABASE_URL: databaseUrl,
          ...redisPrefixFor,
          PORT: port,
          HOST: '127.0.0.1',
          LOG_LEVEL: process.env.STACK_LOG_LEVEL ?? 'warn',
          NODE_ENV: 'production',
          WEB_PROXY_SECRET: proxySecret,
          // Live updates in the browser tests pass the gateway's Origin check as configured in production.
          ALLOWED_ORIGINS: webUrl,
        },
        onLine,
      )
      children.push(gateway)
      await waitForHttp(`http://127.0.0.1:${port}/readyz`, gateway)
    }
    const web = startChild(
      'web',
      [webEntry],
      {
        PORT: String(webPort),
        HOST: '127.0.0.1',
        ORIGIN: webUrl,
        GATEWAY_URL: gatewayUrl,
        NODE_ENV: 'production',
        WEB_PROXY_SECRET: proxySecret,
        BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT || WEB_BODY_SIZE_LIMIT,
      },
      onLine,
    )
    children.push(web)
    await waitForHttp(webUrl, web)
    return { webUrl, gatewayUrl, gatewayUrls, logs, stop }
  } catch (e) {
    await stop()
    const tail = logs.slice(-20).join('\n')
    throw new Error(`${(e as Error).message}${tail ? `\n--- last output ---\n${tail}` : ''}`)
  }
}
