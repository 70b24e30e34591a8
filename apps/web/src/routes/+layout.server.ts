import { gatewayWsUrl } from '$lib/server/env'
import { TIME_ZONE_COOKIE } from '$lib/server/session'
import type { LayoutServerLoad } from './$types'

export const load: LayoutServerLoad = ({ locals, url, cookies, depends }) => {
  // Pages invalidate this after reading messages, so the header's unread count follows.
  depends('app:viewer')
  // Staff statistics describe one page: for staff, this load re-runs on every navigation.
  if (locals.viewer?.isStaff) void url.href
  return {
    viewer: locals.viewer,
    /** The live connection's address (the bell follows notificationEvents over it). */
    wsUrl: locals.viewer ? gatewayWsUrl(url).href : null,
    /** The zone dates and hours are shown in; the browser corrects it once (see +layout.svelte). */
    timeZone: locals.timeZone,
    hasTimeZoneCookie: cookies.get(TIME_ZONE_COOKIE) !== undefined,
    /** Relative dates are computed from this instant on the server and again after hydration. */
    renderedAt: new Date().toISOString(),
    /** Staff only; streamed, because it is known only once this page has been rendered. */
    staffStats: locals.staffStats,
  }
}
