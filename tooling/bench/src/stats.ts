// Numbers for benchmark reports: percentiles, medians, and A/B pairs turned into ratios.
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN
  const s = [...values].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!
}

export const median = (values: number[]) => percentile(values, 0.5)

export type Pair<A, B = A> = { a: A; b: B }

/**
 * Runs A, B, A, B … (`pairs` times each, alternating, so drift on a shared machine hits
 * both sides alike) and returns every pair.
 */
export async function abPairs<A, B = A>(pairs: number, runA: () => Promise<A>, runB: () => Promise<B>): Promise<Pair<A, B>[]> {
  const out: Pair<A, B>[] = []
  for (let i = 0; i < pairs; i++) out.push({ a: await runA(), b: await runB() })
  return out
}

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—')
