import { DEVELOPER_DOCS } from '$lib/graphql/developers'
import type { ApiScope } from '$lib/developers'
import { apiReference } from '$lib/server/api-docs'
import { gatewayWsUrl } from '$lib/server/env'
import { GatewayError, gql } from '$lib/server/gateway'
import type { PageServerLoad } from './$types'

/** The API's address as browsers and partners reach it (GATEWAY_WS_URL's host, over HTTP). */
function publicApiUrl(page: URL): { http: string; ws: string } {
  const ws = gatewayWsUrl(page)
  const http = new URL(ws)
  http.protocol = ws.protocol === 'wss:' ? 'https:' : 'http:'
  return { http: http.href, ws: ws.href }
}

// Public, like any API's docs. The scopes and webhook events come from the gateway (its one
// lists); the reference from the schema this server was built with.
export const load: PageServerLoad = async ({ url }) => {
  let scopes: ApiScope[] | null = null
  let webhookEvents: string[] | null = null
  try {
    const lists = await gql<{ apiScopes: ApiScope[]; webhookEvents: string[] }>(DEVELOPER_DOCS, {}, { token: null })
    scopes = lists.apiScopes
    webhookEvents = lists.webhookEvents
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    console.error(`[web] developer docs: ${err.toLogString()}`)
  }
  return { api: publicApiUrl(url), scopes, webhookEvents, reference: apiReference() }
}
