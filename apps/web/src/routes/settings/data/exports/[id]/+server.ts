import { error, redirect } from '@sveltejs/kit'
import { fetchDataExport, GatewayError } from '$lib/server/gateway'
import type { RequestHandler } from './$types'

// The viewer's data archive, from the gateway, served from the web app's origin: the session
// cookie stays here and goes on as the viewer's token. The gateway answers the zip once; after
// that (or once it has expired) the settings page explains why there is nothing to download.
export const GET: RequestHandler = async ({ params, locals }) => {
  if (!/^[0-9a-f-]{36}$/.test(params.id)) error(404, 'No such archive.')
  if (!locals.token) redirect(303, `/sign-in?next=${encodeURIComponent('/settings/data')}`)
  let response: Response
  try {
    response = await fetchDataExport(params.id)
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    console.error(`[web] data export: ${err.toLogString()}`)
    error(503, 'We can’t fetch your archive right now. Please try again in a moment.')
  }
  if (response.status >= 400 && response.status < 500) {
    // { error: { message, code } }: the code says which explanation the page shows.
    const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null
    const code = body?.error?.code ?? (response.status === 401 ? 'UNAUTHENTICATED' : 'NOT_FOUND')
    redirect(303, `/settings/data?problem=${encodeURIComponent(code)}`)
  }
  if (!response.ok) {
    await response.body?.cancel()
    error(502, 'We can’t fetch your archive right now.')
  }
  const headers = new Headers()
  for (const name of ['content-type', 'content-length', 'content-disposition']) {
    const value = response.headers.get(name)
    if (value) headers.set(name, value)
  }
  headers.set('cache-control', 'no-store')
  headers.set('x-content-type-options', 'nosniff')
  return new Response(response.body, { status: 200, headers })
}
