// What a key may do. Scopes name data and actions, not GraphQL fields: the gateway maps its
// fields to them (modules/partners/field-scopes.ts), so the vocabulary partners grant with stays
// stable while the schema grows.
import { ValidationError } from '@rapport/core'

export const SCOPES = ['read:suppliers', 'read:reviews', 'write:reviews', 'read:conversations', 'write:messages', 'read:metrics', 'webhooks'] as const
export type Scope = (typeof SCOPES)[number]

/** What each scope allows, for the portal's key form and the docs. */
export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  'read:suppliers': 'Read public supplier and product profiles.',
  'read:reviews': 'Read reviews, rating summaries and product questions.',
  'write:reviews': "Respond to reviews and answer questions as the supplier's team.",
  'read:conversations': "Read the supplier's conversations and their messages.",
  'write:messages': "Send messages and manage conversations as the supplier's team.",
  'read:metrics': 'Read response metrics, their definitions and the intervals behind them.',
  webhooks: 'Manage webhook endpoints and read their deliveries.',
}

/** Scopes only a supplier's own key may hold: a platform key has no supplier to act for. */
export const SUPPLIER_ONLY_SCOPES: readonly Scope[] = ['write:reviews', 'read:conversations', 'write:messages']

export const isScope = (s: string): s is Scope => (SCOPES as readonly string[]).includes(s)

/** The scopes as given, checked and de-duplicated, in the canonical order. */
export function parseScopes(scopes: readonly string[], forSupplier: boolean): Scope[] {
  if (scopes.length === 0) throw new ValidationError('Choose at least one scope.', 'scopes')
  const unknown = scopes.filter((s) => !isScope(s))
  if (unknown.length) throw new ValidationError(`Unknown scope ${unknown.map((s) => `"${s}"`).join(', ')}. Scopes: ${SCOPES.join(', ')}.`, 'scopes')
  if (!forSupplier) {
    const supplierOnly = scopes.filter((s) => SUPPLIER_ONLY_SCOPES.includes(s as Scope))
    if (supplierOnly.length) throw new ValidationError(`A platform key cannot hold ${supplierOnly.join(', ')}: those act for one supplier.`, 'scopes')
  }
  return SCOPES.filter((s) => scopes.includes(s))
}
