import { error } from '@sveltejs/kit'
import { METRICS_PAGE } from '$lib/graphql/supplier-admin'
import { requireMembership, teamPageQuery } from '$lib/server/team'
import type { PageServerLoad } from './$types'

export type Metrics = {
  conversations: number
  medianFirstResponse: number | null
  withinTargetRate: number | null
  responseRate: number | null
  usuallyRepliesWithin: number | null
  samples: number
}

type MetricsPageData = {
  supplier: {
    id: string
    slug: string
    name: string
    timeZone: string
    responseTarget: number
    serviceHours: Array<{ weekday: number; opensAt: string; closesAt: string }>
    responseMetrics: Metrics
    responseMetricsByAgent: Array<{ memberId: string; displayName: string; metrics: Metrics }>
    responseMetricsTrend: Array<{ start: string; end: string; metrics: Metrics }>
    team: Array<{ id: string; displayName: string; role: 'OWNER' | 'AGENT' }>
  } | null
}

const WINDOWS = { '30': 'DAYS_30', '90': 'DAYS_90' } as const
const WEEKS = 12

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const membership = requireMembership(locals.viewer, url, params.slug, 'page')
  const days = url.searchParams.get('days') === '90' ? '90' : '30'
  const data = await teamPageQuery<MetricsPageData>(
    METRICS_PAGE,
    { slug: params.slug, window: WINDOWS[days], weeks: WEEKS },
    'your response times',
  )
  const supplier = data.supplier
  if (!supplier) error(404, 'We couldn’t find that page.')

  // Everyone on the team is listed, including those with no replies in the window yet.
  const byMember = new Map(supplier.responseMetricsByAgent.map((a) => [a.memberId, a]))
  const agents = [
    ...supplier.team.map((m) => ({
      memberId: m.id,
      displayName: m.displayName,
      role: m.role as string | null,
      isViewer: m.id === membership.member.id,
      metrics: byMember.get(m.id)?.metrics ?? null,
    })),
    // People who answered in the window but have left the team since.
    ...supplier.responseMetricsByAgent
      .filter((a) => !supplier.team.some((m) => m.id === a.memberId))
      .map((a) => ({
        memberId: a.memberId,
        displayName: a.displayName,
        role: null,
        isViewer: false,
        metrics: a.metrics,
      })),
  ].sort((a, b) => (b.metrics?.samples ?? 0) - (a.metrics?.samples ?? 0))

  return {
    supplier: {
      id: supplier.id,
      slug: supplier.slug,
      name: supplier.name,
      timeZone: supplier.timeZone,
      responseTarget: supplier.responseTarget,
      hasHours: supplier.serviceHours.length > 0,
    },
    days: Number(days),
    overall: supplier.responseMetrics,
    agents,
    trend: supplier.responseMetricsTrend,
    isOwner: membership.role === 'OWNER',
  }
}
