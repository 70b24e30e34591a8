import { error } from '@sveltejs/kit'
import { SUPPLIER_PAGE, type ResponseMetricsData, type ServiceHoursData } from '$lib/graphql/catalog'
import { GatewayError, gql } from '$lib/server/gateway'
import type { Money } from '$lib/types'
import { followActions } from '$lib/server/follow-actions'
import type { Actions, PageServerLoad } from './$types'

const PRODUCTS = 24

type SupplierPageData = {
  supplier: {
    id: string
    slug: string
    name: string
    tagline: string | null
    philosophy: string | null
    about: string | null
    location: string | null
    timeZone: string
    responseTarget: number
    serviceHours: ServiceHoursData[]
    /** Upcoming local dates without service, soonest first. */
    closures: string[]
    ratingSummary: { count: number; average: number | null; distribution: number[] }
    followerCount: number
    viewerFollow: { muted: boolean } | null
    updates: { edges: Array<{ node: { id: string; title: string; publishedAt: string } }> }
    responseMetrics: ResponseMetricsData | null
    team: Array<{ id: string; displayName: string; title: string | null; role: 'OWNER' | 'AGENT' }>
    products: {
      pageInfo: { hasNextPage: boolean }
      edges: Array<{
        node: { id: string; name: string; slug: string; description: string; imageUrl: string | null; price: Money }
      }>
    }
  } | null
}

export const load: PageServerLoad = async ({ params, locals }) => {
  let data: SupplierPageData
  try {
    data = await gql<SupplierPageData>(SUPPLIER_PAGE, { slug: params.slug, products: PRODUCTS })
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    console.error(`[web] supplier page: ${err.toLogString()}`)
    error(503, 'We can’t reach this supplier’s page right now. Please try again in a moment.')
  }
  const supplier = data.supplier
  if (!supplier) error(404, 'We couldn’t find that supplier. The link may be old, or the shop may have closed.')

  const { products, ...rest } = supplier
  return {
    supplier: rest,
    products: products.edges.map((e) => e.node),
    moreProducts: products.pageInfo.hasNextPage,
    isMember: locals.viewer?.memberships.some((m) => m.supplier.id === supplier.id) ?? false,
    canFollow: !!locals.viewer?.buyer,
    signedIn: !!locals.viewer,
  }
}

export const actions: Actions = followActions
