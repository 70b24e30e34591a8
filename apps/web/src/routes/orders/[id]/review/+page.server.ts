import { error, fail, redirect } from '@sveltejs/kit'
import {
  BUYER_CONVERSATIONS,
  DELETE_REVIEW,
  ORDER_REVIEW,
  UPDATE_REVIEW,
  WRITE_REVIEW,
  type ModerationNoticeView,
} from '$lib/graphql/reviews'
import { GatewayError, gql } from '$lib/server/gateway'
import { getLimits } from '$lib/server/limits'
import type { Actions, PageServerLoad } from './$types'

type Order = {
  id: string
  number: string
  status: string
  deliveredAt: string | null
  reviewClosesAt: string | null
  items: Array<{ productName: string; quantity: number }>
  supplier: { slug: string; name: string }
  review: {
    id: string
    rating: number
    title: string | null
    body: string
    conversationId: string | null
    updateSuggested: boolean
    resolvedBySupplierAt: string | null
    moderation: ModerationNoticeView | null
  } | null
}
type Result = { __typename: string; id?: string; message?: string; code?: string; field?: string | null }

async function loadOrder(id: string, url: URL, signedIn: boolean): Promise<Order> {
  if (!signedIn) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname)}`)
  let node: Order | null
  try {
    node = (await gql<{ node: Order | null }>(ORDER_REVIEW, { id })).node
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    if (err.code === 'BAD_USER_INPUT') error(404, 'We couldn’t find that order.')
    console.error(`[web] order review: ${err.toLogString()}`)
    error(503, 'We can’t load this order right now. Please try again in a moment.')
  }
  // Someone else's order reads as no order at all.
  if (!node?.number) error(404, 'We couldn’t find that order among yours.')
  return node
}

export const load: PageServerLoad = async ({ params, url, locals }) => {
  const order = await loadOrder(params.id, url, !!locals.viewer)
  return { order, now: Date.now(), limits: await getLimits(), conversations: await conversationsWith(order.supplier.slug) }
}

type Conversations = { viewer: { conversations: { edges: Array<{ node: { id: string; subject: string | null; lastMessageAt: string; supplier: { slug: string } } }> } } | null }

/** The buyer's recent conversations with the order's supplier; the form works without them. */
async function conversationsWith(slug: string) {
  try {
    const data = await gql<Conversations>(BUYER_CONVERSATIONS, {})
    return (data.viewer?.conversations.edges ?? []).map((e) => e.node).filter((c) => c.supplier.slug === slug)
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    console.error(`[web] review form conversations: ${err.toLogString()}`)
    return []
  }
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim()

export const actions: Actions = {
  delete: async ({ params, url, locals }) => {
    const order = await loadOrder(params.id, url, !!locals.viewer)
    if (!order.review) redirect(303, '/orders')
    let result: { __typename: string; message?: string }
    try {
      result = (
        await gql<{ deleteReview: { __typename: string; message?: string } }>(DELETE_REVIEW, {
          input: { reviewId: order.review.id },
        })
      ).deleteReview
    } catch (err) {
      if (!(err instanceof GatewayError)) throw err
      console.error(`[web] delete review: ${err.toLogString()}`)
      return fail(err.kind === 'network' ? 503 : 400, {
        message: 'We couldn’t delete your review. Nothing was changed; please try again.',
        errors: {},
        values: null,
      })
    }
    if (result.__typename !== 'DeletedReview')
      return fail(409, { message: result.message ?? 'That didn’t work.', errors: {}, values: null })
    redirect(303, `/orders?deleted=${encodeURIComponent(order.number)}`)
  },
  save: async ({ request, params, url, locals }) => {
    const order = await loadOrder(params.id, url, !!locals.viewer)
    const form = await request.formData()
    const values = { rating: text(form, 'rating'), title: text(form, 'title'), body: text(form, 'body'), conversationId: text(form, 'conversationId') }
    const errors: Record<string, string> = {}
    const rating = Number(values.rating)
    if (!Number.isInteger(rating) || rating < 1 || rating > 5) errors.rating = 'Choose 1 to 5 stars.'
    if (!values.body) errors.body = 'Write a few words about your order.'
    if (Object.keys(errors).length)
      return fail(400, { message: 'Please correct the highlighted fields. Nothing was published.', errors, values })

    const content = { rating, title: values.title || null, body: values.body, conversationId: values.conversationId || null }
    let result: Result
    try {
      result = order.review
        ? (await gql<{ updateReview: Result }>(UPDATE_REVIEW, { input: { reviewId: order.review.id, ...content } }))
            .updateReview
        : (await gql<{ writeReview: Result }>(WRITE_REVIEW, { input: { orderId: order.id, ...content } })).writeReview
    } catch (err) {
      if (!(err instanceof GatewayError)) throw err
      console.error(`[web] write review: ${err.toLogString()}`)
      return fail(err.kind === 'network' ? 503 : 400, {
        message: 'We couldn’t publish your review. Nothing was changed; please try again.',
        errors: {},
        values,
      })
    }
    if (result.__typename === 'Review') redirect(303, `/orders?reviewed=${encodeURIComponent(order.number)}`)
    // The gateway's message says what to do (window closed on a date, already reviewed, …).
    const field = result.field ?? null
    return fail(result.code === 'VALIDATION_FAILED' ? 400 : 409, {
      message: field
        ? 'Please correct the highlighted fields. Nothing was published.'
        : (result.message ?? 'That didn’t work.'),
      errors: field ? { [field]: result.message ?? 'Check this field.' } : {},
      values,
    })
  },
}
