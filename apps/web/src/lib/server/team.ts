import { error, redirect } from '@sveltejs/kit'
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
