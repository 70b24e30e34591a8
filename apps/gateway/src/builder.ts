// The schema builder and its plugins; types live in src/schema/<domain>/.
import SchemaBuilder from '@pothos/core'
import DataloaderPlugin from '@pothos/plugin-dataloader'
import ErrorsPlugin from '@pothos/plugin-errors'
import RelayPlugin from '@pothos/plugin-relay'
import ScopeAuthPlugin from '@pothos/plugin-scope-auth'
import ValidationPlugin from '@pothos/plugin-validation'
import { isStaff, membershipOf } from '@rapport/core'
import { GraphQLError, isObjectType, type GraphQLResolveInfo } from 'graphql'
import type { Context } from './context.ts'
import { MAX_NODE_IDS, notAnId, parseGlobalId } from './schema/ids.ts'
import { badInput } from './schema/pagination.ts'

/** Whether a decoded id names a type that `node(id:)` can load. */
function isNodeType(info: GraphQLResolveInfo, typename: string): boolean {
  const type = info.schema.getType(typename)
  return isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node')
}

export type AuthScopes = {
  /** Anyone, signed in or not. Declared explicitly: a field without scopes is denied. */
  public: boolean
  signedIn: boolean
  buyer: boolean
  staff: boolean
  /** A member (owner or agent) of the supplier with this id. */
  memberOf: string
  /** An owner of the supplier with this id. */
  ownerOf: string
}

export const builder = new SchemaBuilder<{
  Context: Context
  AuthScopes: AuthScopes
  Scalars: {
    DateTime: { Input: Date; Output: Date }
  }
  DefaultFieldNullability: false
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin, ValidationPlugin, DataloaderPlugin, RelayPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // Malformed ids, ids of types that are not nodes, and over-long lists are bad input
    // (BAD_USER_INPUT), not server errors; the checks run before anything is loaded.
    decodeGlobalID: (globalID) => parseGlobalId(globalID, 'id'),
    nodeQueryOptions: {
      resolve: (_root, args, _ctx, info, resolveNode) => {
        if (!isNodeType(info, args.id.typename)) throw notAnId('id')
        return resolveNode(args.id)
      },
    },
    nodesQueryOptions: {
      args: { ids: { description: `At most ${MAX_NODE_IDS}.` } },
      resolve: (_root, args, _ctx, info, resolveNodes) => {
        if (args.ids.length > MAX_NODE_IDS) throw badInput(`Ask for at most ${MAX_NODE_IDS} ids at once (got ${args.ids.length}).`, 'ids')
        if (args.ids.some((id) => !isNodeType(info, id.typename))) throw notAnId('ids')
        return resolveNodes(args.ids)
      },
    },
  },
  scopeAuth: {
    // Subscriptions are authorized when they start, not only per event.
    authorizeOnSubscribe: true,
    authScopes: (ctx) => ({
      public: true,
      signedIn: !!ctx.viewer,
      buyer: !!ctx.viewer?.buyerId,
      staff: isStaff(ctx.viewer),
      memberOf: (supplierId) => !!membershipOf(ctx.viewer, supplierId),
      ownerOf: (supplierId) => membershipOf(ctx.viewer, supplierId)?.role === 'OWNER',
    }),
    unauthorizedError: (_parent, ctx) =>
      ctx.viewer
        ? new GraphQLError('You do not have access to this.', { extensions: { code: 'FORBIDDEN' } })
        : new GraphQLError('Sign in to do this.', { extensions: { code: 'UNAUTHENTICATED' } }),
  },
  errors: {
    // Result unions are named after the field: signUp → SignUpResult.
    defaultUnionOptions: { name: ({ fieldName }) => `${fieldName[0]!.toUpperCase()}${fieldName.slice(1)}Result` },
  },
  validation: {
    validationError: (failure) => {
      const issue = failure.issues[0]
      const field = issue?.path?.map((p) => (typeof p === 'object' ? String(p.key) : String(p))).join('.')
      return new GraphQLError(issue?.message ?? 'Invalid input.', {
        extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) },
      })
    },
  },
})

builder.queryType({})
builder.mutationType({})

builder.scalarType('DateTime', {
  description: 'An ISO-8601 instant, always in UTC (e.g. 2026-11-25T09:30:00.000Z).',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(value as string).toISOString()),
  parseValue: (value) => {
    const date = new Date(String(value))
    if (typeof value !== 'string' || Number.isNaN(date.getTime())) throw new TypeError('DateTime must be an ISO-8601 string')
    return date
  },
})
