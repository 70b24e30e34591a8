// npm run bench [-- --quick]: Rapport against raw baselines, side by side, as ratios.
// Writes the table to BENCHMARKS.md with the date and the machine.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { repoRoot } from '@rapport/db'
import { createFixture } from './fixtures.ts'
import { K1_BUCKET, runK1 } from './k1-keys.ts'
import { runK2 } from './k2-webhooks.ts'
import { runN1 } from './n1-updates.ts'
import { runP1 } from './p1-query.ts'
import { runP2, type P2Result } from './p2-fanout.ts'
import { runP3 } from './p3-throughput.ts'
import { runP5 } from './p5-sends.ts'
import { runP4, runP7 } from './multi.ts'
import { runP6 } from './p6-memory.ts'
import type { QueryResult } from './query.ts'
import { runR1 } from './r1-reviews.ts'
import { runS1 } from './s1-search.ts'
import { fmt } from './stats.ts'
import { homeRenderP95, routeJsBytes } from './web.ts'

const quick = process.argv.includes('--quick')
/** Two decimals, or three when two would round onto the target and hide which side it is on. */
/** A difference with its sign: +12.0, −0.5 (Rapport faster than its baseline). */
const signed = (n: number) => (n < 0 ? `−${fmt(-n)}` : `+${fmt(n)}`)
const ratio = (value: number, target: number) => fmt(value, Math.abs(value - target) < 0.005 ? 3 : 2)
// --only=P1,P4 runs a subset (the table shows the others as not run).
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',')
const want = (id: string) => !only || only.includes(id)
const cfg = quick
  ? { pairs: 1, seconds: 1, subscribers: 100, deliveries: 1000, memConnections: 100, senders: 4, webhookMessages: 50, searchMessages: 5_000, searchRounds: 5 }
  : { pairs: 5, seconds: 5, subscribers: 1000, deliveries: 10_000, memConnections: 3000, senders: 16, webhookMessages: 500, searchMessages: 100_000, searchRounds: 40 }

type Row = {
  id: string
  measure: string
  rapport: string
  baseline: string
  result: string
  target: string
  holds: boolean | null
}
const rows: Row[] = []
/** A page query's row (P1, R1): peak req/s against the baseline's, and p99 at half its peak. */
const queryRow = (id: string, query: string, r: QueryResult): Row => ({
  id,
  measure: `${query}: req/s (16 in flight); p99 at half the baseline’s peak`,
  rapport: `${fmt(r.rapportRps, 0)} req/s, p99 ${fmt(r.rapportP99)} ms`,
  baseline: `${fmt(r.baselineRps, 0)} req/s, p99 ${fmt(r.baselineP99)} ms`,
  result: `${ratio(r.ratio, 0.8)}×`,
  target: '≥ 0.80×',
  holds: r.ratio >= 0.8,
})
const PARTIAL_HEADING = 'Rows from partial runs (`--only`), newest first:'
// Everything from this heading on is written by hand (profiles, what changed) and kept by every run.
const KEPT_HEADING = '## Notes (kept by every run)'
const log = (s: string) => console.log(`bench │ ${s}`)

