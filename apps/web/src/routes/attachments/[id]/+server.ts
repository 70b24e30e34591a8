import { error } from '@sveltejs/kit'
import { fetchAttachment, GatewayError } from '$lib/server/gateway'
import type { RequestHandler } from './$types'

// Files from the gateway, served from the web app's origin: the browser's session cookie stays
// here and goes on as the viewer's token. The gateway decides who may read what: a conversation's
// people its files, anyone (signed out too) a published update's picture.
export const GET: RequestHandler = async ({ params, locals }) => {
  if (!/^[0-9a-f-]{36}$/.test(params.id)) error(404, 'No such file.')
  let response: Response
  try {
    response = await fetchAttachment(params.id)
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    console.error(`[web] attachment: ${err.toLogString()}`)
    error(503, 'We can’t fetch this file right now. Please try again in a moment.')
  }
  if (response.status === 404 || response.status === 401) {
    await response.body?.cancel()
    // Signed out, a file that isn't public may still be the visitor's once they sign in.
    if (!locals.token) error(401, 'Sign in to see this file.')
    error(404, 'No such file, or it isn’t yours to see.')
  }
  if (!response.ok) {
    await response.body?.cancel()
    error(502, 'We can’t fetch this file right now.')
  }
  const headers = new Headers()
  for (const name of ['content-type', 'content-length', 'content-disposition', 'cache-control']) {
    const value = response.headers.get(name)
    if (value) headers.set(name, value)
  }
  headers.set('x-content-type-options', 'nosniff')
  // A file is never a page: no scripts even if someone manages to upload one.
  headers.set('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox")
  return new Response(response.body, { status: 200, headers })
}
