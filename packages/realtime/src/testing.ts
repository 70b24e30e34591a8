// A real Redis Cluster for tests: three primaries (redis-server in cluster mode, from the
// machine's own Redis packages) on loopback ports, slots spread by redis-cli, torn down after.
import { spawn, execFile, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { Redis as SingleRedis } from 'ioredis'

const run = promisify(execFile)

export type LocalCluster = {
  /** REDIS_URL for it: redis+cluster://127.0.0.1:p1,… */
  url: string
  ports: number[]
  stop(): Promise<void>
}

/** A loopback port that is free, and whose cluster bus port (+10000) is free too. */
async function freeClusterPort(): Promise<number> {
  const free = (port: number) =>
    new Promise<boolean>((resolve) => {
      const s = createServer()
      s.once('error', () => resolve(false))
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)))
    })
  for (let i = 0; i < 100; i++) {
    const port = 20_000 + Math.floor(Math.random() * 30_000)
    if ((await free(port)) && (await free(port + 10_000))) return port
  }
  throw new Error('no free port pair for a Redis Cluster node')
}

export async function startRedisCluster(nodes = 3): Promise<LocalCluster> {
  const dir = mkdtempSync(path.join(tmpdir(), 'rapport-redis-cluster-'))
  const ports: number[] = []
  for (let i = 0; i < nodes; i++) ports.push(await freeClusterPort())
  const children: ChildProcess[] = ports.map((port) =>
    spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '2000', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: 'ignore' },
    ),
  )
  const stop = async () => {
    for (const c of children) c.kill('SIGTERM')
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))))
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    for (const port of ports) await until(async () => (await command(port, ['ping'])) === 'PONG', `node ${port} answering`)
    await run('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'])
    for (const port of ports) await until(async () => String(await command(port, ['cluster', 'info'])).includes('cluster_state:ok'), `node ${port} in a healthy cluster`)
  } catch (e) {
    await stop()
    throw e
  }
  return { url: `redis+cluster://${ports.map((p) => `127.0.0.1:${p}`).join(',')}`, ports, stop }
}

async function command(port: number, args: string[]): Promise<unknown> {
  const client = new SingleRedis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
  client.on('error', () => {})
  try {
    await client.connect()
    return await client.call(args[0]!, ...args.slice(1))
  } catch {
    return null
  } finally {
    client.disconnect()
  }
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`Redis Cluster: timed out waiting for ${what}`)
}
