// Deny by default: every Query, Mutation and Subscription field must say who may call it
// (`authScopes`, with `{ public: true }` spelled out for open fields). The schema refuses
// to build otherwise, so a new field cannot ship open by accident.
import type { GraphQLSchema } from 'graphql'

export function assertEveryRootFieldDeclaresAccess(schema: GraphQLSchema): void {
  const missing: string[] = []
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      const options = (field.extensions?.pothosOptions ?? {}) as { authScopes?: unknown }
      // node/nodes come from the relay plugin; each node type checks its own scopes.
      if (options.authScopes === undefined && !(root?.name === 'Query' && (field.name === 'node' || field.name === 'nodes')))
        missing.push(`${root!.name}.${field.name}`)
    }
  }
  if (missing.length) throw new Error(`These fields declare no authScopes (deny by default): ${missing.join(', ')}`)
}
