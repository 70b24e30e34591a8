// Query limits, applied before execution on HTTP (Apollo validation rules) and on
// WebSocket (the same rules in graphql-ws onSubscribe). Each rejection carries its own
// extensions.code so clients and dashboards can tell them apart.
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit'
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases'
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth'
import {
  BREAK,
  GraphQLError,
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
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity'

export const LIMITS = {
  depth: 10,
  aliases: 15,
  /** graphql-armor's cost model: objects 2, scalars 1, multiplied by depth. */
  cost: 5000,
  /**
   * Fields times the rows they are asked for: a connection's cost is its selection's times
   * `first`/`last` (or the default page of 50), so 100 × 100 nested pages cannot pass as cheap.
   * With its variables, once the operation is known (graphql-armor's rule above sees no sizes).
   */
  pagedCost: 20_000,
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

const DEFAULT_PAGE = 50
const MAX_PAGE = 100

/** A paged field costs its selection once per row it may return. */
const pageEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (!field.args.some((a) => a.name === 'first' || a.name === 'last')) return undefined
  const asked = Number(args.first ?? args.last ?? DEFAULT_PAGE)
  const rows = Number.isFinite(asked) ? Math.min(Math.max(asked, 0), MAX_PAGE) : DEFAULT_PAGE
  return 1 + rows * Math.max(childComplexity, 1)
}

const estimators = [pageEstimator, simpleEstimator({ defaultComplexity: 1 })]

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

/** The verdict, or undefined when the cost cannot be worked out (bad variables or operation name). */
function pagedCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | null | undefined,
): GraphQLError | null | undefined {
  let cost: number
  try {
    cost = getComplexity({ schema, query: document, variables: variables ?? {}, operationName: operationName ?? undefined, estimators })
  } catch {
    return undefined // execution reports those precisely
  }
  if (cost <= LIMITS.pagedCost) return null
  return new GraphQLError(
    `The query asks for too much at once (cost ${cost}, limit ${LIMITS.pagedCost}: each field counts once per row it may return). Ask for smaller pages.`,
    { extensions: { code: LIMIT_CODES.pagedCost, cost, limit: LIMITS.pagedCost, http: { status: 400 } } },
  )
}
