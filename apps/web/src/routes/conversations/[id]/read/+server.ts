import { GatewayError, gql } from '$lib/server/gateway'
import { MARK_READ } from '$lib/graphql/messaging'
import type { RequestHandler } from './$types'

// The conversation page's <noscript> image: without JavaScript nothing can tell what came on
// screen, so loading the page reads what it showed (as it always did without JavaScript). With
// JavaScript the image never loads and the page reads only what the viewer saw. Marking read is
// idempotent and only moves forward, and the session cookie (SameSite=Lax) doesn't go along with
// images on other sites' pages.
export const GET: RequestHandler = async ({ params, url, locals }) => {
  const sequence = Number(url.searchParams.get('through'))
  const headers = { 'cache-control': 'no-store' }
  if (!locals.token || !Number.isInteger(sequence) || sequence <= 0) return new Response(null, { status: 204, headers })
  try {
    await gql(MARK_READ, { input: { conversationId: params.id, sequence } })
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    console.error(`[web] mark read without JavaScript: ${err.toLogString()}`)
  }
  return new Response(null, { status: 204, headers })
}
