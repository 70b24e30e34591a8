import { error, redirect } from '@sveltejs/kit'
import type { Viewer } from '$lib/types'

/**
 * The moderators' pages: signed-out visitors go to sign in and come back; anyone who is not a
 * moderator or an administrator gets a 404, as a team's private pages do for outsiders.
 */
export function requireStaff(viewer: Viewer | null, url: URL): Viewer {
  if (!viewer) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`)
  if (!viewer.isStaff) error(404, 'We couldn’t find that page.')
  return viewer
}
