import { ownedSuppliers } from '$lib/server/developers'
import { exampleQuery } from './explorer'
import type { PageServerLoad } from './$types'

// Public: a partner's developer may hold a key without a Rapport account. The key, not the
// session, decides what runs here.
export const load: PageServerLoad = ({ locals }) => {
  const supplier = locals.viewer ? (ownedSuppliers(locals.viewer)[0] ?? null) : null
  return { example: exampleQuery(supplier) }
}
