// R1: the public reviews page's query (/suppliers/[slug]/reviews) — the supplier, its rating
// summary and a page of 20 reviews, each with its author, product and the supplier's response
// with its responder — through the Rapport gateway against the raw graphql-js baseline
// (query.ts). The query text is the web app's own.
import { SUPPLIER_REVIEWS } from '../../../apps/web/src/lib/graphql/reviews.ts'
import { reviewedSupplier, type Fixture } from './fixtures.ts'
import { runQueryBenchmark, type QueryResult } from './query.ts'

const PAGE = 20

type Page = { supplier: { reviews: { edges: { node: { response: { responder: unknown } | null } }[] } } | null }

export async function runR1(f: Fixture, opts: { pairs: number; seconds: number }): Promise<QueryResult> {
  // More reviews than a page, so the page has a next one as a real supplier's would.
  await reviewedSupplier(f, PAGE + 10)
  return runQueryBenchmark(
    f,
    // The first page as the web app asks for it (default sort, no star filter), signed out.
    { query: SUPPLIER_REVIEWS, variables: { slug: f.supplierSlug, first: PAGE, after: null, sort: 'MOST_HELPFUL', stars: null }, token: null },
    {
      ...opts,
      check(data) {
        const edges = (data as Page).supplier?.reviews.edges ?? []
        if (edges.length !== PAGE || edges.some((e) => !e.node.response?.responder))
          throw new Error(`R1 needs a page of ${PAGE} reviews, each with a response and its responder`)
      },
    },
  )
}
