// The web app: JavaScript shipped per page (gzip, from the build's manifest) and server
// render latency of the home page under a steady open-loop load.
import { readFileSync, existsSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { repoRoot } from '@rapport/db'
import { startStack } from '@rapport/scripts/stack'
import { Pool } from 'undici'
import { percentile } from './stats.ts'

const web = path.join(repoRoot, 'apps/web')
const clientDir = path.join(web, '.svelte-kit/output/client')

type Manifest = Record<string, { file: string; imports?: string[]; css?: string[] }>

/** Gzipped bytes of every JS file a first visit to `routeId` loads (entry, layout, page and their imports). */
export function routeJsBytes(routeId: string): number | null {
  const manifestFile = path.join(clientDir, '.vite/manifest.json')
  const appFile = path.join(web, '.svelte-kit/generated/client-optimized/app.js')
  if (!existsSync(manifestFile) || !existsSync(appFile)) return null
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest
  const app = readFileSync(appFile, 'utf8')
  const dict = /dictionary\s*=\s*(\{[\s\S]*?\n\s*\})/.exec(app)?.[1] ?? ''
  const entry = new RegExp(`"${routeId.replace(/[[\]]/g, '\\$&')}":\\s*\\[([^\\]]*)\\]`).exec(dict)
  if (!entry) return null
  const nodes = [0, ...entry[1]!.split(',').map((s) => Math.abs(Number(s.replace(/[^\d-]/g, '')))).filter((n) => Number.isFinite(n))]
  const roots = [
    Object.keys(manifest).find((k) => k.endsWith('client/entry.js'))!,
    '.svelte-kit/generated/client-optimized/app.js',
    ...nodes.map((n) => `.svelte-kit/generated/client-optimized/nodes/${n}.js`),
  ]
  const seen = new Set<string>()
  const visit = (key: string) => {
    const m = manifest[key]
    if (!m || seen.has(m.file)) return
    seen.add(m.file)
    for (const i of m.imports ?? []) visit(i)
  }
  roots.forEach(visit)
  let bytes = 0
  for (const file of seen) bytes += gzipSync(readFileSync(path.join(clientDir, file))).length
  return bytes
}

export async function homeRenderP95(opts: { rate: number; seconds: number }): Promise<number> {
  const stack = await startStack({ seed: true })
  const pool = new Pool(stack.webUrl, { connections: 16 })
  try {
    const latencies: number[] = []
    const total = Math.round(opts.rate * opts.seconds)
    const t0 = performance.now() + 100
    const inflight: Promise<void>[] = []
    for (let i = 0; i < total; i++) {
      const at = t0 + (i * 1000) / opts.rate
      const wait = at - performance.now()
      if (wait > 1) await new Promise((r) => setTimeout(r, wait))
      inflight.push(
        pool.request({ method: 'GET', path: '/' }).then(async (res) => {
          await res.body.text()
          latencies.push(performance.now() - at)
        }),
      )
    }
    await Promise.all(inflight)
    return percentile(latencies, 0.95)
  } finally {
    await pool.close()
    await stack.stop()
  }
}
