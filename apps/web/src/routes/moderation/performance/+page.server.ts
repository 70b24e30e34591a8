import { error } from '@sveltejs/kit'
import { PERFORMANCE_STATS, type PerformanceReport, type StatWindow } from '$lib/graphql/performance'
import { GatewayError, gql } from '$lib/server/gateway'
import { isRefused } from '$lib/server/http-status'
import { requireStaff } from '$lib/server/staff'
import type { PageServerLoad } from './$types'

export const load: PageServerLoad = async ({ locals, url }) => {
  requireStaff(locals.viewer, url)
  // From the tabs' links: anything else is the default, the last hour.
  const window: StatWindow = url.searchParams.get('window') === 'DAY' ? 'DAY' : 'HOUR'
  let data: { performanceStats: PerformanceReport }
  try {
    data = await gql<{ performanceStats: PerformanceReport }>(PERFORMANCE_STATS, { window })
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    if (isRefused(err)) error(404, 'We couldn’t find that page.')
    console.error(`[web] performance statistics: ${err.toLogString()}`)
    error(503, 'We can’t load the statistics right now. Please try again in a moment.')
  }
  return { report: data.performanceStats }
}
