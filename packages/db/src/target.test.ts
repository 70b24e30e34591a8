import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DatabaseConfigError } from './errors.ts'
import { defaultDataDir, redact, repoRoot, resolveTarget } from './target.ts'

describe('resolveTarget', () => {
  it('uses embedded PGlite under .data when DATABASE_URL is unset or blank', () => {
    expect(resolveTarget(undefined)).toMatchObject({ kind: 'pglite', dataDir: defaultDataDir })
    expect(resolveTarget('  ')).toMatchObject({ kind: 'pglite', dataDir: defaultDataDir })
  })

  it('reads pglite:memory and pglite:<folder> relative to the repository', () => {
    expect(resolveTarget('pglite:memory')).toMatchObject({ kind: 'pglite', dataDir: null })
    expect(resolveTarget('pglite:./x/y')).toMatchObject({ kind: 'pglite', dataDir: path.join(repoRoot, 'x/y') })
  })

  it('reads PostgreSQL URLs with their host, port and database', () => {
    expect(resolveTarget('postgresql://u:secret@db.internal:6543/rapport')).toMatchObject({
      kind: 'postgres',
      host: 'db.internal',
      port: 6543,
      database: 'rapport',
      display: 'PostgreSQL db.internal:6543/rapport',
    })
    expect(resolveTarget('postgres://localhost/app')).toMatchObject({ kind: 'postgres', port: 5432 })
  })

  it.each([
    ['mysql://localhost/app', /must start with postgresql:\/\/ or pglite:/],
    ['postgresql://localhost', /names no database/],
    ['postgresql://[bad/app', /not a valid URL/],
    ['pglite:', /needs a folder/],
  ])('rejects %s with one clear line', (url, message) => {
    const attempt = () => resolveTarget(url)
    expect(attempt).toThrow(DatabaseConfigError)
    expect(attempt).toThrow(message)
    try {
      attempt()
    } catch (e) {
      expect((e as Error).message).not.toContain('\n')
    }
  })

  it('never prints a password', () => {
    expect(redact('postgresql://rapport:hunter2@h/db')).toBe('postgresql://rapport:***@h/db')
    expect(() => resolveTarget('postgresql://rapport:hunter2@/')).toThrow(/^(?!.*hunter2)/)
  })
})
