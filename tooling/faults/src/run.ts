// npm run faults [-- --quick] [-- --write] [-- --only=1,3]: starts the stack, runs the
// scenarios, prints the table, exits 1 on any loss, duplicate, stall or unmet expectation.
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { repoRoot } from '@rapport/scripts/processes'
import { details, passed, table, type Row } from './report.ts'
import type { Options, Scenario } from './scenario.ts'
import { afterBeyondEnd } from './scenarios/after-beyond-end.ts'
import { balancer } from './scenarios/balancer.ts'
import { dbCutoff } from './scenarios/db-cutoff.ts'
import { dbReconnect } from './scenarios/db-reconnect.ts'
import { gatewayRestart } from './scenarios/gateway-restart.ts'
import { outageErrors } from './scenarios/outage-errors.ts'
import { presenceAfterKill } from './scenarios/presence.ts'
import { pubsubBlip } from './scenarios/pubsub-blip.ts'
import { reviewEventsFaults } from './scenarios/review-events.ts'
import { soak } from './scenarios/soak.ts'
import { Stack } from './stack.ts'

const SCENARIOS: Scenario[] = [
  presenceAfterKill,
  pubsubBlip,
  dbReconnect,
  dbCutoff,
  afterBeyondEnd,
  outageErrors,
  gatewayRestart,
  reviewEventsFaults,
  balancer,
  soak,
]

function parseArgs(argv: string[]) {
  const quick = argv.includes('--quick')
  const only = argv
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',')
  const messages = Number(
    argv.find((a) => a.startsWith('--messages='))?.slice('--messages='.length) ?? (quick ? 1000 : 10_000),
  )
  return { opts: { quick, messages } satisfies Options, write: argv.includes('--write'), only }
}

async function runOne(stack: Stack, scenario: Scenario, opts: Options): Promise<Row> {
  const started = Date.now()
  console.log(`▶ ${scenario.name}`)
  try {
    const result = await scenario.run(stack, opts)
    return { name: scenario.name, result, ms: Date.now() - started }
  } catch (e) {
    if (process.env.FAULTS_DEBUG) console.error(e)
    return { name: scenario.name, result: null, error: (e as Error).message.slice(0, 400), ms: Date.now() - started }
  } finally {
    // A scenario that failed half-way may leave a proxy cut or a gateway down.
    await stack.heal().catch((e: unknown) => console.error(`heal failed: ${(e as Error).message}`))
  }
}

/** In order, except background scenarios, which start at once and are awaited before `joinBefore`. */
async function runAll(stack: Stack, scenarios: Scenario[], opts: Options): Promise<Row[]> {
  const background = new Map<string, Promise<Row>>()
  const rows = new Map<string, Row>()
  for (const s of scenarios) if (s.background) background.set(s.name, runOne(stack, s, opts))
  for (const s of scenarios) {
    for (const [name, p] of background) {
      if (scenarios.find((x) => x.name === name)!.background!.joinBefore !== s.name) continue
      rows.set(name, await p)
      background.delete(name)
    }
    if (!s.background) rows.set(s.name, await runOne(stack, s, opts))
  }
  for (const [name, p] of background) rows.set(name, await p)
  return scenarios.map((s) => rows.get(s.name)!)
}

async function main() {
  const { opts, write, only } = parseArgs(process.argv.slice(2))
  // The shared server the test databases are made on; the gateways reach it only through proxies.
  process.env.DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/postgres'
  const scenarios = only ? SCENARIOS.filter((s) => only.some((o) => s.name.startsWith(`${o} `))) : SCENARIOS
  const started = Date.now()
  const stack = await Stack.start()
  let rows: Row[]
  const interrupt = () => void stack.close().finally(() => process.exit(130))
  process.once('SIGINT', interrupt)
  process.once('SIGTERM', interrupt)
  try {
    rows = await runAll(stack, scenarios, opts)
  } finally {
    await stack.close()
  }
  const minutes = ((Date.now() - started) / 60_000).toFixed(1)
  const out = `${table(rows)}\n\n${details(rows)}\n`
  console.log(`\n${out}\n${rows.filter(passed).length}/${rows.length} passed in ${minutes} min`)
  if (write) writeFileSync(path.join(repoRoot, 'FAULTS.md'), header(opts, minutes) + out)
  process.exit(rows.every(passed) ? 0 : 1)
}

function header(opts: Options, minutes: string): string {
  return `# Fault suite

\`npm run faults${opts.quick ? ' -- --quick' : ''}\` (tooling/faults), ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${opts.messages} soak messages, ${minutes} min.
Own redis-server, one TCP proxy per gateway in front of PostgreSQL, two gateway processes (a third for scenario 5).
lost / duplicated / stalled count deliveries per subscriber; stalled = delivered, but more than 5 s after the send was acknowledged or the fault it met had ended.

`
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
