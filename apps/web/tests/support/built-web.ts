// Runs the built SvelteKit app (`apps/web/build`, from `npm run build -w @rapport/web`) as a
// child process on a free port, for tests that need a real server without the whole stack.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

export const webDir = fileURLToPath(new URL('../..', import.meta.url))
const buildEntry = fileURLToPath(new URL('../../build/index.js', import.meta.url))

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

export interface BuiltWeb {
  url: string
  /** Everything the process wrote to stdout and stderr so far. */
  output: () => string
  stop: () => Promise<void>
}

export async function startBuiltWeb(env: Record<string, string>): Promise<BuiltWeb> {
  if (!existsSync(buildEntry)) {
    throw new Error(`No build at ${buildEntry}. Run \`npm run build -w @rapport/web\` first.`)
  }
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  let output = ''
  const child: ChildProcess = spawn(process.execPath, [buildEntry], {
    cwd: webDir,
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port), ORIGIN: url, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))

  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })

  const deadline = Date.now() + 20_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`web exited with ${child.exitCode}:\n${output}`)
    try {
      await fetch(url, { signal: AbortSignal.timeout(1_000), redirect: 'manual' })
      break
    } catch {
      if (Date.now() > deadline) {
        await stop()
        throw new Error(`web did not start on ${url} within 20 s:\n${output}`)
      }
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  return { url, output: () => output, stop }
}
