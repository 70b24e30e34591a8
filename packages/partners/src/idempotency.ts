// Idempotency keys for mutations (model: Stripe). The first request with a key claims it (a row
// inserted before anything runs); its answer is stored when it completes. The same key and the
// same request within 24 h get that stored answer; concurrent duplicates wait for it instead of
// running again; the same key with a different request is refused. Keys are private to the
// credential that sent them (`scope`). Answers the caller should retry (5xx outages, 429
// throttling) are not stored: the claim is released, so the retry runs.
import type { Prisma, PrismaClient } from '@rapport/db'

export const IDEMPOTENCY = {
  ttlMs: 24 * 3600_000,
  /** A claim whose request never completed (its process died) may be taken over after this. */
  abandonedAfterMs: 60_000,
  keyMaxLength: 255,
} as const

export type StoredAnswer = { status: number; body: string; contentType: string }

type Db = Pick<PrismaClient, 'idempotencyRecord'>
type Stored = { pending: true } | ({ pending?: false } & StoredAnswer)

export type Claim =
  | { state: 'claimed'; id: string }
  | { state: 'replay'; answer: StoredAnswer }
  | { state: 'pending' }
  | { state: 'mismatch' }

/** Why an Idempotency-Key header is unusable, or null when it is fine. */
export function idempotencyKeyProblem(key: string): string | null {
  if (key.length === 0 || key.length > IDEMPOTENCY.keyMaxLength || !/^[\x21-\x7e]+$/.test(key))
    return `The Idempotency-Key must be 1 to ${IDEMPOTENCY.keyMaxLength} visible ASCII characters (a UUID is a good choice).`
  return null
}

const PENDING: Prisma.InputJsonValue = { pending: true }

export async function claimIdempotencyKey(db: Db, input: { scope: string; key: string; requestHash: string; now: Date }): Promise<Claim> {
  const { scope, key, requestHash, now } = input
  // An expired record is gone as far as callers are concerned: its key may be used afresh.
  await db.idempotencyRecord.deleteMany({ where: { scope, key, expiresAt: { lte: now } } })
  const inserted = await db.idempotencyRecord.createMany({
    data: [{ scope, key, requestHash, response: PENDING, expiresAt: new Date(now.getTime() + IDEMPOTENCY.ttlMs) }],
    skipDuplicates: true,
  })
  const row = await db.idempotencyRecord.findUnique({ where: { scope_key: { scope, key } } })
  if (!row) return claimIdempotencyKey(db, input) // expired and deleted in between: try again
  if (inserted.count === 1 && row.requestHash === requestHash && (row.response as Stored).pending) return { state: 'claimed', id: row.id }
  if (row.requestHash !== requestHash) return { state: 'mismatch' }
  const stored = row.response as Stored
  if (!stored.pending) return { state: 'replay', answer: { status: stored.status, body: stored.body, contentType: stored.contentType } }
  // Claimed by a request that never finished: take it over (only one taker wins the update).
  if (now.getTime() - row.createdAt.getTime() > IDEMPOTENCY.abandonedAfterMs) {
    const taken = await db.idempotencyRecord.updateMany({ where: { id: row.id, createdAt: row.createdAt }, data: { createdAt: now } })
    if (taken.count === 1) return { state: 'claimed', id: row.id }
  }
  return { state: 'pending' }
}

/** Stores the answer of a claimed request, or releases the claim when the answer is one to retry. */
export async function settleIdempotencyKey(db: Db, id: string, answer: StoredAnswer | null): Promise<void> {
  if (!answer || answer.status >= 500 || answer.status === 429) {
    await db.idempotencyRecord.deleteMany({ where: { id } })
    return
  }
  await db.idempotencyRecord.update({ where: { id }, data: { response: { ...answer } } })
}

/** The stored answer once the claiming request settles; null when it was released (or is still running at the deadline). */
export async function awaitIdempotentAnswer(db: Db, input: { scope: string; key: string; deadline: number; pollMs?: number }): Promise<StoredAnswer | 'released' | 'timeout'> {
  for (;;) {
    const row = await db.idempotencyRecord.findUnique({ where: { scope_key: { scope: input.scope, key: input.key } } })
    if (!row) return 'released'
    const stored = row.response as Stored
    if (!stored.pending) return { status: stored.status, body: stored.body, contentType: stored.contentType }
    if (Date.now() >= input.deadline) return 'timeout'
    await new Promise((r) => setTimeout(r, input.pollMs ?? 25))
  }
}

/** Records past their 24 hours (a periodic sweep; lookups already ignore them). */
export async function deleteExpiredIdempotencyRecords(db: Db, now: Date): Promise<number> {
  return (await db.idempotencyRecord.deleteMany({ where: { expiresAt: { lte: now } } })).count
}
