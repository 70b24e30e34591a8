import { error, fail, redirect } from '@sveltejs/kit'
import type { PortalTarget } from '$lib/developers'
import type { Membership, Viewer } from '$lib/types'

export type OwnedSupplier = Membership['supplier']

/** The suppliers the viewer owns: only owners make and manage a supplier's API keys. */
export function ownedSuppliers(viewer: Viewer): OwnedSupplier[] {
  return viewer.memberships.filter((m) => m.role === 'OWNER').map((m) => m.supplier)
}

/** What the portal's pages may show the viewer: the suppliers they own, and (admins) the platform's partners. */
export type PortalChoices = { owned: OwnedSupplier[]; isAdmin: boolean }

const PLATFORM: PortalTarget = { kind: 'platform' }

/**
 * The signed-in viewer's choices and the target a /developers request is about: `?platform` (admins
 * only) or `?supplier=` when given, else their first owned supplier, else (admins) the platform.
 * Signed-out visitors sign in and come back; a supplier they don't own, or the platform to a
 * non-admin, doesn't exist for them (404, as the team pages do). Null when they have no target.
 */
export function requireTarget(viewer: Viewer | null, url: URL): PortalChoices & { target: PortalTarget | null } {
  if (!viewer) redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`)
  const choices = { owned: ownedSuppliers(viewer), isAdmin: viewer.isAdmin === true }
  const slug = url.searchParams.get('supplier')
  if (slug) {
    const supplier = choices.owned.find((s) => s.slug === slug)
    if (!supplier) error(404, 'We couldn’t find that supplier among the ones you own.')
    return { ...choices, target: { kind: 'supplier', supplier } }
  }
  if (url.searchParams.has('platform')) {
    // Said as for an unknown supplier: the platform's partners aren't there for anyone else.
    if (!choices.isAdmin) error(404, 'We couldn’t find that page.')
    return { ...choices, target: PLATFORM }
  }
  const first = choices.owned[0]
  if (first) return { ...choices, target: { kind: 'supplier', supplier: first } }
  return { ...choices, target: choices.isAdmin ? PLATFORM : null }
}

/**
 * A target's part of the API's arguments: a supplier's id, or nothing (the gateway reads no
 * supplierId from an admin as the platform's partners).
 */
export function targetArgs(target: PortalTarget): { supplierId: string | null } {
  return { supplierId: target.kind === 'supplier' ? target.supplier.id : null }
}

/** A form field as typed, trimmed ('' when missing). */
export const formText = (form: FormData, name: string) => String(form.get(name) ?? '').trim()

export { gatewayFailure, mutate, refused, type ResultError } from '$lib/server/form-results'

/** The target a /developers action is for; a viewer without one can't act at all. */
export function actingFor(locals: App.Locals, url: URL): PortalTarget {
  const { target } = requireTarget(locals.viewer, url)
  if (!target) redirect(303, '/developers')
  return target
}

/** After a removal, the plain page (no action in the URL) with one note, so a reload doesn't post again. */
export function redirectWithNote(url: URL, note: string, value: string): never {
  // The same target as the page the form was on: its supplier, or the platform's partners.
  const after = new URLSearchParams()
  const supplier = url.searchParams.get('supplier')
  if (supplier) after.set('supplier', supplier)
  else if (url.searchParams.has('platform')) after.set('platform', '1')
  after.set(note, value)
  redirect(303, `${url.pathname}?${after}`)
}

/** A form's problems found before asking the gateway: the failure to return, or null when there are none. */
export function formProblems(action: string, errors: Record<string, string>, message: string, values: unknown) {
  return Object.keys(errors).length > 0 ? fail(400, { action, message, errors, values }) : null
}
