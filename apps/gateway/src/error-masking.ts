// Error masking, the same on both transports. Expected errors carry an extensions.code (ours
// or GraphQL's); anything else is a bug: logged with the request id, and shown to clients
// only as INTERNAL_SERVER_ERROR.
import { unwrapResolverError } from '@apollo/server/errors'
import { DomainError } from '@rapport/core'
import { GraphQLError, type ExecutionResult, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql'
import { LIMIT_CODES } from './limits.ts'
import type { Logger } from './logger.ts'
import type { Metrics } from './metrics.ts'
import { outageMessage, outageOf } from './outage.ts'

const LIMIT_CODE_VALUES = new Set<string>(Object.values(LIMIT_CODES))

export function isUnexpected(error: unknown, code: unknown): boolean {
  const original = unwrapResolverError(error)
  return !(original instanceof GraphQLError || original instanceof DomainError || (code && code !== 'INTERNAL_SERVER_ERROR'))
}

export type ErrorMasking = {
  formatError(formatted: GraphQLFormattedError, error: unknown, requestId?: string, log?: boolean): GraphQLFormattedError
  /** A graphql-ws result with its errors masked and counted. */
  maskResult(result: ExecutionResult | FormattedExecutionResult, requestId: string, operation: string | undefined): ExecutionResult | FormattedExecutionResult
}

export function createErrorMasking(logger: Logger, metrics: Metrics): ErrorMasking {
  function formatError(formatted: GraphQLFormattedError, error: unknown, requestId?: string, log = true): GraphQLFormattedError {
    const original = unwrapResolverError(error)
    // Apollo re-labels every validation error GRAPHQL_VALIDATION_FAILED; keep our limit codes.
    const cause = error instanceof GraphQLError ? error.originalError : undefined
    const limitCode = cause instanceof GraphQLError ? cause.extensions?.code : undefined
    if (typeof limitCode === 'string' && LIMIT_CODE_VALUES.has(limitCode) && formatted.extensions?.code !== limitCode)
      formatted = { ...formatted, extensions: { ...formatted.extensions, code: limitCode } }
    // A domain error thrown outside a result union keeps its own code (e.g. VALIDATION_FAILED).
    if (original instanceof DomainError)
      return { ...formatted, extensions: { ...formatted.extensions, code: original.code, ...fieldOf(original) } }
    // PostgreSQL or Redis down: a code to retry on, never the driver's words (which name
    // hosts, files and queries). Checked before "expected": a GraphQLError may wrap one.
    const outage = outageOf(error)
    if (outage) return outageError(outage, formatted)
    if (!isUnexpected(error, formatted.extensions?.code)) return formatted
    if (log) logger.error({ err: original, requestId, path: formatted.path }, 'unexpected error')
    return {
      message: 'Something went wrong on our side. It has been logged.',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR', ...(requestId ? { requestId } : {}) },
    }
  }

  function maskResult(result: ExecutionResult | FormattedExecutionResult, requestId: string, operation: string | undefined) {
    if (!result.errors?.length) return result
    const errors = (result.errors as readonly (GraphQLError | GraphQLFormattedError)[]).map((e) => {
      const formatted = e instanceof GraphQLError ? e.toJSON() : e
      const masked = formatError(formatted, e, requestId)
      metrics.errors.inc({ operation: operation ?? 'anonymous', code: String(masked.extensions?.code ?? 'UNKNOWN'), transport: 'ws' })
      return masked
    })
    return { ...result, errors } as FormattedExecutionResult
  }

  return { formatError, maskResult }
}

/** SERVICE_UNAVAILABLE, as clients see it, for an outage. */
export function outageError(outage: NonNullable<ReturnType<typeof outageOf>>, at?: Pick<GraphQLFormattedError, 'path' | 'locations'>): GraphQLFormattedError {
  return {
    message: outageMessage(outage),
    ...(at?.path ? { path: at.path } : {}),
    ...(at?.locations ? { locations: at.locations } : {}),
    extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: outage.retryAfterSeconds },
  }
}

function fieldOf(e: DomainError): { field?: string } {
  const field = (e as { field?: unknown }).field
  return typeof field === 'string' ? { field } : {}
}

export function withDefaultCode(e: GraphQLError, code: string): GraphQLError {
  return e.extensions.code ? e : new GraphQLError(e.message, { nodes: e.nodes, extensions: { ...e.extensions, code } })
}
