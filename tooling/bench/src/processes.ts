// Gateway child processes for the multi-process benchmarks (PostgreSQL + Redis only).
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { repoRoot } from '@rapport/db'
import { freePort } from '@rapport/scripts/processes'

export type GatewayProcess = { url: string; wsUrl: string; child: ChildProcess; stop(signal?: NodeJS.Signals): Promise<void> }

/** `nodeArgs`: extra flags for node (the send profile passes --cpu-prof). */
export async function startGatewayProcess(env: Record<string, string>, nodeArgs: string[] = []): Promise<GatewayProcess> {
  const port = await freePort()
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(repoRoot, 'apps/gateway/src/main.ts')], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error', NODE_ENV: 'production' },
    stdio: 'ignore',
  })
  const url = `http://127.0.0.1:${port}/graphql`
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error('gateway exited during start')
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) break
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    child,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill(signal)
      await new Promise((r) => child.once('exit', r))
    },
  }
}
