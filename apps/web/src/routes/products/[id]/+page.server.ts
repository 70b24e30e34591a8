import { error, fail, redirect } from '@sveltejs/kit'
import { PRODUCT_PAGE, START_CONVERSATION, type ServiceHoursData } from '$lib/graphql/catalog'
import type { ResultError } from '$lib/graphql/auth'
import { GatewayError, gql } from '$lib/server/gateway'
import { getLimits } from '$lib/server/limits'
import { isBadInput, resultErrorStatus } from '$lib/server/http-status'
import { PRODUCT_FEEDBACK, type ProductFeedbackData } from '$lib/graphql/questions'
import { answerAction, askAction, voteAction } from '$lib/server/qa-actions'
import { reportAction, reportActionHref } from '$lib/server/report-action'
import type { Money } from '$lib/types'
import type { Actions, PageServerLoad } from './$types'

type ProductPageData = {
  product: {
    id: string
    name: string
    slug: string
    description: string
    imageUrl: string | null
    price: Money
    supplier: {
      id: string
      slug: string
      name: string
      tagline: string | null
      location: string | null
      timeZone: string
      serviceHours: ServiceHoursData[]
      closures: string[]
      ratingSummary: { count: number; average: number | null }
      responseMetrics: { usuallyRepliesWithin: number | null } | null
    }
  } | null
}

type StartResult =
  | { __typename: 'StartConversationPayload'; duplicate: boolean; notice: string | null; conversation: { id: string } }
  | ResultError

/** A question typed while signed out waits here while they sign in (for one product, an hour). */
const DRAFT_COOKIE = 'rapport_question'

function readDraft(raw: string | undefined, productId: string): string {
  try {
    const draft = JSON.parse(raw ?? '') as { productId?: unknown; body?: unknown }
    return draft.productId === productId && typeof draft.body === 'string' ? draft.body : ''
  } catch {
    return ''
  }
}

async function loadProduct(id: string) {
  try {
    return (await gql<ProductPageData>(PRODUCT_PAGE, { id })).product
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    if (isBadInput(err)) return null
    console.error(`[web] product page: ${err.toLogString()}`)
    error(503, 'We can’t reach this product right now. Please try again in a moment.')
  }
}

/** Browsers drop cookies over 4 KB: keep as much of a long question as fits once encoded. */
function draftCookie(productId: string, body: string): string {
  let kept = body
  let value = JSON.stringify({ productId, body: kept })
  while (encodeURIComponent(value).length > 3500) {
    kept = kept.slice(0, Math.floor(kept.length * 0.8))
    value = JSON.stringify({ productId, body: kept })
  }
  return value
}

/** Questions per page under the product. */
const QUESTIONS = 10

/** Reviews and Q&A: the page still shows the product when they can't be read. */
async function loadFeedback(id: string, after: string | null) {
  try {
    return (await gql<ProductFeedbackData>(PRODUCT_FEEDBACK, { id, reviews: 3, questions: QUESTIONS, after })).product
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    console.error(`[web] product reviews and questions: ${err.toLogString()}`)
    return null
  }
}

export const load: PageServerLoad = async ({ params, locals, cookies, url }) => {
  const after = url.searchParams.get('questions')
  const [product, feedback] = await Promise.all([loadProduct(params.id), loadFeedback(params.id, after)])
  if (!product) error(404, 'We couldn’t find that product. It may have been removed.')
  return {
    product,
    feedback,
    questionsAfter: after,
    reportAction: reportActionHref(url),
    reported: url.searchParams.get('reported'),
    limits: await getLimits(),
    // A fresh id per render: sending the same form twice (a double click, a retry after a
    // timeout) delivers one message.
    clientMessageId: crypto.randomUUID(),
    draft: locals.viewer ? readDraft(cookies.get(DRAFT_COOKIE), product.id) : '',
    canAsk: !locals.viewer || !!locals.viewer.buyer,
  }
}

type Errors = { body?: string; form?: string }

export const actions: Actions = {
  askPublic: (event) => askAction(event, event.params.id),
  answer: answerAction,
  helpful: voteAction,
  report: reportAction,
  ask: async ({ params, request, locals, cookies, url }) => {
    const form = await request.formData()
    const body = String(form.get('body') ?? '').trim()
    const clientMessageId = String(form.get('clientMessageId') ?? '')
    const refuse = (status: number, errors: Errors) => fail(status, { body, clientMessageId, errors })
    const here = `/products/${encodeURIComponent(params.id)}`

    if (!locals.viewer) {
      // Keep what they typed, then come back here after signing in (or up).
      if (body) {
        // The path is the same however the product's id is spelled in the URL (%3D or =).
        cookies.set(DRAFT_COOKIE, draftCookie(params.id, body), {
          path: '/products',
          httpOnly: true,
          sameSite: 'lax',
          secure: url.protocol === 'https:',
          maxAge: 60 * 60,
        })
      }
      redirect(303, `/sign-in?next=${encodeURIComponent(here)}`)
    }
    if (!locals.viewer.buyer) {
      return refuse(403, { form: 'Only buyer accounts can ask suppliers questions. Sign in with a buyer account.' })
    }
    if (!body) return refuse(400, { body: 'Write your question first.' })
    const { messageBodyMaxLength } = await getLimits()
    if (body.length > messageBodyMaxLength)
      return refuse(400, { body: `Keep it under ${messageBodyMaxLength.toLocaleString('en')} characters.` })
    if (!/^[A-Za-z0-9_-]{8,64}$/.test(clientMessageId)) return refuse(400, { form: 'Please send the form again.' })

    const product = await loadProduct(params.id)
    if (!product) error(404, 'We couldn’t find that product. It may have been removed.')

    let result: StartResult
    try {
      result = (
        await gql<{ startConversation: StartResult }>(START_CONVERSATION, {
          input: { supplierId: product.supplier.id, productId: product.id, body, clientMessageId },
        })
      ).startConversation
    } catch (err) {
      if (!(err instanceof GatewayError)) throw err
      console.error(`[web] ask supplier: ${err.toLogString()}`)
      // Same clientMessageId on the retry: if it did arrive, it won't arrive twice.
      return refuse(503, { form: 'Your question didn’t go through. Please send it again.' })
    }

    if ('conversation' in result) {
      cookies.delete(DRAFT_COOKIE, { path: '/products' })
      redirect(303, `/conversations/${encodeURIComponent(result.conversation.id)}`)
    }
    if (result.__typename === 'ValidationError' && result.field === 'body') return refuse(400, { body: result.message })
    return refuse(resultErrorStatus(result), { form: result.message })
  },
}
