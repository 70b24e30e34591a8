// Child processes for the gateway and the web app, with line-prefixed output and a
// readiness wait — shared by `npm start` and the browser tests.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { repoRoot } from '@rapport/db'

export { repoRoot }
export const gatewayEntry = path.join(repoRoot, 'apps/gateway/src/main.ts')
export const webEntry = path.join(repoRoot, 'apps/web/build/index.js')

/**
 * The largest request the web server reads (adapter-node's BODY_SIZE_LIMIT, 512K by default): a
 * picture posted through a form must fit beside the form's fields, and the gateway takes files
 * up to 10 MB.
 */
export const WEB_BODY_SIZE_LIMIT = '11M'

export type Child = {
  name: string
  process: ChildProcess
  exited: Promise<number | null>
  stop(): Promise<void>
}

export function startChild(
  name: string,
  args: string[],
  env: Record<string, string | undefined>,
  onLine: (name: string, line: string, stream: 'out' | 'err') => void,
): Child {
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  createInterface({ input: child.stdout! }).on('line', (l) => onLine(name, l, 'out'))
  createInterface({ input: child.stderr! }).on('line', (l) => onLine(name, l, 'err'))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return {
    name,
    process: child,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 12_000)
      await exited
      clearTimeout(timer)
    },
  }
}

/** Resolves once `url` answers 2xx; rejects if the child exits first or time runs out. */
export async function waitForHttp(url: string, child: Child, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let exited = false
  void child.exited.then(() => (exited = true))
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${child.name} exited before it was ready (exit code ${child.process.exitCode})`)
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) })
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150))
  }
  throw new Error(`${child.name} was not ready at ${url} within ${timeoutMs / 1000} s`)
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
  })
}

export function gatewayArgs(): string[] {
  return ['--import', 'tsx', gatewayEntry]
}
