import { error, redirect } from '@sveltejs/kit'
import type { Membership, Viewer } from '$lib/types'

export type OwnedSupplier = Membership['supplier']

/** The suppliers the viewer owns: only owners make and manage a supplier's API keys. */
export function ownedSuppliers(viewer: Viewer): OwnedSupplier[] {
  return viewer.memberships.filter((m) => m.role === 'OWNER').map((m) => m.supplier)
}

/**
 * The signed-in viewer and the supplier whose keys a /developers request is about: `?supplier=`
 * when the viewer owns several, else their one. Signed-out visitors sign in and come back; a
 * supplier they don't own doesn't exist for them (404, as the team pages do). Null when they own none.
 */
export function requireOwnedSupplier(
  viewer: Viewer | null,
  url: URL,
): { owned: OwnedSupplier[]; supplier: OwnedSupplier | null } {
  if (!viewer) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`)
  const owned = ownedSuppliers(viewer)
  const slug = url.searchParams.get('supplier')
  if (!slug) return { owned, supplier: owned[0] ?? null }
  const supplier = owned.find((s) => s.slug === slug)
  if (!supplier) error(404, 'We couldn’t find that supplier among the ones you own.')
  return { owned, supplier }
}
