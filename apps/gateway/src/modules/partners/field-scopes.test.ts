// Every root field has a decision for API keys (a scope, any key, or people only), so a new
// field is never reachable by keys by accident; and the check follows fields, types and fragments.
import { parse } from 'graphql'
import { describe, expect, it } from 'vitest'
import { schema } from '../../schema.ts'
import { ROOT_ACCESS, scopeRefusal } from './field-scopes.ts'

describe('API key field scopes', () => {
  it('every root field of the schema has an entry, and every entry is a field', () => {
    for (const [root, type] of [['Query', schema.getQueryType()], ['Mutation', schema.getMutationType()], ['Subscription', schema.getSubscriptionType()]] as const) {
      const fields = Object.keys(type!.getFields()).sort()
      expect(Object.keys(ROOT_ACCESS[root]).sort(), root).toEqual(fields)
    }
  })

  const check = (query: string, scopes: string[]) => scopeRefusal(schema, parse(query), scopes)?.extensions
  it('needs the scope of the root field, of scoped fields below it, and of scoped types reached through node', () => {
    expect(check(`{ supplier(slug: "k") { name } }`, ['read:suppliers'])).toBeUndefined()
    expect(check(`{ supplier(slug: "k") { name } }`, ['read:reviews'])).toMatchObject({ code: 'INSUFFICIENT_SCOPE', requiredScope: 'read:suppliers' })
    expect(check(`{ supplier(slug: "k") { responseMetrics { conversations } } }`, ['read:suppliers'])).toMatchObject({ requiredScope: 'read:metrics' })
    expect(check(`{ node(id: "x") { ... on Conversation { subject } } }`, ['read:suppliers'])).toMatchObject({ requiredScope: 'read:conversations' })
    expect(check(`query { node(id: "x") { ...C } } fragment C on Review { body }`, ['read:suppliers'])).toMatchObject({ requiredScope: 'read:reviews' })
    expect(check(`{ node(id: "x") { ... on Review { body } } }`, ['read:reviews'])).toBeUndefined()
  })
  it('refuses people-only fields to every key, whatever its scopes', () => {
    const all = ['read:suppliers', 'read:reviews', 'write:reviews', 'read:conversations', 'write:messages', 'read:metrics', 'webhooks']
    expect(check(`mutation { signOut { __typename } }`, all)).toMatchObject({ code: 'INSUFFICIENT_SCOPE' })
    expect(check(`{ supplier(slug: "k") { invitations { email } } }`, all)).toMatchObject({ code: 'INSUFFICIENT_SCOPE' })
  })
})
