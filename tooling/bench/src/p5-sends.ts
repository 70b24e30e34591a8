// P5: message sends per second, committed and delivered, with 16 concurrent senders (each
// in its own conversation), through the gateway's sendMessage — against raw `pg` running the
// same SQL the send runs, in one transaction per message. PostgreSQL only.
//
// The baseline runs the product's own statements (imported from @rapport/messaging, so they
// cannot drift apart), with the same values a buyer's send in these conversations gives them:
//   1. sendFactsSql — the pre-read: conversation, block and order checks, clientMessageId
//      lookup (outside the transaction, as in the product);
//   2. BEGIN;
//   3. appendSentMessageSql — sequence + status under the row lock, the message, the sender's
//      read position (one CTE);
//   4. trackResponseSql — response intervals (opens the supplier's wait on the first message;
//      afterwards the wait is already open) and the away-reply check (one CTE);
//   5. the unread-email check's enqueue (@rapport/jobs' batched send: a lookup, and an insert
//      only when no check for this conversation waits yet);
//   6. COMMIT.
// The target's baseline (B) sends them as the product does: prepared (named) statements, so
// each connection plans them once, and BEGIN with statements 3, 4 and 5 written together on a
// pipelined connection, in one socket write — three round trips (see send-sql.ts and db/src/sql.ts). Same SQL, same
// protocol: the ratio is then what Rapport's own work (HTTP, GraphQL, limits, pub/sub,
// delivery) costs, not a difference in how the database is asked. The row also shows a
// plain baseline (B′: unnamed statements, planned every time, each sent after the previous
// answer — six round trips), which is what the send path itself did before 2026-11-25;
// Rapport now outruns it.
// Ids are UUIDv7 on both sides. Not in the baseline: what is not SQL of the send — HTTP,
// GraphQL, the session check (a short-lived cache in the gateway), the Redis rate limiter and
// the pub/sub publish. The supplier's away message is off and nobody answers, so neither side
// runs the close-interval or auto-reply statements.
//
// Rapport runs as in production: the gateway's own process (main.ts, NODE_ENV=production, its
// default pool of 10 connections), the senders in this one over HTTP. (Until 2026-11-25 the
// gateway ran in this process and shared its thread with the 16 HTTP clients, which are not
// Rapport; both ways measure about the same on this machine, 0.55–0.58×.)
//
// "Delivered": a graphql-ws client here subscribes to every conversation (conversationEvents)
// and a send counts only once its MessageAdded reached that subscriber, waiting for stragglers
// after the run and counting that wait in the elapsed time.
import { encodeGlobalID } from '@pothos/plugin-relay'
import { messagePreview } from '@rapport/core'
import { unreadEmailCheck, unreadEmailCheckFor } from '@rapport/gateway/unread-email-job'
import { batchedSendSql } from '@rapport/jobs'
import { appendSentMessageSql, sendFactsSql, trackResponseSql } from '@rapport/messaging'
import { deleteKeysWithPrefix } from '@rapport/realtime'
import pg from 'pg'
import { Pool as HttpPool } from 'undici'
import { v7 as uuidv7 } from 'uuid'
import type { Fixture } from './fixtures.ts'
import { startGatewayProcess, type GatewayProcess } from './processes.ts'
import { abPairs, median } from './stats.ts'
import { benchClient, follow } from './subscribers.ts'

const EVENTS = 'subscription Events($id: ID!) { conversationEvents(conversationId: $id) { __typename ... on Subscribed { lastSequence } ... on MessageAdded { message { sequence } } } }'
const SEND = 'mutation Send($input: SendMessageInput!) { sendMessage(input: $input) { __typename ... on SendMessagePayload { sentMessage { sequence } } } }'
const BODY = 'Is the 5 l tin back in stock?'

export async function conversations(f: Fixture, n: number): Promise<string[]> {
  const buyer = await f.db.prisma.buyer.findFirstOrThrow({ where: { user: { email: 'maya.lindqvist@example.com' } } })
  const supplier = await f.db.prisma.supplier.findUniqueOrThrow({ where: { slug: f.supplierSlug } })
  const ids: string[] = []
  for (let i = 0; i < n; i++)
    ids.push((await f.db.prisma.conversation.create({ data: { buyerId: buyer.id, supplierId: supplier.id, subject: `bench ${i}` } })).id)
  return ids
}

