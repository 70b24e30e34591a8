// The table the run prints (and writes to FAULTS.md with --write).
import type { Result } from './scenario.ts'

export type Row = { name: string; result: Result | null; error?: string; ms: number }

export function passed(row: Row): boolean {
  const r = row.result
  return !!r && !row.error && !r.failures.length && !r.counts.lost && !r.counts.duplicated && !r.counts.stalled
}

function seconds(ms: number | null): string {
  return ms === null ? '—' : `${(ms / 1000).toFixed(1)} s`
}

export function table(rows: readonly Row[]): string {
  const head = ['scenario', 'messages', 'lost', 'duplicated', 'stalled', 'recovery time', 'result']
  const lines = rows.map((row) => {
    const c = row.result?.counts
    const n = (v: number | undefined) => (v === undefined ? '—' : String(v))
    return [
      row.name,
      n(c?.messages),
      n(c?.lost),
      n(c?.duplicated),
      n(c?.stalled),
      seconds(row.result?.recoveryMs ?? null),
      passed(row) ? 'PASS' : row.error ? 'ERROR' : 'FAIL',
    ]
  })
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)))
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  return [fmt(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(fmt)].join('\n')
}

/** Why each scenario failed, and what it noticed on the way. */
export function details(rows: readonly Row[]): string {
  const out: string[] = []
  for (const row of rows) {
    const items = [
      ...(row.error ? [`error: ${row.error}`] : []),
      ...(row.result?.failures ?? []).map((f) => `FAIL: ${f}`),
      ...(row.result?.notes ?? []),
    ]
    if (!items.length) continue
    out.push(`- ${row.name} (${seconds(row.ms)})`)
    for (const i of items) out.push(`  - ${i.replaceAll('\n', ' ')}`)
  }
  return out.join('\n')
}
