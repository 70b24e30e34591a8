// See https://svelte.dev/docs/kit/types#app.d.ts
import type { GatewayCall, StaffStats, Viewer } from '$lib/types'

declare global {
  namespace App {
    interface Error {
      message: string
      /** Correlates what the user sees with the server log line. */
      id?: string
    }
    interface Locals {
      /** The session token from the `rapport_session` cookie, once the gateway has accepted it. */
      token: string | null
      /** Null when signed out, or when the session is no longer valid. */
      viewer: Viewer | null
      /** The visitor's IANA zone: their browser's (cookie), their buyer profile's, a guess from Accept-Language, or UTC. */
      timeZone: string
      /** Sent to the gateway as x-request-id with every operation made for this request. */
      requestId: string
      /** When handling started (performance.now()). */
      startedAt: number
      /** Gateway operations made for this request, in order. */
      gatewayCalls: GatewayCall[]
      /** Staff only: this request's statistics, settled once the response has been rendered. */
      staffStats: Promise<StaffStats> | null
    }
    // interface PageData {}
    // interface PageState {}
    // interface Platform {}
  }
}

export {}
