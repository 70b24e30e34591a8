import type { Handle, HandleServerError, RequestEvent } from '@sveltejs/kit'
import {
  checkSession,
  clearSessionCookie,
  SESSION_COOKIE,
  TIME_ZONE_COOKIE,
  timeZoneFromLanguages,
  validTimeZone,
} from '$lib/server/session'
import type { StaffStats, Viewer } from '$lib/types'
import { renderedStatus } from '$lib/server/page-status'
import { recordTiming, routeServed } from '$lib/server/stats'

/** The beacon's own posts are not timed: they are the browser's timings, not a page of ours. */
const BEACON_ROUTE = '/stats/beacon'

/**
 * Every request: verify the session cookie with the gateway (never trust the cookie itself),
 * settle the visitor's time zone, and — for staff — collect page statistics. Every request is
 * also timed for the staff performance page, under its route id ("/conversations/[id]"), from
 * here to the response being returned (a streamed page's later chunks are not in it); a 5xx
 * counts as an error. Page data requests (client-side navigation) count under their page's route.
 * A URL that matched no route (a 404, a probe) counts as "(no route)": one name, however many
 * URLs, so odd traffic shows without filling the page. Static files never come through here.
 */
export const handle: Handle = async (input) => {
  const started = performance.now()
  // Optional: unit tests make events without a route.
  const routeId = (input.event.route as RequestEvent['route'] | undefined)?.id ?? null
  if (routeId) routeServed(routeId)
  let status = 500
  try {
    const response = await handleRequest(input)
    status = response.status
    return response
  } finally {
    if (routeId !== BEACON_ROUTE)
      recordTiming('route', routeId ?? '(no route)', performance.now() - started, status >= 500)
  }
}

const handleRequest: Handle = async ({ event, resolve }) => {
  const { locals } = event
  locals.requestId = crypto.randomUUID()
  locals.startedAt = performance.now()
  locals.gatewayCalls = []
  locals.token = null
  locals.viewer = null
  locals.staffStats = null

  const token = event.cookies.get(SESSION_COOKIE)
  const viewer = token ? await verifySession(event, token) : null
  locals.timeZone =
    validTimeZone(event.cookies.get(TIME_ZONE_COOKIE)) ??
    validTimeZone(viewer?.buyer?.timeZone) ??
    timeZoneFromLanguages(event.request.headers.get('accept-language')) ??
    'UTC'

  if (!viewer?.isStaff) return resolve(event)

  // Streamed to the page (see +layout.server.ts): it can only be known once the page is rendered.
  let settle: (stats: StaffStats) => void = () => {}
  locals.staffStats = new Promise<StaffStats>((resolvePromise) => (settle = resolvePromise))
  const stats = (): StaffStats => ({
    requestId: locals.requestId,
    calls: [...locals.gatewayCalls],
    renderMs: Math.round(performance.now() - locals.startedAt),
  })
  try {
    // A page whose data holds a promise (the staff statistics) is streamed, and SvelteKit's
    // streamed response leaves out the page's status: every 404, 403 or failed form would answer
    // 200. The status is still written into the page's hydration data, so it is taken from there.
    let pageStatus: number | null = null
    const resolved = await resolve(event, {
      transformPageChunk: ({ html }) => {
        pageStatus ??= renderedStatus(html)
        return html
      },
    })
    const response =
      pageStatus !== null && pageStatus !== resolved.status
        ? new Response(resolved.body, { status: pageStatus, headers: resolved.headers })
        : resolved
    const done = stats()
    settle(done)
    try {
      response.headers.append('server-timing', `render;dur=${done.renderMs}`)
    } catch {
      // Some responses (redirects made by fetch, static files) have immutable headers.
    }
    return response
  } catch (error) {
    settle(stats())
    throw error
  }
}

async function verifySession(event: RequestEvent, token: string): Promise<Viewer | null> {
  const check = await checkSession(token)
  if (check.kind === 'valid') {
    event.locals.token = token
    event.locals.viewer = check.viewer
    return check.viewer
  }
  if (check.kind === 'invalid') {
    clearSessionCookie(event.cookies, event.url)
  } else {
    // The gateway is down or slow: show the page signed out, but keep the cookie — the session
    // is probably fine and will work again when the gateway is back.
    console.error(`[web] session check failed: ${check.error.toLogString()}`)
  }
  return null
}

/**
 * Unexpected errors (bugs, crashed dependencies) end up here. The user gets a calm message and
 * an id they can quote; the log gets the full error under the same id. Expected errors thrown with
 * `error(status, …)` don't come through here.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
  // An unknown URL (SvelteKit's own 404) is not a failure of ours: no log line, no reference,
  // and +error.svelte explains it as a missing page.
  if (status === 404) return { message }
  const id = crypto.randomUUID()
  console.error(
    `[web] error ${id}: ${status} ${message} on ${event.request.method} ${event.url.pathname}${event.url.search}`,
    error,
  )
  return { message: 'Something went wrong on our side.', id }
}
