import { error } from '@sveltejs/kit'
import { GatewayError, gql } from '$lib/server/gateway'
import { isBadInput } from '$lib/server/http-status'
import { excerpt } from '$lib/text'
import type { PageServerLoad } from './$types'

const PAGE_SIZE = 12

const HOME_SUPPLIERS = /* GraphQL */ `
  query HomeSuppliers($first: Int!, $after: String) {
    suppliers(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          slug
          name
          tagline
          philosophy
          location
          timeZone
        }
      }
    }
  }
`

interface SupplierNode {
  id: string
  slug: string
  name: string
  tagline: string | null
  philosophy: string | null
  location: string | null
  timeZone: string
}

interface HomeSuppliersData {
  suppliers: {
    totalCount: number
    pageInfo: { hasNextPage: boolean; endCursor: string | null }
    edges: Array<{ cursor: string; node: SupplierNode }>
  }
}

export const load: PageServerLoad = async ({ fetch, url }) => {
  const after = url.searchParams.get('after')?.trim() || null
  if (after !== null && after.length > 512) error(400, 'That page of suppliers doesn’t exist.')

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
    suppliers: suppliers.edges.map(({ node }) => ({
      id: node.id,
      slug: node.slug,
      name: node.name,
      tagline: node.tagline,
      location: node.location,
      timeZone: node.timeZone,
      // Only the teaser travels to the browser, not the whole text.
      philosophyExcerpt: excerpt(node.philosophy),
    })),
    totalCount: suppliers.totalCount,
    nextCursor: suppliers.pageInfo.hasNextPage ? suppliers.pageInfo.endCursor : null,
    isFirstPage: after === null,
    // Local clocks are computed from this instant on the server and again after hydration,
    // so server and client render the same text.
    renderedAt: new Date().toISOString(),
  }
}
