// The gateway process as operators run it: started by main.ts, probed like a load balancer
// does, then stopped with SIGTERM — it must drain and exit by itself (code 0), not be cut off
// by its own force-exit (code 1).
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from '@rapport/scripts/processes'
import { describe, expect, it } from 'vitest'

const main = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.ts')

describe('the gateway process', () => {
  it('exits cleanly on SIGTERM after serving readiness probes and a query', async () => {
    const port = await freePort()
    const output: string[] = []
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
      env: { ...process.env, DATABASE_URL: 'pglite:memory', REDIS_URL: '', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout!.on('data', (d: Buffer) => output.push(d.toString()))
    child.stderr!.on('data', (d: Buffer) => output.push(d.toString()))
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    let ready = false
    for (let i = 0; i < 300 && !ready; i++) {
      ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false)
      if (!ready) await new Promise((r) => setTimeout(r, 100))
    }
    expect(ready, output.join('')).toBe(true)
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ viewer { user { displayName } } }' }),
    })
    expect(await res.json()).toEqual({ data: { viewer: null } })

    child.kill('SIGTERM')
    expect(await exited, output.join('')).toBe(0)
    expect(output.join('')).toContain('"msg":"stopped"')
    expect(output.join('')).not.toContain('shutdown took longer')
  }, 60_000)
})
