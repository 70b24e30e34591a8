import { error, fail, redirect } from '@sveltejs/kit'
import { POST_SUPPLIER_UPDATE, SUPPLIER_UPDATES_PAGE } from '$lib/graphql/relationships'
import { followActions } from '$lib/server/follow-actions'
import { GatewayError, gql } from '$lib/server/gateway'
import { isBadInput } from '$lib/server/http-status'
import { getLimits } from '$lib/server/limits'
import type { Limits } from '$lib/graphql/limits'
import type { Actions, PageServerLoad } from './$types'

const PAGE_SIZE = 20

export type UpdateRow = { id: string; title: string; body: string; publishedAt: string; authorName: string; supplier: { slug: string; name: string } }
type Data = {
  supplier: {
    id: string
    slug: string
    name: string
    followerCount: number
    viewerFollow: { muted: boolean } | null
    updates: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: UpdateRow }> }
  } | null
}

export const load: PageServerLoad = async ({ params, url, locals }) => {
  const after = url.searchParams.get('after') || null
  let data: Data
  let limits: Limits
  try {
    ;[data, limits] = await Promise.all([gql<Data>(SUPPLIER_UPDATES_PAGE, { slug: params.slug, first: PAGE_SIZE, after }), getLimits()])
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    if (isBadInput(err) && after) error(400, 'That page of updates doesn’t exist.')
    console.error(`[web] supplier updates: ${err.toLogString()}`)
    error(503, 'We can’t load these updates right now. Please try again in a moment.')
  }
  const supplier = data.supplier
  if (!supplier) error(404, 'We couldn’t find that supplier.')
  const { updates, ...rest } = supplier
  return {
    supplier: rest,
    updates: updates.edges.map((e) => e.node),
    next: updates.pageInfo.hasNextPage ? updates.pageInfo.endCursor : null,
    firstPage: after === null,
    isMember: locals.viewer?.memberships.some((m) => m.supplier.id === supplier.id) ?? false,
    canFollow: !!locals.viewer?.buyer,
    signedIn: !!locals.viewer,
    limits,
  }
}

type PostResult = { postSupplierUpdate: { __typename: string; id?: string; message?: string; field?: string | null } }

export const actions: Actions = {
  ...followActions,
  post: async ({ request, locals, params }) => {
    if (!locals.viewer) redirect(303, `/sign-in?next=${encodeURIComponent(`/suppliers/${params.slug}/updates`)}`)
    const form = await request.formData()
    const title = String(form.get('title') ?? '')
    const body = String(form.get('body') ?? '')
    const supplierId = String(form.get('supplierId') ?? '')
    try {
      const result = (await gql<PostResult>(POST_SUPPLIER_UPDATE, { input: { supplierId, title, body } })).postSupplierUpdate
      if (result.__typename !== 'SupplierUpdate')
        return fail(result.__typename === 'RateLimitedError' ? 429 : 400, { postProblem: result.message ?? 'That didn’t work.', field: result.field ?? null, title, body })
    } catch (err) {
      if (!(err instanceof GatewayError)) throw err
      console.error(`[web] post supplier update: ${err.toLogString()}`)
      return fail(503, { postProblem: 'That didn’t go through. Please try again.', field: null, title, body })
    }
    return { posted: true }
  },
}
