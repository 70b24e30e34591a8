// Query limits, applied before execution on HTTP (Apollo validation rules) and on
// WebSocket (the same rules in graphql-ws onSubscribe). Each rejection carries its own
// extensions.code so clients and dashboards can tell them apart.
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases'
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth'
import {
  BREAK,
  getNamedType,
  getNullableType,
  GraphQLError,
  isLeafType,
  isListType,
  Kind,
  Lexer,
  Source,
  TokenKind,
  visit,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from 'graphql'
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity'

export const LIMITS = {
  depth: 10,
  aliases: 15,
  /**
   * The most work one operation may ask for, in the cost model below (`operationCost`): each
   * object loaded costs 10 and each scalar 1, a connection's selection counts once per row its
   * `first`/`last` may return, a plain list's once per 10 items. One model, checked once the
   * variables are known, on both transports.
   */
  cost: 50_000,
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
  pagedCost: 'QUERY_TOO_COSTLY',
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
  // No cost rule here: cost depends on page sizes, which are mostly variables, so it is checked
  // by checkPagedCost once they are known (graphql-armor's static rule, which could not see them,
  // refused ordinary pages and let variable-sized ones through).
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

// The cost model: what an operation makes the gateway load and send.
/** A scalar or enum: read from a row already loaded. */
const SCALAR = 1
/** An object: a row (or a batched lookup) to load. */
const OBJECT = 10
/** A connection without `first`/`last` returns a default page; more than 100 is refused anyway. */
const DEFAULT_PAGE = 50
const MAX_PAGE = 100
/** A plain list (a team, a message's reactions) is short; counted as this many items. */
const LIST_ITEMS = 10

const costEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  // Introspection is a fixed, cached schema walk (and off in production).
  if (field.name.startsWith('__')) return 0
  if (isLeafType(getNamedType(field.type))) return SCALAR
  // Connection plumbing (edges, pageInfo) is free: each row's work is its node.
  if (type.name.endsWith('Connection') || (type.name.endsWith('Edge') && field.name !== 'node')) return childComplexity
  if (field.args.some((a) => a.name === 'first' || a.name === 'last')) {
    const asked = Number(args.first ?? args.last ?? DEFAULT_PAGE)
    const rows = Number.isFinite(asked) ? Math.min(Math.max(asked, 0), MAX_PAGE) : DEFAULT_PAGE
    return OBJECT + rows * childComplexity
  }
  if (field.name === 'nodes' && Array.isArray(args.ids)) return OBJECT + Math.min(args.ids.length, MAX_PAGE) * (OBJECT + childComplexity)
  if (isListType(getNullableType(field.type))) return OBJECT + LIST_ITEMS * (OBJECT + childComplexity)
  return OBJECT + childComplexity
}

const estimators = [costEstimator]

/**
 * What an answer actually cost in the same model: each object in `data` 10, each scalar 1,
 * connection plumbing (edges, pageInfo) free. A page that returned 3 rows of the 50 it could
 * have costs 3 rows; partners' buckets are charged this, not the estimate.
 */
export function actualCost(data: unknown): number {
  const walk = (value: unknown, plumbing: boolean): number => {
    if (value === null || value === undefined) return 0
    if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + walk(v, plumbing), 0)
    if (typeof value !== 'object') return SCALAR
    let sum = plumbing ? 0 : OBJECT
    for (const [k, v] of Object.entries(value)) sum += walk(v, k === 'edges' || k === 'pageInfo')
    return sum
  }
  // The root object (Query/Mutation) is not a row.
  return data && typeof data === 'object' ? Object.values(data).reduce((sum: number, v) => sum + walk(v, false), 0) : 0
}

// Most documents' cost does not depend on their variables (a mutation, a query with literal
// page sizes): their verdict is worked out once per document and operation. Only variables
// in `first`/`last` (page sizes) or `if` (@include/@skip) can change a cost.
const COST_ARGUMENTS = new Set(['first', 'last', 'if'])
const variableCost = new WeakMap<DocumentNode, boolean>()
const fixedVerdicts = new WeakMap<DocumentNode, Map<string, GraphQLError | null>>()

function costDependsOnVariables(document: DocumentNode): boolean {
  let depends = variableCost.get(document)
  if (depends === undefined) {
    depends = false
    visit(document, {
      Argument(node) {
        if (COST_ARGUMENTS.has(node.name.value) && node.value.kind === Kind.VARIABLE) {
          depends = true
          return BREAK
        }
        return undefined
      },
    })
    variableCost.set(document, depends)
  }
  return depends
}

/** The page-aware cost of one operation with its variables, and a refusal when it is over the limit. */
export function checkPagedCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | null | undefined,
): GraphQLError | null {
  if (costDependsOnVariables(document)) return pagedCost(schema, document, variables, operationName) ?? null
  let byOperation = fixedVerdicts.get(document)
  if (!byOperation) fixedVerdicts.set(document, (byOperation = new Map()))
  const key = operationName ?? ''
  const known = byOperation.get(key)
  if (known !== undefined) return known
  const verdict = pagedCost(schema, document, variables, operationName)
  // Not kept when these variables could not be read: the next request's may be fine.
  if (verdict !== undefined) byOperation.set(key, verdict)
  return verdict ?? null
}

/** The cost of one operation with its variables; undefined when it cannot be worked out (bad variables or operation name). */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | null | undefined,
): number | undefined {
  try {
    return getComplexity({ schema, query: document, variables: variables ?? {}, operationName: operationName ?? undefined, estimators })
  } catch {
    return undefined // execution reports those precisely
  }
}

/** The verdict, or undefined when the cost cannot be worked out (bad variables or operation name). */
function pagedCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | null | undefined,
): GraphQLError | null | undefined {
  const cost = operationCost(schema, document, variables, operationName)
  if (cost === undefined) return undefined
  if (cost <= LIMITS.cost) return null
  return new GraphQLError(
    `The query asks for too much at once (cost ${cost}, limit ${LIMITS.cost}: each object loaded counts 10 and each scalar 1, once per row a page may return). Ask for smaller pages or fewer fields.`,
    { extensions: { code: LIMIT_CODES.pagedCost, cost, limit: LIMITS.cost, http: { status: 400 } } },
  )
}

/**
 * Bounds on every statement the gateway runs on PostgreSQL: a stalled link or a lock held too
 * long fails the request (SERVICE_UNAVAILABLE, retryable) instead of hanging it. A send takes
 * milliseconds; the slowest page query well under a second.
 */
export const DATABASE_TIMEOUTS = { statementMs: 5_000, lockMs: 2_000, queryMs: 8_000 } as const
