// The browser's own timings of a page view (PageTimings.svelte sends them with sendBeacon when the
// page is hidden, or a few seconds after it loaded): the page load and the largest contentful
// paint, counted for the staff performance page. Anyone may send them, signed in or not — every
// real visitor counts — so what is taken is narrow: a route this process has served, and
// durations a page could really take (beacon.ts).
//
// SvelteKit's CSRF check refuses only cross-origin form content types (urlencoded, multipart,
// text/plain); sendBeacon here posts same-origin application/json, which passes it as it should.
import { json } from '@sveltejs/kit'
import { hasServedRoute, recordTiming } from '$lib/server/stats'
import { readBodyUpTo } from '$lib/server/request-body'
import { BEACON_MAX_BYTES, parseBeacon } from './beacon'
import type { RequestHandler } from './$types'

export const POST: RequestHandler = async ({ request }) => {
  const text = await readBodyUpTo(request, BEACON_MAX_BYTES)
  const beacon = text === null ? null : parseBeacon(text)
  if (!beacon) return json({ message: 'Send { route, loadMs?, lcpMs? } as JSON, at most 1 KB.' }, { status: 400 })
  // A route this process never served (a tab from before a deploy, a page another process
  // rendered, or made up) is answered the same and not counted: the browser can't do better.
  if (hasServedRoute(beacon.route)) {
    if (beacon.loadMs !== undefined) recordTiming('page-load', beacon.route, beacon.loadMs, false)
    if (beacon.lcpMs !== undefined) recordTiming('lcp', beacon.route, beacon.lcpMs, false)
  }
  return new Response(null, { status: 204 })
}
