// `npm start`: one command for a running Rapport. Applies pending migrations, seeds demo
// data into an empty database, then runs the gateway and the web app side by side with
// labelled logs. Ctrl-C stops both; if either dies, the other is stopped too.
import { randomBytes } from 'node:crypto'
import { createDb, type Db } from '@rapport/db'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@rapport/db/seed'
import { prepareDatabase } from './prepare.ts'
import { gatewayArgs, startChild, waitForHttp, WEB_BODY_SIZE_LIMIT, webEntry, type Child } from './processes.ts'

const colors = { gateway: '\x1b[35m', web: '\x1b[36m', start: '\x1b[32m' } as const
const reset = '\x1b[0m'
const tty = process.stdout.isTTY
const label = (name: keyof typeof colors) => (tty ? `${colors[name]}${name.padEnd(7)}${reset}` : name.padEnd(7))
const say = (line: string) => console.log(`${label('start')} │ ${line}`)

function port(name: string, fallback: number): number {
  const raw = process.env[name]
  if (!raw) return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1 || n > 65_535) {
    console.error(`${name} must be a port number (1–65535), got "${raw}"`)
    process.exit(2)
  }
  return n
}

async function main() {
  const host = process.env.HOST || '127.0.0.1'
  const gatewayPort = port('GATEWAY_PORT', 4000)
  const webPort = port('WEB_PORT', port('PORT', 3000))
  const publicHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host
  const gatewayUrl = `http://${publicHost}:${gatewayPort}/graphql`
  const webUrl = process.env.ORIGIN || `http://${publicHost}:${webPort}`

  let db: Db | undefined
  try {
    db = await createDb()
    say(`database: ${db.target.display}`)
    const { applied, seeded } = await prepareDatabase(db, { seed: 'if-empty' })
    say(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema is up to date')
    if (seeded) say(`seeded demo data: ${Object.entries(seeded).map(([k, v]) => `${v} ${k}`).join(', ')}`)
    else say('using the existing data')
  } catch (e) {
    console.error(`error: ${(e as Error).message.split('\n')[0]}`)
    process.exit(1)
  } finally {
    // PGlite allows one process per folder: the gateway opens it next.
    await db?.close()
  }

  const children: Child[] = []
  const print = (name: string, line: string) => console.log(`${label(name as keyof typeof colors)} │ ${line}`)
  let stopping = false
  const stopAll = async (code: number) => {
    if (stopping) return
    stopping = true
    await Promise.all(children.map((c) => c.stop()))
    process.exit(code)
  }
  process.on('SIGINT', () => void stopAll(0))
  process.on('SIGTERM', () => void stopAll(0))

  // The web server names each visitor's address to the gateway with this shared secret.
  const proxySecret = process.env.WEB_PROXY_SECRET || randomBytes(32).toString('hex')
  const gateway = startChild(
    'gateway',
    gatewayArgs(),
    {
      PORT: String(gatewayPort),
      HOST: host,
      LOG_PRETTY: process.env.LOG_PRETTY ?? (tty ? '1' : '0'),
      WEB_PROXY_SECRET: proxySecret,
      // Links in emails: the pages, and the API's one-click unsubscribe.
      WEB_ORIGIN: process.env.WEB_ORIGIN || webUrl,
      PUBLIC_API_URL: process.env.PUBLIC_API_URL || gatewayUrl.replace(/\/graphql$/, ''),
    },
    print,
  )
  children.push(gateway)
  const watch = (child: Child) =>
    void child.exited.then((code) => {
      if (stopping) return
      say(`${child.name} exited (code ${code}); stopping`)
      void stopAll(code || 1)
    })
  watch(gateway)
  try {
    await waitForHttp(gatewayUrl.replace(/\/graphql$/, '/readyz'), gateway)
    // The web app starts once the gateway answers: before, every page it served would be a 503.
    const web = startChild(
      'web',
      [webEntry],
      {
        PORT: String(webPort),
        HOST: host,
        ORIGIN: webUrl,
        GATEWAY_URL: process.env.GATEWAY_URL || gatewayUrl,
        WEB_PROXY_SECRET: proxySecret,
        BODY_SIZE_LIMIT: process.env.BODY_SIZE_LIMIT || WEB_BODY_SIZE_LIMIT,
      },
      print,
    )
    children.push(web)
    watch(web)
    await waitForHttp(webUrl, web)
  } catch (e) {
    say(`error: ${(e as Error).message}`)
    return stopAll(1)
  }
  say('')
  say(`Rapport is running:`)
  say(`  web app   ${webUrl}`)
  say(`  GraphQL   ${gatewayUrl}  (WebSocket: ${gatewayUrl.replace(/^http/, 'ws')})`)
  say('')
  say(`Demo accounts, password "${DEMO_PASSWORD}":`)
  for (const a of DEMO_ACCOUNTS) say(`  ${a.role.padEnd(16)} ${a.email.padEnd(34)} ${a.note}`)
  say('')
  say('Ctrl-C stops both.')
}

void main()
