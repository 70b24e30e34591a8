// Where a send's time goes: runs P5's senders against a gateway process started with
// --cpu-prof, and prints what each process spent per send (gateway, PostgreSQL, Redis, this
// harness) and the gateway profile's top items — by package, by function (self time) and by
// Rapport function (inclusive). Used to find what a send does that it need not; the numbers
// before and after each change are in BENCHMARKS.md (P5).
//
//   DATABASE_URL=postgresql://… REDIS_URL=redis://… npm run profile:send -w @rapport/bench [-- --seconds=15]
//
// With --syscalls, the gateway's system calls are counted instead (strace -c; it slows the
// gateway, so only the counts per send mean anything then): on loopback a socket write also
// pays for the receiving side's TCP work, so how many writes a send makes is a cost of its own.
import { execFileSync, spawn } from 'node:child_process'
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { deleteKeysWithPrefix } from '@rapport/realtime'
import { createFixture } from './fixtures.ts'
import { conversations, rapportSends } from './p5-sends.ts'
import { startGatewayProcess } from './processes.ts'

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback)

/** CPU seconds used so far by these processes, from /proc: in user space and in the kernel. */
function cpuSeconds(pids: number[]): { user: number; system: number } {
  const tick = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim())
  const total = { user: 0, system: 0 }
  for (const pid of pids) {
    try {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      total.user += Number(fields[11]) / tick
      total.system += Number(fields[12]) / tick
    } catch {
      // exited meanwhile
    }
  }
  return total
}

const pidsOf = (name: string) => {
  try {
    return execFileSync('pgrep', ['-x', name]).toString().trim().split('\n').map(Number)
  } catch {
    return []
  }
}

/** What a profile node's code belongs to: a package, node itself, Rapport's own code, or the VM. */
function owner(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)'
  if (url.startsWith('node:')) return 'node'
  const nm = url.lastIndexOf('node_modules/')
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/')
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!
  }
  // tsx compiles without keeping line numbers for the profiler: the file says more than ':1'.
  const m = /\/(apps|packages)\/([^/]+)\/(?:.*\/)?([^/]+)$/.exec(url)
  return m ? `rapport ${m[2]}/${m[3]}` : url
}

function summarise(profile: Profile, sends: number) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<number, number>()
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)))
  const totalUs = [...self.values()].reduce((a, b) => a + b, 0)
  const busyUs = totalUs - (self.get(profile.nodes.find((n) => n.callFrame.functionName === '(idle)')?.id ?? -1) ?? 0)
  const per = (us: number) => `${(us / 1000 / sends).toFixed(3)} ms`
  const pct = (us: number) => `${((100 * us) / busyUs).toFixed(1)} %`

  const byOwner = new Map<string, number>()
  const byFunction = new Map<string, number>()
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame
    if (functionName === '(idle)') continue
    const o = owner(url, functionName)
    byOwner.set(o, (byOwner.get(o) ?? 0) + us)
    const key = `${functionName || '(anonymous)'} — ${o}${url && !o.startsWith('rapport') ? `:${lineNumber + 1}` : ''}`
    byFunction.set(key, (byFunction.get(key) ?? 0) + us)
  }
  // Inclusive time of Rapport's own functions: each counted once per stack (recursion aside).
  const inclusive = new Map<string, number>()
  const walk = (id: number, onStack: Set<string>): number => {
    const n = byId.get(id)!
    let t = self.get(id) ?? 0
    const { functionName, url } = n.callFrame
    const o = owner(url, functionName)
    const key = o.startsWith('rapport') ? `${functionName || '(anonymous)'} — ${o}` : null
    const fresh = key !== null && !onStack.has(key)
    if (fresh) onStack.add(key)
    for (const c of n.children ?? []) t += walk(c, onStack)
    if (fresh) {
      onStack.delete(key)
      inclusive.set(key, (inclusive.get(key) ?? 0) + t)
    }
    return t
  }
  walk(profile.nodes[0]!.id, new Set())

  // Socket writes by who asked for them: the nearest caller that is neither node nor native.
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const writes = new Map<string, number>()
  for (const [id, us] of self) {
    if (!/^write(v|Buffer|Utf8String|Latin1String)$/.test(byId.get(id)!.callFrame.functionName)) continue
    let at: number | undefined = id
    let who = '(unknown)'
    while (at !== undefined) {
      const { url, functionName } = byId.get(at)!.callFrame
      const o = owner(url, functionName)
      if (o !== 'node' && o !== '(native)') {
        who = o
        break
      }
      at = parent.get(at)
    }
    writes.set(who, (writes.get(who) ?? 0) + us)
  }

  const table = (title: string, rows: Map<string, number>, n: number) => {
    console.log(`\n${title}\n\n| item | per send | share of busy |\n|---|---|---|`)
    for (const [k, us] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`| ${k} | ${per(us)} | ${pct(us)} |`)
  }
  console.log(`\nGateway profile: busy ${per(busyUs)} per send (${(busyUs / 1e6).toFixed(1)} s busy of ${(totalUs / 1e6).toFixed(1)} s sampled)`)
  table('By package (self time)', byOwner, 15)
  table('By function (self time)', byFunction, 25)
  table("Rapport's functions (inclusive)", inclusive, 20)
  table('Socket writes (self time of write/writev) by the package that asked', writes, 10)
}

