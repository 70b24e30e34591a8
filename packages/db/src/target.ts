// Turns DATABASE_URL into a description of where the data lives. One place, so the app,
// the migration CLI and the tests agree on what a URL means.
//
//   (unset)                       embedded PGlite in <repo>/.data/pglite
//   pglite:./some/dir             embedded PGlite in that folder
//   pglite:memory                 throwaway in-memory PGlite (tests)
//   postgresql://u:p@host/db      PostgreSQL (postgres:// works too)
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { DatabaseConfigError } from './errors.ts'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
export const defaultDataDir = path.join(repoRoot, '.data', 'pglite')

export type DbTarget =
  | { kind: 'pglite'; dataDir: string | null; display: string }
  | { kind: 'postgres'; url: string; host: string; port: number; database: string; display: string }

export function resolveTarget(url: string | undefined): DbTarget {
  const value = url?.trim()
  if (!value) return { kind: 'pglite', dataDir: defaultDataDir, display: `embedded PGlite (${path.relative(repoRoot, defaultDataDir)})` }
  if (value.startsWith('pglite:')) {
    const location = value.slice('pglite:'.length)
    if (location === 'memory') return { kind: 'pglite', dataDir: null, display: 'embedded PGlite (in memory)' }
    if (!location) throw new DatabaseConfigError('DATABASE_URL "pglite:" needs a folder (pglite:./.data/pglite) or "memory".')
    const dataDir = path.resolve(repoRoot, location)
    return { kind: 'pglite', dataDir, display: `embedded PGlite (${dataDir})` }
  }
  if (/^postgres(ql)?:\/\//i.test(value)) {
    let parsed: URL
    try {
      parsed = new URL(value)
    } catch {
      throw new DatabaseConfigError(`DATABASE_URL is not a valid URL: ${redact(value)}`)
    }
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''))
    if (!parsed.hostname && !parsed.searchParams.get('host'))
      throw new DatabaseConfigError(`DATABASE_URL has no host: ${redact(value)}`)
    if (!database) throw new DatabaseConfigError(`DATABASE_URL names no database (postgresql://host:5432/<database>): ${redact(value)}`)
    const port = parsed.port ? Number(parsed.port) : 5432
    const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost'
    return { kind: 'postgres', url: value, host, port, database, display: `PostgreSQL ${host}:${port}/${database}` }
  }
  throw new DatabaseConfigError(
    `DATABASE_URL must start with postgresql:// or pglite: (got "${redact(value).slice(0, 40)}")`,
  )
}

/** Hides the password in a connection string so it can be logged. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]*):([^@]*)@/, '//$1:***@')
}
