// The API contract check (check-schema-contract.ts): what counts as breaking, what the changelog must say about it,
// and which revision's schema.graphql it is compared against — in scratch git repositories, no mocks.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { BaselineError, breakingChanges, contractBaseline, fileAt, unacknowledged } from './schema-contract.ts'
import { printSchemaFile, schemaFilePath } from './schema-file.ts'

const BASE = `
type Query { supplier(slug: String!): Supplier }
type Supplier { id: ID! name: String! city: String }
`
const NAME_REMOVED = `
type Query { supplier(slug: String!): Supplier }
type Supplier { id: ID! city: String }
`

describe('breakingChanges', () => {
  it('reports a removed field, and unacknowledged keeps it while no changelog names it', async () => {
    const changes = await breakingChanges(BASE, NAME_REMOVED)
    expect(changes).toEqual([{ path: 'Supplier.name', message: expect.stringContaining('name') }])
    expect(unacknowledged(changes, '# Changelog\n\n## 2026-12-06\n### Added\n- API keys\n')).toEqual(changes)
  })

  it('a removal named under a Breaking heading is acknowledged', async () => {
    const changes = await breakingChanges(BASE, NAME_REMOVED)
    const changelog = '# Changelog\n\n## Breaking\n- `Supplier.name` is gone: use `Supplier.displayName`.\n'
    expect(unacknowledged(changes, changelog)).toEqual([])
    expect(unacknowledged(changes, '## 2026-12-06\n### Breaking\n- Removed Supplier.name.\n### Added\n- x\n')).toEqual(
      [],
    )
  })

  it('deprecating a field or adding one is not breaking', async () => {
    const deprecated = BASE.replace('name: String!', 'name: String! @deprecated(reason: "Use displayName.")')
    const added = BASE.replace('city: String', 'city: String displayName: String')
    expect(await breakingChanges(BASE, deprecated)).toEqual([])
    expect(await breakingChanges(BASE, added)).toEqual([])
  })

  it('removing a field that was deprecated is still breaking: the deprecation announced it, the removal breaks it', async () => {
    const deprecated = BASE.replace('name: String!', 'name: String! @deprecated(reason: "Use displayName.")')
    expect((await breakingChanges(deprecated, NAME_REMOVED)).map((c) => c.path)).toEqual(['Supplier.name'])
  })

  it('reports other breaks by path: a type removed, a required argument added, a field made nullable', async () => {
    const changes = await breakingChanges(
      BASE,
      'type Query { supplier(slug: String!, region: String!): Other }\ntype Other { id: ID }',
    )
    expect(changes.map((c) => c.path)).toEqual(expect.arrayContaining(['Supplier', 'Query.supplier.region']))
    const nullable = await breakingChanges(BASE, BASE.replace('id: ID!', 'id: ID'))
    expect(nullable.map((c) => c.path)).toEqual(['Supplier.id'])
  })
})

describe('unacknowledged', () => {
  const removedType = [{ path: 'Supplier', message: "Type 'Supplier' was removed" }]
  const removedField = [{ path: 'Supplier.name', message: "Field 'name' was removed from object type 'Supplier'" }]

  it('counts only text under a Breaking heading, up to the next heading of its level', () => {
    expect(unacknowledged(removedField, '## Added\n- Supplier.name\n')).toEqual(removedField)
    expect(unacknowledged(removedField, '### Breaking\n- none\n### Changed\n- Supplier.name\n')).toEqual(removedField)
    expect(unacknowledged(removedField, '## Breaking\n### Supplier\n- Supplier.name\n')).toEqual([])
    expect(unacknowledged(removedField, '## Breaking\n```\n# Supplier.name\n```\n')).toEqual([])
  })

  it('matches whole names: a type is not acknowledged by one of its fields, nor a field by a longer one', () => {
    expect(unacknowledged(removedType, '## Breaking\n- `Supplier.name` removed\n- Suppliers\n')).toEqual(removedType)
    expect(unacknowledged(removedType, '## Breaking\n- Removed the type Supplier.\n')).toEqual([])
    expect(unacknowledged(removedField, '## Breaking\n- Supplier.nameOnCard\n')).toEqual(removedField)
  })
})