async function main() {
  log(
    `${quick ? 'quick' : 'full'} run: ${cfg.pairs} A/B pairs; NODE_ENV=${process.env.NODE_ENV}; database ${process.env.DATABASE_URL?.startsWith('postgres') ? 'PostgreSQL' : 'embedded PGlite'}; pub/sub ${process.env.REDIS_URL ? 'Redis' : 'in-memory'}`,
  )
  const f = await createFixture()
  let p2Result: P2Result | undefined
  try {
    if (want('P1')) {
      log('P1 realistic query …')
      rows.push(queryRow('P1', 'supplier page query', await runP1(f, { pairs: cfg.pairs, seconds: cfg.seconds })))
    }
    if (want('R1')) {
      log('R1 supplier reviews page query …')
      rows.push(queryRow('R1', 'supplier reviews page query (20 reviews, each with author, product and response)', await runR1(f, { pairs: cfg.pairs, seconds: cfg.seconds })))
    }
    if (want('P2')) {
      log(`P2 fan-out to ${cfg.subscribers} subscribers at ${cfg.deliveries} deliveries/s …`)
      const p2 = await runP2(f, {
        pairs: cfg.pairs,
        subscribers: cfg.subscribers,
        deliveriesPerSecond: cfg.deliveries,
        seconds: Math.max(2, cfg.seconds),
      })
      const lost = p2.rapport.expected - p2.rapport.delivered
      rows.push({
        id: 'P2',
        measure: `p99 delivery latency, ${p2.subscribers} graphql-ws subscribers, ${p2.perSecond * p2.subscribers} deliveries/s`,
        rapport: `p99 ${fmt(p2.rapport.p99)} ms (p50 ${fmt(p2.rapport.p50)}), ${lost} missed`,
        baseline: `p99 ${fmt(p2.baseline.p99)} ms (p50 ${fmt(p2.baseline.p50)})`,
        result: `${signed(p2.p99Delta)} ms`,
        target: '≤ baseline + 15 ms',
        holds: p2.p99Delta <= 15 && lost === 0,
      })
      p2Result = p2
    }
    if (want('N1')) {
      log(`N1 supplier update to ${cfg.subscribers} followers, each with a live notificationEvents subscription …`)
      const n1 = await runN1(f, { followers: cfg.subscribers, updates: quick ? 2 : 3 })
      log(`N1 setup ${fmt(n1.setupMs, 0)} ms (followers, sessions, follows); ${n1.followers} subscribers live after ${fmt(n1.subscribeMs, 0)} ms`)
      for (const [i, u] of n1.updates.entries())
        log(`N1 update ${i + 1}: live p50 ${fmt(u.p50)} ms, p99 ${fmt(u.p99)} ms, slowest ${fmt(u.max)} ms; all ${n1.followers} rows after ${fmt(u.allRowsMs)} ms; post answered after ${fmt(u.postMs)} ms; job enqueued +${fmt(u.job.enqueuedMs, 0)}, picked up +${fmt(u.job.pickedUpMs, 0)}, its transaction began +${fmt(u.job.transactionMs, 0)} ms; ${u.delivered} delivered`)
      rows.push({
        id: 'N1',
        measure: `supplier update to ${n1.followers} followers, each with a graphql-ws notificationEvents subscription: post → live NOTIFICATION, and post → all notification rows written (pg-boss job; median of ${n1.updates.length} updates, a fresh supplier each)`,
        rapport: `p99 ${fmt(n1.p99)} ms (p50 ${fmt(n1.p50)}), all rows after ${fmt(n1.allRowsMs)} ms, ${n1.missed} missed`,
        // P2 runs first when both are asked for: its one-publish fan-out to as many subscribers.
        baseline: p2Result
          ? `P2 (one publish to ${p2Result.subscribers} subscribers, no database): p99 ${fmt(p2Result.rapport.p99)} ms (p50 ${fmt(p2Result.rapport.p50)})`
          : 'P2 not run (`--only=N1,P2` shows it here)',
        result: p2Result ? `p99 ${fmt(n1.p99 / p2Result.rapport.p99, 1)}× P2’s` : `p99 ${fmt(n1.p99)} ms`,
        target: 'report vs P2',
        holds: null,
      })
    }
    if (want('P3')) {
      log(`P3 sustainable deliveries/s, ${cfg.subscribers} subscribers, stepped search …`)
      const p3 = await runP3(f, {
        pairs: cfg.pairs,
        subscribers: cfg.subscribers,
        seconds: quick ? 1 : 2,
        startDeliveriesPerSecond: cfg.deliveries,
        maxSteps: quick ? 4 : 8,
        bisections: quick ? 1 : 3,
      })
      for (const [i, p] of p3.pairs.entries())
        log(`P3 pair ${i + 1}: Rapport ${p.a.sustainable}/s [${p.a.steps.map((s) => `${s.deliveriesPerSecond}:${s.holds ? 'ok' : `p99 ${fmt(s.p99, 0)}, ${s.missed} missed`}`).join(' ')}]; raw ${p.b.sustainable}/s`)
      rows.push({
        id: 'P3',
        measure: `sustainable deliveries/s per core (server and clients in one process), ${p3.subscribers} subscribers, p99 ≤ 100 ms, none missed`,
        rapport: `${fmt(p3.rapport, 0)}/s`,
        baseline: `${fmt(p3.baseline, 0)}/s (raw ws)`,
        result: `${ratio(p3.ratio, 0.5)}×`,
        target: '≥ 0.50×',
        holds: p3.ratio >= 0.5,
      })
    }
    if (want('P5')) {
      log('P5 sends …')
      const p5 = await runP5(f, { pairs: cfg.pairs, seconds: cfg.seconds, senders: cfg.senders })
      rows.push(
        'skipped' in p5
          ? {
              id: 'P5',
              measure: 'message sends/s committed',
              rapport: '—',
              baseline: '—',
              result: p5.skipped,
              target: '≥ 0.60×',
              holds: null,
            }
          : {
              id: 'P5',
              measure: `message sends/s committed and delivered to a graphql-ws subscriber, ${cfg.senders} concurrent senders (gateway in its own process)`,
              rapport: `${fmt(p5.rapport, 0)}/s`,
              baseline: `${fmt(p5.baseline, 0)}/s (raw pg, same SQL, prepared and pipelined as Rapport sends it); unprepared, a round trip per statement: ${fmt(p5.plainBaseline, 0)}/s (Rapport ${fmt(p5.plainRatio, 2)}× of it)`,
              result: `${ratio(p5.ratio, 0.6)}×`,
              target: '≥ 0.60×',
              holds: p5.ratio >= 0.6,
            },
      )
    }
    if (want('P6')) {
      log('P6 memory per idle subscription …')
      const p6 = await runP6(f, { pairs: cfg.pairs, connections: cfg.memConnections })
      rows.push({
        id: 'P6',
        measure: `memory per idle subscribed connection (${p6.connections} connections): resident after full GC; JS heap + external alongside`,
        rapport: `${fmt(p6.rapportBytes / 1024)} KB (heap ${fmt(p6.rapportHeap / 1024)} KB)`,
        baseline: `${fmt(p6.baselineBytes / 1024)} KB (heap ${fmt(p6.baselineHeap / 1024)} KB) (raw ws)`,
        result: `${ratio(p6.ratio, 2)}× (heap ${fmt(p6.heapRatio, 2)}×)`,
        target: '≤ 2× (resident)',
        holds: p6.ratio <= 2,
      })
    }
    if (want('P4')) {
      log('P4 two gateways through Redis …')
      const p4 = await runP4(f, { pairs: cfg.pairs, subscribers: quick ? 20 : 100, messages: quick ? 5 : 20 })
      rows.push(
        'skipped' in p4
          ? {
              id: 'P4',
              measure: 'two gateways through Redis, p99 delivery',
              rapport: '—',
              baseline: '—',
              result: p4.skipped,
              target: '≤ +10 ms',
              holds: null,
            }
          : {
              id: 'P4',
              measure: 'send on gateway B, subscribers on gateway A (Redis), p99 send→delivery',
              rapport: `p99 ${fmt(p4.twoProcessP99)} ms, ${p4.missing} missing, ${p4.duplicates} duplicates`,
              baseline: `p99 ${fmt(p4.oneProcessP99)} ms (same process)`,
              result: `${signed(p4.delta)} ms`,
              target: '≤ +10 ms, exactly once',
              holds: p4.delta <= 10 && p4.missing === 0 && p4.duplicates === 0,
            },
      )
    }
    if (want('P7')) {
      log('P7 kill one of two gateways …')
      const p7 = await runP7(f, { clients: quick ? 100 : 1000, messages: quick ? 5 : 20 })
      rows.push(
        'skipped' in p7
          ? {
              id: 'P7',
              measure: 'kill 1 of 2 gateways',
              rapport: '—',
              baseline: '—',
              result: p7.skipped,
              target: '100 %, 0',
              holds: null,
            }
          : {
              id: 'P7',
              measure: `kill 1 of 2 gateways holding ${p7.clients} clients; ${p7.sentWhileDown} messages sent meanwhile`,
              rapport: `${fmt(p7.resubscribedWithin5s * 100, 0)} % resubscribed within 5 s; ${p7.lost} lost, ${p7.duplicates} duplicates after catch-up`,
              baseline: '—',
              result: `${fmt(p7.resubscribedWithin5s * 100, 0)} %, ${p7.lost} lost`,
              target: '100 %, 0',
              holds: p7.resubscribedWithin5s === 1 && p7.lost === 0,
            },
      )
    }
    if (want('K1')) {
      log('K1 partner query by API key vs by session …')
      const k1 = await runK1(f, { pairs: cfg.pairs, seconds: cfg.seconds })
      log(`K1 key answers cost ${k1.cost.actualQueryCost} points (estimated ${k1.cost.requestedQueryCost}); requests with errors: key ${k1.errors.rapport}, session ${k1.errors.baseline}; p99 at ${k1.rate} req/s`)
      const errors = k1.errors.rapport + k1.errors.baseline
      rows.push({
        id: 'K1',
        measure: `P1's supplier page query by the owner's API key (key lookup, scope check, cost charged to its Redis leaky bucket, extensions.cost and x-ratelimit-* headers; bucket ${K1_BUCKET.bucketSize.toLocaleString('en')} restoring ${K1_BUCKET.restoreRate.toLocaleString('en')}/s, so never throttled) vs by her session, same gateway and data: req/s (16 in flight); p99 at half the session’s peak`,
        rapport: `${fmt(k1.rapportRps, 0)} req/s, p99 ${fmt(k1.rapportP99)} ms (key, ${k1.cost.actualQueryCost} points a query)`,
        baseline: `${fmt(k1.baselineRps, 0)} req/s, p99 ${fmt(k1.baselineP99)} ms (session)`,
        result: `${ratio(k1.ratio, 0.95)}×${errors ? `, ${errors} errors` : ''}`,
        target: '≥ 0.95×',
        holds: k1.ratio >= 0.95 && errors === 0,
      })
    }
    if (want('K2')) {
      log(`K2 webhooks: ${cfg.webhookMessages} messages, their deliveries to a loopback receiver …`)
      const k2 = await runK2(f, { messages: cfg.webhookMessages, senders: 4 })
      const measure = 'webhook deliveries/s and p99 event→delivered'
      if ('skipped' in k2) rows.push({ id: 'K2', measure, rapport: '—', baseline: '—', result: k2.skipped, target: 'report', holds: null })
      else {
        const { rapport: a, raw: b } = k2
        log(`K2 where a delivery's time goes (medians): message written → delivery row (fan-out job) ${fmt(a.stages.fanOut)} ms, → attempt started (delivery job) ${fmt(a.stages.deliveryJob)} ms, → received ${fmt(a.stages.post)} ms`)
        const exact = (s: typeof b) => `${s.missing} missing, ${s.duplicates} duplicates${s.unexpected ? `, ${s.unexpected} unexpected` : ''}${s.badSignatures ? `, ${s.badSignatures} badly signed` : ''}`
        const faults = a.missing + a.duplicates + a.unexpected + a.badSignatures + a.failedSends
        rows.push({
          id: 'K2',
          measure: `${measure}: ${k2.messages} messages by the buyer (sendMessage, ${k2.senders} concurrent senders) → pg-boss jobs → signed POST to a loopback node:http receiver; per message, send acknowledged → received`,
          rapport: `${fmt(a.perSecond, 0)} deliveries/s, p99 ${fmt(a.p99)} ms (p50 ${fmt(a.p50)}), ${exact(a)}${a.failedSends ? `, ${a.failedSends} sends failed` : ''}`,
          baseline: `${fmt(b.perSecond, 0)} deliveries/s, p99 ${fmt(b.p99)} ms (p50 ${fmt(b.p50)}) per POST, ${exact(b)} (raw: the same signed POSTs from node:http, 16 in flight, a new connection each)`,
          result: `${fmt(a.perSecond / b.perSecond, 2)}×`,
          target: 'report',
          // Nothing to hold but exactly once: any missing, duplicate or failed delivery fails the row.
          holds: faults === 0 ? null : false,
        })
      }
    }
    if (want('S1')) {
      log(`S1 search over ${cfg.searchMessages.toLocaleString('en')} generated messages …`)
      const s1 = await runS1(f, { messages: cfg.searchMessages, rounds: cfg.searchRounds })
      log(`S1 generated in ${fmt(s1.generateMs / 1000)} s; per query p95: ${s1.perQuery.map((q) => `${q.label} ${fmt(q.p95)} ms (${q.hits} hits)`).join('; ')}`)
      log(`S1 plan (team, common word): ${s1.plan}`)
      rows.push({
        id: 'S1',
        measure: `searchMessages over ${s1.messages.toLocaleString('en')} messages (1,000 conversations), one request at a time over HTTP: the team inbox (a rare word, a common one, a phrase, by relevance) and the buyer's own; plan: ${s1.plan}`,
        rapport: `p95 ${fmt(s1.rapport.p95)} ms (p50 ${fmt(s1.rapport.p50)}, max ${fmt(s1.rapport.max)})`,
        baseline: `the same SQL on the driver: p95 ${fmt(s1.baseline.p95)} ms (p50 ${fmt(s1.baseline.p50)})`,
        result: `p95 ${fmt(s1.rapport.p95)} ms`,
        target: '≤ 50 ms (PostgreSQL)',
        holds: f.kind === 'postgres' ? s1.rapport.p95 <= 50 : null,
      })
    }
  } finally {
    await f.cleanup()
  }
  if (want('W')) {
    log('web: JavaScript per page and home render …')
    const homeJs = routeJsBytes('/')
    const convJs = routeJsBytes('/conversations/[id]')
    rows.push({
      id: 'W1',
      measure:
        'JavaScript shipped (gzip), conversation page' + (convJs === null ? ' (not built yet: home page shown)' : ''),
      rapport: `${fmt((convJs ?? homeJs ?? NaN) / 1024)} KB`,
      baseline: '—',
      result: `${fmt((convJs ?? homeJs ?? NaN) / 1024)} KB`,
      target: '≤ 80 KB',
      holds: (convJs ?? homeJs ?? Infinity) <= 80 * 1024,
    })
    const p95 = await homeRenderP95({ rate: quick ? 10 : 20, seconds: quick ? 2 : 10 })
    rows.push({
      id: 'W2',
      measure: 'home page server render p95 (open loop)',
      rapport: `${fmt(p95)} ms`,
      baseline: '—',
      result: `${fmt(p95)} ms`,
      target: 'reported',
      holds: null,
    })
  }

  // A quick run is a smoke test (tiny loads, 1 pair, CI's busy machine): its ratios say the
  // benchmarks run, not whether a target holds, so it gives no verdict.
  const mark = (h: boolean | null) => (h === null ? '—' : quick ? 'smoke only' : h ? 'holds' : 'MISSED')
  const table = [
    '| id | measure | Rapport | baseline | result | target | |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (r) => `| ${r.id} | ${r.measure} | ${r.rapport} | ${r.baseline} | ${r.result} | ${r.target} | ${mark(r.holds)} |`,
    ),
  ].join('\n')
  console.log(`\n${table}\n`)
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`
  const md = `# Benchmarks

