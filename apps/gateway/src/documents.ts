// The validation every operation goes through, on both transports: graphql-js's rules, the
// gateway's limits and, in production, no introspection. Apollo applies them on HTTP; the
// WebSocket path parses and validates through the cache below, once per distinct document.
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql'
import { LRUCache } from 'lru-cache'
import { checkTokenLimit, LIMITS, limitRules } from './limits.ts'
import { selectsViewerSpecificField } from './schema/viewer-specific.ts'

/** The gateway's own rules, added to graphql-js's specified ones (Apollo adds those itself). */
export function gatewayRules(production: boolean): ValidationRule[] {
  return production ? [...limitRules, NoSchemaIntrospectionCustomRule] : limitRules
}

export type PreparedDocument = {
  document: DocumentNode
  /** The query text, one shared string for every subscriber of the document. */
  query: string
  /** A short id for fan-out scopes. */
  id: number
  /** Selects a field whose value differs per viewer: subscription results are not shared. */
  perViewer: boolean
}

const DID_YOU_MEAN = / Did you mean .*\?$/

/**
 * Subscribing must not re-parse and re-validate the same document for every subscriber. Each
 * entry keeps its query text and a short id: every subscriber of the same document then holds
 * one shared string instead of its own copy parsed from its message.
 */
export function documentCache(schema: GraphQLSchema, production: boolean) {
  const rules = [...specifiedRules, ...gatewayRules(production)]
  let ids = 0
  const documents = new LRUCache<string, PreparedDocument | { errors: readonly GraphQLError[] }>({ max: LIMITS.documentCacheEntries })
  return function prepare(query: string): PreparedDocument | { errors: readonly GraphQLError[] } {
    let entry = documents.get(query)
    if (entry) return entry
    const tooLarge = checkTokenLimit(query)
    if (tooLarge) return { errors: [tooLarge] }
    try {
      const document = parse(query, { maxTokens: LIMITS.tokens })
      const errors = validate(schema, document, rules).map((e) =>
        // Like Apollo's hideSchemaDetailsFromClientErrors: no field-name suggestions in production.
        production && DID_YOU_MEAN.test(e.message)
          ? new GraphQLError(e.message.replace(DID_YOU_MEAN, ''), { nodes: e.nodes, extensions: e.extensions })
          : e,
      )
      entry = errors.length ? { errors } : { document, query, id: ++ids, perViewer: selectsViewerSpecificField(schema, document) }
    } catch (e) {
      entry = { errors: [e instanceof GraphQLError ? e : new GraphQLError('Could not parse the document.')] }
    }
    documents.set(query, entry)
    return entry
  }
}