describe('the real schema', () => {
  it('has no breaking change against the committed schema.graphql', async () => {
    expect(await breakingChanges(readFileSync(schemaFilePath, 'utf8'), printSchemaFile())).toEqual([])
  })
})

describe('contractBaseline', () => {
  const dirs: string[] = []
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

  // A scratch repository; commits by a made-up author so no git identity or signing setup on the machine matters.
  function scratchRepo() {
    const dir = mkdtempSync(path.join(tmpdir(), 'schema-contract-'))
    dirs.push(dir)
    const git = (...args: string[]) =>
      execFileSync(
        'git',
        [
          '-c',
          'user.name=Test',
          '-c',
          'user.email=test@example.com',
          '-c',
          'commit.gpgsign=false',
          '-c',
          'tag.gpgsign=false',
          ...args,
        ],
        {
          cwd: dir,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      ).trim()
    git('init', '-q', '-b', 'main')
    const commit = (file: string, text: string) => {
      writeFileSync(path.join(dir, file), text)
      git('add', file)
      git('commit', '-q', '-m', `change ${file}`)
      return git('rev-parse', 'HEAD')
    }
    return { dir, git, commit }
  }

  it('catches a breaking change committed together with its regenerated schema.graphql', async () => {
    const { dir, commit } = scratchRepo()
    commit('schema.graphql', BASE)
    expect(contractBaseline(dir, 'CHANGELOG.md', {}).ref).toBe('HEAD') // before the policy: uncommitted changes only
    const beforePolicy = commit('schema.graphql', BASE + '\ntype Extra { id: ID }\n')
    commit('CHANGELOG.md', '# Changelog\n')
    // main as CI sees it: the file was regenerated with the code, so HEAD's copy equals the printed schema
    commit('schema.graphql', NAME_REMOVED + '\ntype Extra { id: ID }\n')

    const baseline = contractBaseline(dir, 'CHANGELOG.md', {})
    expect(baseline.ref).toBe(beforePolicy)
    const changes = await breakingChanges(
      fileAt(dir, baseline.ref, 'schema.graphql')!,
      fileAt(dir, 'HEAD', 'schema.graphql')!,
    )
    expect(unacknowledged(changes, '# Changelog\n').map((c) => c.path)).toEqual(['Supplier.name'])
  })

  it('moves to the latest release tag after the policy began, and SCHEMA_BASE_REF overrides it', () => {
    const { dir, git, commit } = scratchRepo()
    commit('schema.graphql', BASE)
    git('tag', 'v0.1.0') // released before the policy began: ignored
    const beforePolicy = commit('schema.graphql', NAME_REMOVED)
    commit('CHANGELOG.md', '# Changelog\n')
    expect(contractBaseline(dir, 'CHANGELOG.md', {}).ref).toBe(beforePolicy)
    commit('schema.graphql', BASE)
    git('tag', 'v0.2.0')
    git('tag', 'not-a-release')
    expect(contractBaseline(dir, 'CHANGELOG.md', {}).ref).toBe('v0.2.0')
    expect(contractBaseline(dir, 'CHANGELOG.md', { SCHEMA_BASE_REF: 'v0.1.0' }).ref).toBe('v0.1.0')
    expect(fileAt(dir, 'v0.2.0', 'nope.graphql')).toBeNull()
    expect(() => fileAt(dir, 'v9.9.9', 'schema.graphql')).toThrow(BaselineError)
  })

  it('refuses a shallow clone rather than passing against its oldest commit', () => {
    const { dir, commit } = scratchRepo()
    commit('schema.graphql', BASE)
    commit('CHANGELOG.md', '# Changelog\n')
    commit('schema.graphql', NAME_REMOVED)
    const shallow = mkdtempSync(path.join(tmpdir(), 'schema-contract-shallow-'))
    dirs.push(shallow)
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${dir}`, shallow], { stdio: 'ignore' })
    expect(() => contractBaseline(shallow, 'CHANGELOG.md', {})).toThrow(BaselineError)
    expect(contractBaseline(shallow, 'CHANGELOG.md', { SCHEMA_BASE_REF: 'HEAD' }).ref).toBe('HEAD')
  })
})
