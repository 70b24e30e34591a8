import { error } from '@sveltejs/kit'
import { HOME_SEARCH, HOME_SUPPLIERS } from '$lib/graphql/home-search'
import { catalogSearchFromQuery, catalogSearchProblem, type CatalogSearchRequest } from '$lib/home-search'
import { GatewayError, gql } from '$lib/server/gateway'
import { isBadInput } from '$lib/server/http-status'
import { getLimits } from '$lib/server/limits'
import { excerpt } from '$lib/text'
import type { Money } from '$lib/types'
import type { PageServerLoad } from './$types'

const PAGE_SIZE = 12
/** Longer than any cursor the gateway hands out: refused before asking it. */
const CURSOR_MAX = 512

interface SupplierNode {
  id: string
  slug: string
  name: string
  tagline: string | null
  philosophy: string | null
  location: string | null
  timeZone: string
}

interface PageInfo {
  hasNextPage: boolean
  endCursor: string | null
}

interface HomeSuppliersData {
  suppliers: {
    totalCount: number
    pageInfo: { hasNextPage: boolean; endCursor: string | null }
    edges: Array<{ cursor: string; node: SupplierNode }>
  }
}

interface ProductNode {
  id: string
  name: string
  description: string
  price: Money
  supplier: { id: string; name: string }
}

interface HomeSearchData {
  suppliers: { totalCount: number; pageInfo: PageInfo; edges: Array<{ node: SupplierNode }> }
  products: { totalCount: number; pageInfo: PageInfo; edges: Array<{ node: ProductNode }> }
}

/** A supplier as a card shows it: only the philosophy's teaser travels to the browser, not the whole text. */
function supplierCard(node: SupplierNode) {
  return {
    id: node.id,
    slug: node.slug,
    name: node.name,
    tagline: node.tagline,
    location: node.location,
    timeZone: node.timeZone,
    philosophyExcerpt: excerpt(node.philosophy),
  }
}

export type SupplierCard = ReturnType<typeof supplierCard>

/** One list of search results: this page of it, and the cursor of the next page (null at the end). */
type ResultList<T> = { items: T[]; after: string | null; nextCursor: string | null }

export type CatalogSearch = {
  request: CatalogSearchRequest
  /** Why the query wasn't searched (too long, punctuation only), for the page to say; null when it was. */
  problem: string | null
  suppliers: (ResultList<SupplierCard> & { totalCount: number }) | null
  products:
    | (ResultList<{
        id: string
        name: string
        descriptionExcerpt: string
        price: Money
        supplierName: string
      }> & { totalCount: number })
    | null
}

/**
 * The search's results. A query the gateway can't take is answered on the page (a 200 with the
 * search box and the reason), never as an error page; a cursor from elsewhere is a 400, as on the
 * supplier list.
 */
async function catalogSearch(request: CatalogSearchRequest, fetch: typeof globalThis.fetch): Promise<CatalogSearch> {
  const unanswered = (problem: string): CatalogSearch => ({ request, problem, suppliers: null, products: null })
  const limits = await getLimits().catch(() => null)
  const problem = catalogSearchProblem(request.q, limits?.catalogSearchMaxLength)
  if (problem) return unanswered(problem)
  if ((request.sAfter?.length ?? 0) > CURSOR_MAX || (request.pAfter?.length ?? 0) > CURSOR_MAX)
    error(400, 'That page of search results doesn’t exist.')

  let data: HomeSearchData
  try {
    data = await gql<HomeSearchData>(
      HOME_SEARCH,
      { search: request.q, first: PAGE_SIZE, suppliersAfter: request.sAfter, productsAfter: request.pAfter },
      { fetch },
    )
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    if (isBadInput(err)) {
      const field = err.errors[0]?.extensions?.field
      if (field === 'after' || field === 'before') error(400, 'That page of search results doesn’t exist.')
      // The search text itself (a limit this page doesn't know yet, a character it can't store):
      // the gateway's own words for bad input are meant for people.
      return unanswered(err.errors[0]?.message || 'We couldn’t search for that. Try other words.')
    }
    console.error(`[web] home search: ${err.toLogString()}`)
    error(503, 'We can’t search right now. Please try again in a moment.')
  }

  const { suppliers, products } = data
  return {
    request,
    problem: null,
    suppliers: {
      items: suppliers.edges.map(({ node }) => supplierCard(node)),
      totalCount: suppliers.totalCount,
      after: request.sAfter,
      nextCursor: suppliers.pageInfo.hasNextPage ? suppliers.pageInfo.endCursor : null,
    },
    products: {
      items: products.edges.map(({ node }) => ({
        id: node.id,
        name: node.name,
        descriptionExcerpt: excerpt(node.description, 120),
        price: node.price,
        supplierName: node.supplier.name,
      })),
      totalCount: products.totalCount,
      after: request.pAfter,
      nextCursor: products.pageInfo.hasNextPage ? products.pageInfo.endCursor : null,
    },
  }
}

export const load: PageServerLoad = async ({ fetch, url }) => {
  const request = catalogSearchFromQuery(url.searchParams)
  if (request) {
    return {
      search: await catalogSearch(request, fetch),
      suppliers: [] as SupplierCard[],
      totalCount: 0,
      nextCursor: null,
      isFirstPage: true,
      renderedAt: new Date().toISOString(),
    }
  }

  const after = url.searchParams.get('after')?.trim() || null
  if (after !== null && after.length > CURSOR_MAX) error(400, 'That page of suppliers doesn’t exist.')

  let data: HomeSuppliersData
  try {
    data = await gql<HomeSuppliersData>(HOME_SUPPLIERS, { first: PAGE_SIZE, after }, { fetch })
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    if (after !== null && isBadInput(err)) {
      error(400, 'That page of suppliers doesn’t exist.')
    }
    console.error(`[web] home page: ${err.toLogString()}`)
    error(503, 'We can’t reach our suppliers right now. Please try again in a moment.')
  }

  const { suppliers } = data
  return {
    search: null,
    suppliers: suppliers.edges.map(({ node }) => supplierCard(node)),
    totalCount: suppliers.totalCount,
    nextCursor: suppliers.pageInfo.hasNextPage ? suppliers.pageInfo.endCursor : null,
    isFirstPage: after === null,
    // Local clocks are computed from this instant on the server and again after hydration,
    // so server and client render the same text.
    renderedAt: new Date().toISOString(),
  }
}
