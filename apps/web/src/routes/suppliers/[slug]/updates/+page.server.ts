import { error, fail, redirect } from '@sveltejs/kit'
import { POST_SUPPLIER_UPDATE, SUPPLIER_UPDATES_PAGE } from '$lib/graphql/relationships'
import { formatFileSize, pictureProblem, pictureTypeNames, pictureTypes } from '$lib/pictures'
import { bodySizeLimit } from '$lib/server/env'
import { followActions } from '$lib/server/follow-actions'
import { GatewayError, gql, uploadAttachment } from '$lib/server/gateway'
import { isBadInput } from '$lib/server/http-status'
import { formFileMaxBytes, getLimits } from '$lib/server/limits'
import type { Limits } from '$lib/graphql/limits'
import type { UpdateRow } from '$lib/types'
import type { Actions, PageServerLoad } from './$types'

const PAGE_SIZE = 20

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

/** What an update's picture may be here: the gateway's image types, up to what a form post can carry. */
function pictureRules(limits: Limits) {
  return { types: pictureTypes(limits.attachmentContentTypes), maxBytes: formFileMaxBytes(limits) }
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
    picture: pictureRules(limits),
  }
}

type PostResult = { postSupplierUpdate: { __typename: string; id?: string; message?: string; field?: string | null } }

/** The form's fields the page shows a problem beside ("image" is the picture's file field). */
type Field = 'title' | 'body' | 'image' | null

/** Hands the chosen picture to the gateway as the viewer; its id for postSupplierUpdate, or why not. */
async function uploadPicture(file: File, limits: Limits): Promise<{ id: string } | { status: number; problem: string }> {
  const rules = pictureRules(limits)
  const problem = pictureProblem(file, rules)
  if (problem) return { status: file.size > rules.maxBytes ? 413 : 400, problem }
  const name = file.name || 'That file'
  const notAPicture = `${name} isn’t a picture we can show. Choose a ${pictureTypeNames(rules.types)} file.`
  let result: Awaited<ReturnType<typeof uploadAttachment>>
  try {
    result = await uploadAttachment(file)
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    console.error(`[web] update picture upload: ${err.toLogString()}`)
    return { status: 503, problem: 'We couldn’t reach the server to upload the picture. Please try again.' }
  }
  if ('error' in result) {
    if (result.status === 401) return { status: 401, problem: 'Please sign in again.' }
    if (result.status === 413) return { status: 413, problem: `${name} is larger than ${formatFileSize(rules.maxBytes)}. Choose a smaller picture.` }
    // Size and emptiness are checked above, so what the gateway refuses is the file's kind
    // (its bytes, whatever its name says); its own words would also offer PDF.
    return { status: 400, problem: notAPicture }
  }
  // A PDF named "photo.png" is stored as the PDF it is; it can't be a picture.
  if (!result.attachment.contentType.startsWith('image/')) return { status: 400, problem: notAPicture }
  return { id: result.attachment.id }
}

export const actions: Actions = {
  ...followActions,
  post: async ({ request, locals, params }) => {
    if (!locals.viewer) redirect(303, `/sign-in?next=${encodeURIComponent(`/suppliers/${params.slug}/updates`)}`)
    let form: FormData
    try {
      form = await request.formData()
    } catch (err) {
      // A post over this server's BODY_SIZE_LIMIT (a picture too big to carry) can't be read at all.
      const tooLarge =
        (err as { status?: number } | null)?.status === 413 ||
        Number(request.headers.get('content-length')) > bodySizeLimit()
      if (!tooLarge) throw err
      const limits = await getLimits().catch(() => null)
      const limit = limits ? ` Pictures can be up to ${formatFileSize(formFileMaxBytes(limits))}.` : ''
      return fail(413, {
        postProblem: `That picture is too large to upload.${limit} Choose a smaller one, and write the update again.`,
        field: 'image' as Field,
        title: '',
        body: '',
      })
    }
    const title = String(form.get('title') ?? '')
    const body = String(form.get('body') ?? '')
    const supplierId = String(form.get('supplierId') ?? '')
    const refuse = (status: number, postProblem: string, field: Field = null) => fail(status, { postProblem, field, title, body })

    // No file chosen arrives as an empty, nameless part.
    const file = form.get('image')
    const picture = file instanceof File && (file.size > 0 || file.name !== '') ? file : null
    try {
      let imageId: string | null = null
      if (picture) {
        const uploaded = await uploadPicture(picture, await getLimits())
        // A refused file shows beside the field; a lost session or server, above the form.
        if ('problem' in uploaded) return refuse(uploaded.status, uploaded.problem, uploaded.status === 401 || uploaded.status === 503 ? null : 'image')
        imageId = uploaded.id
      }
      const input = { supplierId, title, body, ...(imageId ? { imageId } : {}) }
      const result = (await gql<PostResult>(POST_SUPPLIER_UPDATE, { input })).postSupplierUpdate
      if (result.__typename !== 'SupplierUpdate') {
        const field: Field = result.field === 'imageId' ? 'image' : result.field === 'title' || result.field === 'body' ? result.field : null
        return refuse(result.__typename === 'RateLimitedError' ? 429 : 400, result.message ?? 'That didn’t work.', field)
      }
    } catch (err) {
      if (!(err instanceof GatewayError)) throw err
      console.error(`[web] post supplier update: ${err.toLogString()}`)
      return refuse(503, 'That didn’t go through. Please try again.')
    }
    return { posted: true }
  },
}
