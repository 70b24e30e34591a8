// npm run schema:check -w @rapport/gateway: fails (exit 1) when the schema in code breaks the released contract —
// schema.graphql at the baseline revision (see contractBaseline) — and CHANGELOG.md does not list the change under a
// "Breaking" heading. Exit 2 when there is no baseline to compare against (a shallow clone, an unknown ref).
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  BaselineError,
  breakingChanges,
  contractBaseline,
  fileAt,
  unacknowledged,
  type BreakingChange,
} from './schema-contract.ts'
import { printSchemaFile, schemaFilePath } from './schema-file.ts'

const repoDir = execFileSync('git', ['rev-parse', '--show-toplevel'], {
  cwd: path.dirname(schemaFilePath),
  encoding: 'utf8',
}).trim()
const schemaRepoPath = path.relative(repoDir, schemaFilePath).split(path.sep).join('/')
// The API changelog partners read: a breaking change listed under a "Breaking" heading there is owned up to.
const changelogs = [path.relative(repoDir, path.resolve(path.dirname(schemaFilePath), 'CHANGELOG.md'))]
// The policy began with this check: changes since the commit that added it must be owned up to (until a release tag).
const policyAnchor = path.relative(repoDir, fileURLToPath(new URL('./schema-contract.ts', import.meta.url))).split(path.sep).join('/')

const label = (change: BreakingChange) => (change.path ? `${change.path}: ${change.message}` : change.message)

try {
  const baseline = contractBaseline(repoDir, policyAnchor)
  const oldSdl = fileAt(repoDir, baseline.ref, schemaRepoPath)
  console.log(`schema contract: ${schemaRepoPath} at ${baseline.ref} (${baseline.why}) against the schema in code`)
  if (oldSdl === null) {
    console.log(`no ${schemaRepoPath} at ${baseline.ref}: nothing released to break`)
  } else {
    await check(oldSdl)
  }
} catch (error) {
  if (!(error instanceof BaselineError)) throw error
  console.error(`schema contract: ${error.message}`)
  process.exitCode = 2
}

async function check(oldSdl: string): Promise<void> {
  const breaking = await breakingChanges(oldSdl, printSchemaFile())
  let open = breaking
  for (const file of changelogs) {
    const full = path.join(repoDir, file)
    if (existsSync(full)) open = unacknowledged(open, readFileSync(full, 'utf8'))
  }
  for (const change of breaking) console.log(`${open.includes(change) ? 'NOT LISTED' : 'listed    '}  ${label(change)}`)
  if (open.length) {
    console.error(
      `\n${open.length} breaking change(s) not listed under a "Breaking" heading in apps/gateway/CHANGELOG.md. Prefer deprecating ` +
        `(@deprecated(reason:)) and adding alongside; if the break is intended, name each path above in a ` +
        `"### Breaking" list of the change's section.`,
    )
    process.exitCode = 1
  } else {
    console.log(breaking.length ? 'every breaking change is listed in the changelog' : 'no breaking changes')
  }
}
