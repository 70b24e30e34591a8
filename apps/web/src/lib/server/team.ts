import { error, redirect } from '@sveltejs/kit'
import { GatewayError, gql } from './gateway'
import { isRefused } from './http-status'
import type { Membership, Viewer } from '$lib/types'

/**
 * The viewer's membership of the supplier at `slug`, for the team's own pages (inbox, metrics,
 * settings). Signed-out visitors go to sign in and come back; anyone else gets a 404: a team's
 * private pages don't exist for people outside it.
 */
export function requireMembership(viewer: Viewer | null, url: URL, slug: string, what: string): Membership {
  if (!viewer) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`)
  const membership = viewer.memberships.find((m) => m.supplier.slug === slug)
  if (!membership) error(404, `We couldn’t find that ${what}.`)
  return membership
}

/**
 * A team page's query: access refused reads as "no such page" (404), an unreachable gateway
 * as a 503 saying what could not be loaded ("your response times").
 */
export async function teamPageQuery<T>(query: string, variables: Record<string, unknown>, what: string): Promise<T> {
  try {
    return await gql<T>(query, variables)
  } catch (err) {
    if (!(err instanceof GatewayError)) throw err
    if (isRefused(err)) {
      error(404, 'We couldn’t find that page.')
    }
    console.error(`[web] ${what}: ${err.toLogString()}`)
    error(503, `We can’t load ${what} right now. Please try again in a moment.`)
  }
}
