// The API contract check: which changes between two versions of the schema break partners' clients, which of those
// the changelog owns up to, and which git revision holds the released contract to compare against.
// The CLI is check-schema-contract.ts; the policy is written at the top of apps/gateway/CHANGELOG.md.
import { execFileSync } from 'node:child_process'
import { CriticalityLevel, diff } from '@graphql-inspector/core'
import { buildSchema } from 'graphql'

export interface BreakingChange {
  /** Where the change is, as graphql-inspector names it: `Supplier.name`, `Query.supplier.slug`, `Supplier`. */
  path?: string
  message: string
}

export async function breakingChanges(oldSdl: string, newSdl: string): Promise<BreakingChange[]> {
  // No rules: removing a field that was @deprecated stays breaking (suppressRemovalOfDeprecatedField would make it
  // "dangerous"). Deprecating is how a removal is announced; the removal itself still reaches partners' clients.
  const changes = await diff(buildSchema(oldSdl), buildSchema(newSdl))
  return changes
    .filter((change) => change.criticality.level === CriticalityLevel.Breaking)
    .map((change) => ({ path: change.path, message: change.message }))
}

/** The changes not named in any section of `changelogText` under a heading that contains "Breaking". */
export function unacknowledged(changes: readonly BreakingChange[], changelogText: string): BreakingChange[] {
  const acknowledged = breakingSections(changelogText)
  return changes.filter((change) => !mentions(acknowledged, change.path ?? change.message))
}

// The text under every heading containing "breaking" (any level), up to the next heading of the same or a higher
// level: `## Breaking` at the top of a version's section, or `### Breaking` inside `## 2026-12-06`, both work.
function breakingSections(markdown: string): string {
  const out: string[] = []
  let openLevel = 0 // the level of the Breaking heading we are under; 0 when outside one
  let inFence = false // a `# comment` line in a code block is not a heading
  for (const line of markdown.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence
    const heading = inFence ? null : /^(#{1,6})\s+(.*)$/.exec(line)
    if (heading) {
      const level = heading[1]!.length
      if (openLevel && level <= openLevel) openLevel = 0
      if (!openLevel && /breaking/i.test(heading[2]!)) {
        openLevel = level
        continue
      }
    }
    if (openLevel) out.push(line)
  }
  return out.join('\n')
}

// Whole names only: `Supplier` (a type removed) is not acknowledged by a line about `Supplier.name` or `Suppliers`,
// nor `Supplier.name` by `Supplier.nameOnCard`. A sentence's full stop after the name still counts.
function mentions(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`(?<![\\w.])${escaped}(?!\\w|\\.\\w)`).test(text)
}

// -- The baseline: which revision's schema.graphql is the contract partners have -----------------------------------

export class BaselineError extends Error {}

export interface Baseline {
  ref: string
  why: string
}

function git(repoDir: string, args: string[]): string {
  return execFileSync('git', args, { cwd: repoDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

// For questions git answers with its exit status (no such tag, not an ancestor, no such file).
function gitOrNull(repoDir: string, args: string[]): string | null {
  try {
    return git(repoDir, args)
  } catch {
    return null
  }
}

/**
 * The revision to compare the schema in code against. Not HEAD's schema.graphql: every change commits a regenerated
 * file with it (schema-file.test.ts insists), so on main HEAD's file always equals the code and a removal would pass.
 * In order: `SCHEMA_BASE_REF`; the newest release tag (`v1.2.0`, `v2026.12.06`) reachable from HEAD; the parent of
 * the commit that added `changelogPath` (the policy's start; the CLI passes the check's own source file: every change since must be owned up to); HEAD itself
 * while that file is not committed yet (then only uncommitted changes are checked).
 */
export function contractBaseline(repoDir: string, changelogPath: string, env = process.env): Baseline {
  const override = env.SCHEMA_BASE_REF?.trim()
  if (override) return { ref: override, why: 'SCHEMA_BASE_REF' }
  // A shallow clone has neither the tags nor the commit that added the changelog: the search below would settle on
  // the clone's oldest commit (or HEAD) and pass a breaking change silently. Refuse instead.
  if (git(repoDir, ['rev-parse', '--is-shallow-repository']).trim() === 'true') {
    throw new BaselineError(
      'this clone is shallow: fetch the history (git fetch --unshallow --tags) or set SCHEMA_BASE_REF to the released revision',
    )
  }
  const tag = gitOrNull(repoDir, ['describe', '--tags', '--abbrev=0', '--match', 'v[0-9]*', 'HEAD'])?.trim()
  // The oldest commit that added it (log lists newest first), in case it was ever deleted and added again.
  const added = gitOrNull(repoDir, ['log', '--diff-filter=A', '--format=%H', '--', changelogPath])
    ?.trim()
    .split('\n')
    .at(-1)
  const policyStart = added
    ? (gitOrNull(repoDir, ['rev-parse', '--verify', '--quiet', `${added}^`])?.trim() ?? added)
    : null
  // A release tagged before the policy began would hold breaking changes nobody was asked to list: the later wins.
  if (tag && (!policyStart || gitOrNull(repoDir, ['merge-base', '--is-ancestor', policyStart, tag]) !== null)) {
    return { ref: tag, why: 'the latest release tag' }
  }
  if (policyStart) return { ref: policyStart, why: `the commit before ${changelogPath} was added (the policy's start)` }
  return { ref: 'HEAD', why: `${changelogPath} is not committed yet, so only uncommitted changes are checked` }
}

/** `repoPath` (relative to the repository's root) as it was at `ref`; null when the file did not exist there. */
export function fileAt(repoDir: string, ref: string, repoPath: string): string | null {
  if (gitOrNull(repoDir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]) === null) {
    throw new BaselineError(`${ref} is not a revision in this repository`)
  }
  if (gitOrNull(repoDir, ['cat-file', '-e', `${ref}:${repoPath}`]) === null) return null
  return git(repoDir, ['show', `${ref}:${repoPath}`])
}
