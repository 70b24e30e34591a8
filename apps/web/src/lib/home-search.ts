/* The home page's supplier and product search: its query string (`q`, and one page cursor per
 * list, `sAfter` for suppliers and `pAfter` for products, so each list pages on its own), what
 * makes a query unsearchable, and the links between its pages. The gateway's query lives in
 * $lib/graphql/home-search.ts. */
import { resolve } from '$app/paths'
import type { ResolvedPathname } from '$app/types'

/** What the home page's search box asked for. */
export type CatalogSearchRequest = { q: string; sAfter: string | null; pAfter: string | null }

/**
 * The search in the home page's query string, or null when there is none: the query trimmed,
 * and whitespace only is no search (the normal home page shows).
 */
export function catalogSearchFromQuery(params: URLSearchParams): CatalogSearchRequest | null {
  const q = params.get('q')?.trim()
  if (!q) return null
  return { q, sAfter: params.get('sAfter')?.trim() || null, pAfter: params.get('pAfter')?.trim() || null }
}

/**
 * Why a query can't be searched, in words for the page, or null when it can: longer than the
 * gateway takes (`max`, its Limits.catalogSearchMaxLength; unknown, the gateway's own refusal
 * explains), or without a letter or digit (names and descriptions are matched as typed, so
 * punctuation alone would find nothing useful).
 */
export function catalogSearchProblem(q: string, max: number | null | undefined): string | null {
  if (max && q.length > max)
    return `That search is ${q.length.toLocaleString('en')} characters long; searches can be up to ${max}. Try a name or a word or two.`
  if (!/[\p{L}\p{N}]/u.test(q)) return 'Search for a name or a word: punctuation alone matches nothing.'
  return null
}

/**
 * The home page with a search, e.g. for "More suppliers": the query, and each list's cursor
 * (`null` for its first page). Empty values are left out of the link.
 */
export function homeSearchHref(
  q: string,
  cursors: { sAfter?: string | null; pAfter?: string | null } = {},
): ResolvedPathname {
  const params = new URLSearchParams({ q })
  if (cursors.sAfter) params.set('sAfter', cursors.sAfter)
  if (cursors.pAfter) params.set('pAfter', cursors.pAfter)
  return `${resolve('/')}?${params.toString()}` as ResolvedPathname
}
