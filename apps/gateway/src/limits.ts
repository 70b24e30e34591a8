// Query limits, applied before execution on HTTP (Apollo validation rules) and on
// WebSocket (the same rules in graphql-ws onSubscribe). Each rejection carries its own
// extensions.code so clients and dashboards can tell them apart.
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit'
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases'
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth'
import { GraphQLError, Lexer, Source, TokenKind, type ValidationContext, type ValidationRule } from 'graphql'

export const LIMITS = {
  depth: 10,
  aliases: 15,
  /** graphql-armor's cost model: objects 2, scalars 1, multiplied by depth. */
  cost: 5000,
  tokens: 2000,
  bodyBytes: 1024 * 1024,
  wsMessageBytes: 256 * 1024,
  connectionInitTimeoutMs: 5000,
  /** Parsed-and-validated documents kept per process (WebSocket path; Apollo keeps its own). */
  documentCacheEntries: 1000,
} as const

export const LIMIT_CODES = {
  depth: 'QUERY_TOO_DEEP',
  aliases: 'TOO_MANY_ALIASES',
  cost: 'QUERY_TOO_COSTLY',
  tokens: 'QUERY_TOO_LARGE',
} as const

// graphql-armor's rules either throw (which Apollo turns into a 500) or hand the rejection
// to onReject; report it as an ordinary validation error with our own code instead.
function reject(code: string) {
  return [
    (context: ValidationContext | null, error: GraphQLError) =>
      context?.reportError(
        new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code } }),
      ),
  ]
}

const common = { propagateOnRejection: false, exposeLimits: true }
export const limitRules: ValidationRule[] = [
  maxDepthRule({ ...common, n: LIMITS.depth, onReject: reject(LIMIT_CODES.depth) }) as ValidationRule,
  maxAliasesRule({ ...common, n: LIMITS.aliases, onReject: reject(LIMIT_CODES.aliases) }) as ValidationRule,
  costLimitRule({ ...common, maxCost: LIMITS.cost, onReject: reject(LIMIT_CODES.cost) }) as ValidationRule,
]

/**
 * Counts lexical tokens without building a tree, and refuses documents over the limit
 * before parsing them: a huge document costs nothing but this scan.
 */
export function checkTokenLimit(query: string): GraphQLError | null {
  const lexer = new Lexer(new Source(query))
  let count = 0
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (++count > LIMITS.tokens)
        return new GraphQLError(`The document has more than ${LIMITS.tokens} tokens.`, {
          extensions: { code: LIMIT_CODES.tokens, limit: LIMITS.tokens },
        })
    }
  } catch {
    return null // a syntax error: parsing reports it properly
  }
  return null
}