Written by \`npm run bench\` on ${new Date().toISOString()} — ${machine}.
Database: ${process.env.DATABASE_URL?.startsWith('postgres') ? 'PostgreSQL' : 'embedded PGlite'}; pub/sub: ${process.env.REDIS_URL ? 'Redis' : 'in-memory'}; NODE_ENV=${process.env.NODE_ENV}.
Each benchmark runs Rapport (A) and its raw baseline (B) alternately, A/B/A/B, ${cfg.pairs} pair(s), and reports the
median of the per-pair ratios: absolute figures on a shared 2-core machine are noise, ratios measured side by side
are not. Latencies are measured from the scheduled send time (open loop, no coordinated omission).

${table}
`
  const file = path.join(repoRoot, 'BENCHMARKS.md')
  // Quick runs are smoke tests (CI runs one): their figures never replace measured ones.
  if (quick) log('quick run: BENCHMARKS.md left as it was')
  else if (only && existsSync(file)) {
    // A partial run replaces its own rows (or adds them) and leaves the others as they were.
    let lines = readFileSync(file, 'utf8').split('\n')
    const rowLine = (r: Row) => `| ${r.id} | ${r.measure} | ${r.rapport} | ${r.baseline} | ${r.result} | ${r.target} | ${mark(r.holds)} |`
    for (const r of rows) {
      // Only the results table: the kept notes below it have tables of their own.
      const notes = lines.indexOf(KEPT_HEADING)
      const table = notes >= 0 ? lines.slice(0, notes) : lines
      const at = table.findIndex((l) => l.startsWith(`| ${r.id} |`))
      if (at >= 0) lines[at] = rowLine(r)
      else {
        const lastRow = table.reduce((last, l, i) => (l.startsWith('| ') ? i : last), -1)
        lines.splice(lastRow + 1, 0, rowLine(r))
      }
    }
    // One line per row saying which partial run wrote it (the header dates the last full run).
    const when = `\`npm run bench -- --only=${only.join(',')}\` on ${new Date().toISOString()} — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`
    lines = lines.filter((l) => !rows.some((r) => l.startsWith(`- ${r.id}: `)))
    if (!lines.includes(PARTIAL_HEADING)) {
      const notes = lines.indexOf(KEPT_HEADING)
      lines.splice(notes >= 0 ? notes : lines.length, 0, '', PARTIAL_HEADING, '', '')
    }
    const at = lines.indexOf(PARTIAL_HEADING) + 2
    lines.splice(at, 0, ...rows.map((r) => `- ${r.id}: ${when}`))
    writeFileSync(file, lines.join('\n').replace(/\n{3,}/g, '\n\n'))
    log(`partial run (${only.join(', ')}): rows updated in BENCHMARKS.md`)
  } else {
    const before = existsSync(file) ? readFileSync(file, 'utf8') : ''
    const notes = before.indexOf(`\n${KEPT_HEADING}\n`)
    writeFileSync(file, notes >= 0 ? `${md}${before.slice(notes)}` : md)
    log('wrote BENCHMARKS.md')
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e)
    process.exit(1)
  },
)
