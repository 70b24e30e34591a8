// `Idempotency-Key` on GraphQL mutations over HTTP (model: Stripe): a client that retries after a
// timeout or a dropped connection gets the first attempt's answer instead of doing it twice.
// The rules (24 h, same request, waiting for a concurrent twin) live in @rapport/partners'
// idempotency.ts; this file only says which requests it applies to and replays answers.
import { createHash } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { awaitIdempotentAnswer, claimIdempotencyKey, idempotencyKeyProblem, settleIdempotencyKey, type StoredAnswer } from '@rapport/partners'
import { getOperationAST, parse } from 'graphql'
import type { Services } from './context.ts'
import { headerValue } from './http-body.ts'

/** How long a duplicate waits for its twin to finish before being told it is still running. */
const DUPLICATE_WAIT_MS = 10_000

export type Answer = StoredAnswer & { headers?: [string, string][]; replayed?: boolean }
type Refusal = { status: number; code: string; message: string }

/** A mutation sent with an Idempotency-Key: what to key it by. Null: the header does not apply. */
export function idempotencyRequest(req: IncomingMessage, body: unknown, token: string | null): { key: string; scope: string; requestHash: string } | Refusal | null {
  const key = headerValue(req, 'idempotency-key', /^[\s\S]*$/)
  if (key === undefined || req.method !== 'POST') return null
  const { query, operationName, variables } = (body ?? {}) as { query?: unknown; operationName?: unknown; variables?: unknown }
  if (typeof query !== 'string') return null
  let isMutation = false
  try {
    isMutation = getOperationAST(parse(query), typeof operationName === 'string' ? operationName : undefined)?.operation === 'mutation'
  } catch {
    return null // the normal path reports the syntax error
  }
  if (!isMutation) return null // queries are safe to repeat as they are
  const problem = idempotencyKeyProblem(key)
  if (problem) return { status: 400, code: 'BAD_REQUEST', message: problem }
  if (!token) return { status: 401, code: 'UNAUTHENTICATED', message: 'Idempotency keys belong to a signed-in caller or an API key: send the Authorization header.' }
  const digest = (s: string) => createHash('sha256').update(s).digest('hex')
  // Keys are private to the credential that sent them: another caller's key is another record.
  return { key, scope: `credential:${digest(token)}`, requestHash: digest(JSON.stringify([query, operationName ?? null, variables ?? null])) }
}

export const isRefusal = (r: unknown): r is Refusal => typeof r === 'object' && r !== null && 'code' in r

/** Runs `run` at most once per key: the first claim runs and stores its answer; duplicates replay it. */
export async function idempotent(services: Services, r: { key: string; scope: string; requestHash: string }, run: () => Promise<Answer>): Promise<Answer | Refusal> {
  const db = services.db.prisma
  for (;;) {
    const claim = await claimIdempotencyKey(db, { ...r, now: services.clock.now() })
    if (claim.state === 'mismatch')
      return { status: 422, code: 'IDEMPOTENCY_KEY_REUSED', message: 'This Idempotency-Key was used for a different request in the last 24 hours. Use a new key for a new request.' }
    if (claim.state === 'replay') return { ...claim.answer, replayed: true }
    if (claim.state === 'claimed') {
      let answer: Answer | null = null
      try {
        answer = await run()
        return answer
      } finally {
        await settleIdempotencyKey(db, claim.id, answer).catch((e: unknown) => services.logger.error({ err: e }, 'could not store an idempotent answer'))
      }
    }
    const settled = await awaitIdempotentAnswer(db, { scope: r.scope, key: r.key, deadline: Date.now() + DUPLICATE_WAIT_MS })
    if (settled === 'timeout') return { status: 409, code: 'IDEMPOTENCY_KEY_IN_USE', message: 'A request with this Idempotency-Key is still running. Try again in a moment.' }
    if (settled !== 'released') return { ...settled, replayed: true }
    // Released (the first attempt failed in a way worth retrying): claim it afresh.
  }
}
