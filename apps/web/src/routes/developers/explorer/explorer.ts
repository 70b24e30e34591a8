/* What the explorer page shows about the last answer (shared by the page and the GraphiQL module). */

export type CostExtension = {
  requestedQueryCost: number
  actualQueryCost: number
  throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number }
}

export type ExplorerResult = {
  status: number
  /** `extensions.cost`: on every answer to a key, refusals included. */
  cost: CostExtension | null
  /** The x-ratelimit-* headers, by lower-case name. */
  rateLimit: Record<string, string>
}

/** The query the editor opens with: the viewer's own supplier when they own one, else the scopes. */
export function exampleQuery(supplier: { slug: string; name: string } | null): string {
  // Short lines: Monaco keeps a long line's width scrollable even after it is deleted.
  const run = `# Paste your key in Headers below,
# then press ▶ (or Ctrl+Enter).`
  if (!supplier) return `${run}\n{\n  apiScopes {\n    name\n    description\n  }\n}\n`
  return `${run}
# Needs the read:suppliers scope.
{
  supplier(slug: ${JSON.stringify(supplier.slug)}) {
    name
  }
}
`
}
