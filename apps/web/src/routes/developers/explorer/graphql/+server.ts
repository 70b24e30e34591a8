import { explorerError, proxyExplorerRequest } from '$lib/server/explorer-proxy'
import type { RequestHandler } from './$types'

/** GraphiQL's requests, forwarded to the gateway with the API key they carry and nothing else. */
export const POST: RequestHandler = ({ request, getClientAddress, locals }) => {
  let clientAddress: string | null = null
  try {
    clientAddress = getClientAddress()
  } catch {
    // No address behind some proxies: the gateway then records this server's.
  }
  return proxyExplorerRequest(request, { clientAddress, requestId: locals.requestId })
}

/** Anything but POST: one clear answer in GraphQL's error shape. */
export const fallback: RequestHandler = () =>
  explorerError(405, 'BAD_REQUEST', 'Send operations with POST and a JSON body.', { allow: 'POST' })