async function main() {
  const seconds = arg('seconds', 15)
  const senders = arg('senders', 16)
  if (!process.env.DATABASE_URL?.startsWith('postgres')) throw new Error('needs DATABASE_URL=postgresql://…')
  const f = await createFixture()
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-profile-'))
  const prefix = `rapport-bench-prof-${process.pid}:`
  try {
    const ids = await conversations(f, senders)
    const gateway = await startGatewayProcess(
      { DATABASE_URL: f.databaseUrl, ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL, REDIS_PREFIX: prefix } : {}), SEND_BUDGETS: '1000000/1' },
      ['--cpu-prof', `--cpu-prof-dir=${dir}`],
    )
    try {
      await rapportSends(f, gateway, ids, 3) // warm-up: JIT, plans, caches
      const procs = { gateway: [gateway.child.pid!], postgres: pidsOf('postgres'), redis: pidsOf('redis-server') }
      const before = Object.fromEntries(Object.entries(procs).map(([k, p]) => [k, cpuSeconds(p)]))
      const harness0 = process.cpuUsage()
      const strace = process.argv.includes('--syscalls')
        ? spawn('strace', ['-f', '-c', '-o', path.join(dir, 'syscalls.txt'), '-p', String(gateway.child.pid)], { stdio: 'ignore' })
        : null
      if (strace) await new Promise((r) => setTimeout(r, 1000)) // attached
      const t0 = performance.now()
      const rate = await rapportSends(f, gateway, ids, seconds)
      const elapsed = (performance.now() - t0) / 1000
      const sends = Math.round(rate * elapsed)
      const harness = process.cpuUsage(harness0)
      console.log(`\n${sends} sends in ${elapsed.toFixed(1)} s: ${rate.toFixed(0)}/s, ${senders} senders (${os.cpus().length} cores, Node ${process.version})`)
      console.log('\n| process | CPU per send | of which in the kernel | cores busy |\n|---|---|---|---|')
      const ms = (seconds: number) => `${((seconds * 1000) / sends).toFixed(3)} ms`
      const row = (name: string, cpu: { user: number; system: number }) =>
        console.log(`| ${name} | ${ms(cpu.user + cpu.system)} | ${ms(cpu.system)} | ${((cpu.user + cpu.system) / elapsed).toFixed(2)} |`)
      for (const [k, p] of Object.entries(procs)) {
        const now = cpuSeconds(p)
        row(k, { user: now.user - before[k]!.user, system: now.system - before[k]!.system })
      }
      row('harness (senders, subscriber)', { user: harness.user / 1e6, system: harness.system / 1e6 })
      if (strace) {
        strace.kill('SIGINT')
        await new Promise((r) => strace.once('exit', r))
        console.log(`\nGateway system calls per send (strace -c over ${sends} sends)\n\n| call | per send |\n|---|---|`)
        for (const line of readFileSync(path.join(dir, 'syscalls.txt'), 'utf8').split('\n')) {
          const cols = line.trim().split(/\s+/)
          // % time, seconds, usecs/call, calls, [errors], syscall
          if (cols.length >= 5 && /^\d/.test(cols[0]!) && !line.includes('total')) console.log(`| ${cols.at(-1)} | ${(Number(cols[3]) / sends).toFixed(2)} |`)
        }
      }
      await gateway.stop('SIGTERM')
      const file = readdirSync(dir).find((n) => n.endsWith('.cpuprofile'))
      if (!file) throw new Error('the gateway wrote no profile')
      // --keep=path keeps the raw profile (chrome://inspect or speedscope open it).
      const keep = process.argv.find((a) => a.startsWith('--keep='))?.slice('--keep='.length)
      if (keep) copyFileSync(path.join(dir, file), keep)
      // The profile covers the warm-up too; shares are what matter.
      summarise(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Profile, sends * ((seconds + 3) / seconds))
    } finally {
      await gateway.stop()
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
    if (process.env.REDIS_URL) await deleteKeysWithPrefix(process.env.REDIS_URL, prefix)
    await f.cleanup()
  }
}

await main()