export async function rapportSends(f: Fixture, gateway: GatewayProcess, ids: string[], seconds: number): Promise<number> {
  const http = new HttpPool(new URL(gateway.url).origin, { connections: ids.length })
  // Deliveries seen by a subscriber of each conversation, as `${conversationId}:${sequence}`.
  const delivered = new Set<string>()
  let lastDelivery = 0
  let onDelivery = () => {}
  const client = benchClient(gateway.wsUrl, f.tokens.buyer)
  const unsubscribes = await Promise.all(
    ids.map((id) =>
      follow(client, EVENTS, encodeGlobalID('Conversation', id), (e) => {
        if (e.__typename !== 'MessageAdded' || !e.message) return
        delivered.add(`${id}:${e.message.sequence}`)
        lastDelivery = performance.now()
        onDelivery()
      }),
    ),
  ).catch(async (e: unknown) => {
    await client.dispose()
    await http.close()
    throw e
  })
  const acked: string[] = []
  const end = performance.now() + seconds * 1000
  const t0 = performance.now()
  try {
    await Promise.all(
      ids.map(async (id) => {
        const conversationId = encodeGlobalID('Conversation', id)
        while (performance.now() < end) {
          const res = await http.request({
            method: 'POST',
            path: '/graphql',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${f.tokens.buyer}` },
            body: JSON.stringify({ query: SEND, variables: { input: { conversationId, clientMessageId: uuidv7(), body: BODY } } }),
          })
          const out = (await res.body.json()) as { data?: { sendMessage?: { __typename: string; sentMessage?: { sequence: number } } } }
          const sent = out.data?.sendMessage
          if (sent?.__typename === 'SendMessagePayload' && sent.sentMessage) acked.push(`${id}:${sent.sentMessage.sequence}`)
        }
      }),
    )
    const loopEnd = performance.now()
    // Events still in flight when the senders stopped: wait for them (at most 2 s).
    const allIn = () => acked.every((k) => delivered.has(k))
    if (!allIn())
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 2000)
        onDelivery = () => {
          if (allIn()) {
            clearTimeout(timer)
            resolve()
          }
        }
      })
    const counted = acked.filter((k) => delivered.has(k)).length
    return counted / ((Math.max(loopEnd, lastDelivery) - t0) / 1000)
  } finally {
    for (const unsubscribe of unsubscribes) unsubscribe()
    await client.dispose()
    await http.close()
  }
}

/**
 * The baseline, sending the statements one of two ways:
 *  - 'rapport': as the product does (the target's baseline) — prepared (named) statements, and
 *    BEGIN with statements 3, 4 and 5 written together (one socket write) on a pipelined connection: three round trips;
 *  - 'plain': unnamed statements (parsed and planned every time), each sent after the previous
 *    one's answer: six round trips, what a first raw-pg program would do.
 */
export async function rawSends(
  url: string,
  ids: string[],
  author: { userId: string; supplierId: string },
  seconds: number,
  opts: { protocol: 'rapport' | 'plain' },
): Promise<number> {
  const asRapport = opts.protocol === 'rapport'
  const pool = new pg.Pool({ connectionString: url, max: ids.length, pipeline: asRapport })
  const names = new Map<string, string>()
  const run = (c: pg.PoolClient, q: { text: string; values: unknown[] }) => {
    if (!asRapport) return c.query(q.text, q.values)
    let name = names.get(q.text)
    if (!name) names.set(q.text, (name = `baseline_${names.size + 1}`))
    return c.query({ name, text: q.text, values: q.values })
  }
  let sent = 0
  const end = performance.now() + seconds * 1000
  const t0 = performance.now()
  try {
    await Promise.all(
      ids.map(async (id) => {
        while (performance.now() < end) {
          const c = await pool.connect()
          try {
            const clientMessageId = uuidv7()
            // The product reads these facts before its transaction; it needs them for its checks.
            const facts = await run(c, sendFactsSql({ conversationId: id, authorId: author.userId, clientMessageId, replyToId: null }))
            if (facts.rows.length !== 1) throw new Error('conversation not found')
            const now = new Date()
            const append = appendSentMessageSql({
              messageId: uuidv7(),
              readPositionId: uuidv7(),
              conversationId: id,
              authorId: author.userId,
              side: 'BUYER',
              clientMessageId,
              body: BODY,
              originalBody: null,
              masked: false,
              replyToId: null,
              preview: messagePreview(BODY),
              at: now,
              assignTo: null,
            })
            const track = trackResponseSql({ intervalId: uuidv7(), conversationId: id, supplierId: author.supplierId, side: 'BUYER', at: now })
            // The delay does not change the statement's work; the gateway's default is 5 minutes.
            const check = unreadEmailCheckFor({ conversationId: id, recipientSide: 'SUPPLIER' }, 5)
            const enqueue = batchedSendSql(unreadEmailCheck, check.data, check.singletonKey, check.delaySeconds)
            let appended
            if (asRapport) {
              // Written together in one socket write, as the product's transaction does (db/src/sql.ts).
              const stream = (c as unknown as { connection: { stream: { cork(): void; uncork(): void } } }).connection.stream
              stream.cork()
              const all = Promise.all([c.query('BEGIN'), run(c, append), run(c, track), run(c, enqueue)])
              stream.uncork()
              ;[, appended] = await all
            } else {
              await c.query('BEGIN')
              appended = await run(c, append)
              await run(c, track)
              await run(c, enqueue)
            }
            if (appended.rows.length !== 1) throw new Error('conversation not found')
            await c.query('COMMIT')
            sent++
          } catch (e) {
            await c.query('ROLLBACK')
            throw e
          } finally {
            c.release()
          }
        }
      }),
    )
    return sent / ((performance.now() - t0) / 1000)
  } finally {
    await pool.end()
  }
}

export type P5Result =
  | { rapport: number; baseline: number; ratio: number; plainBaseline: number; plainRatio: number }
  | { skipped: string }

export async function runP5(f: Fixture, opts: { pairs: number; seconds: number; senders: number }): Promise<P5Result> {
  if (f.kind !== 'postgres') return { skipped: 'needs DATABASE_URL=postgresql://… (raw pg baseline)' }
  const ids = await conversations(f, opts.senders)
  const author = await f.db.prisma.user.findUniqueOrThrow({ where: { email: 'maya.lindqvist@example.com' } })
  const supplier = await f.db.prisma.supplier.findUniqueOrThrow({ where: { slug: f.supplierSlug } })
  // The gateway as it runs in production: its own process (main.ts), so that the 16 HTTP
  // clients and their subscriptions, which are not Rapport, do not share its thread.
  const gateway = await startGatewayProcess({
    DATABASE_URL: f.databaseUrl,
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL, REDIS_PREFIX: `rapport-bench-p5-${process.pid}:` } : {}),
    // The senders are one user, sending on purpose far faster than a person.
    SEND_BUDGETS: '1000000/1',
  })
  const who = { userId: author.id, supplierId: supplier.id }
  let pairs
  try {
    // Each pair: Rapport, then the baseline sent as Rapport sends it, then sent plainly (A, B, B′).
    pairs = await abPairs(
      opts.pairs,
      () => rapportSends(f, gateway, ids, opts.seconds),
      async () => ({
        asRapport: await rawSends(f.databaseUrl, ids, who, opts.seconds, { protocol: 'rapport' }),
        plain: await rawSends(f.databaseUrl, ids, who, opts.seconds, { protocol: 'plain' }),
      }),
    )
  } finally {
    await gateway.stop()
    if (process.env.REDIS_URL) await deleteKeysWithPrefix(process.env.REDIS_URL, `rapport-bench-p5-${process.pid}:`)
  }
  return {
    rapport: median(pairs.map((p) => p.a)),
    baseline: median(pairs.map((p) => p.b.asRapport)),
    ratio: median(pairs.map((p) => p.a / p.b.asRapport)),
    plainBaseline: median(pairs.map((p) => p.b.plain)),
    plainRatio: median(pairs.map((p) => p.a / p.b.plain)),
  }
}
