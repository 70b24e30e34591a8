// P1: a realistic page query — supplier profile, rating summary, service hours and the 20
// latest conversations of its team inbox — through the Rapport gateway against the raw
// graphql-js baseline (query.ts).
import type { Fixture } from './fixtures.ts'
import { runQueryBenchmark, type QueryResult } from './query.ts'

export const P1_QUERY = `query SupplierPage($slug: String!) {
  supplier(slug: $slug) {
    name tagline philosophy location timeZone responseTarget
    serviceHours { weekday opensAt closesAt }
    ratingSummary { count average distribution }
    inbox(first: 20) { edges { node { id status labels lastMessageAt lastMessagePreview unreadCount buyer { displayName } } } }
  }
}`

export function runP1(f: Fixture, opts: { pairs: number; seconds: number }): Promise<QueryResult> {
  return runQueryBenchmark(f, { query: P1_QUERY, variables: { slug: f.supplierSlug }, token: f.tokens.agent }, opts)
}
