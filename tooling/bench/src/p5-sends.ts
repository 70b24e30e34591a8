// P5: message sends per second, committed and delivered, with 16 concurrent senders (each
// in its own conversation), through the gateway's sendMessage — against raw `pg` running the
// same SQL the send commits, in one transaction per message. PostgreSQL only.
import { randomUUID } from 'node:crypto'
import { encodeGlobalID } from '@pothos/plugin-relay'
import { schema } from '@rapport/gateway/schema'
import { startGateway } from '@rapport/gateway/server'
import pg from 'pg'
import { Pool as HttpPool } from 'undici'
import type { Fixture } from './fixtures.ts'
import { abPairs, median } from './stats.ts'

const SEND = 'mutation Send($input: SendMessageInput!) { sendMessage(input: $input) { __typename ... on SendMessagePayload { sentMessage { sequence } } } }'

async function conversations(f: Fixture, n: number): Promise<string[]> {
  const buyer = await f.db.prisma.buyer.findFirstOrThrow({ where: { user: { email: 'maya.lindqvist@example.com' } } })
  const supplier = await f.db.prisma.supplier.findUniqueOrThrow({ where: { slug: f.supplierSlug } })
  const ids: string[] = []
  for (let i = 0; i < n; i++)
    ids.push((await f.db.prisma.conversation.create({ data: { buyerId: buyer.id, supplierId: supplier.id, subject: `bench ${i}` } })).id)
  return ids
}

export async function rapportSends(f: Fixture, ids: string[], seconds: number): Promise<number> {
  const gateway = await startGateway({ schema, ...f.services, production: true, port: 0, host: '127.0.0.1' })
  const http = new HttpPool(new URL(gateway.url).origin, { connections: ids.length })
  let sent = 0
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
            body: JSON.stringify({ query: SEND, variables: { input: { conversationId, clientMessageId: randomUUID(), body: 'Is the 5 l tin back in stock?' } } }),
          })
          const text = await res.body.text()
          if (text.includes('SendMessagePayload')) sent++
        }
      }),
    )
    return sent / ((performance.now() - t0) / 1000)
  } finally {
    await http.close()
    await gateway.close()
  }
}

export async function rawSends(url: string, ids: string[], authorId: string, seconds: number): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: ids.length })
  let sent = 0
  const end = performance.now() + seconds * 1000
  const t0 = performance.now()
  try {
    await Promise.all(
      ids.map(async (id) => {
        while (performance.now() < end) {
          const c = await pool.connect()
          try {
            await c.query('BEGIN')
            const now = new Date()
            const { rows } = await c.query<{ lastSequence: number }>(
              'UPDATE "Conversation" SET "lastSequence" = "lastSequence" + 1, "lastMessageAt" = $2, "lastMessagePreview" = $3, "updatedAt" = $2 WHERE id = $1 RETURNING "lastSequence"',
              [id, now, 'Is the 5 l tin back in stock?'],
            )
            await c.query(
              'INSERT INTO "Message" (id, "conversationId", sequence, "authorId", "authorSide", kind, "clientMessageId", body, masked, "createdAt") VALUES ($1, $2, $3, $4, \'BUYER\', \'TEXT\', $5, $6, false, $7)',
              [randomUUID(), id, rows[0]!.lastSequence, authorId, randomUUID(), 'Is the 5 l tin back in stock?', now],
            )
            await c.query(
              'INSERT INTO "ReadPosition" (id, "conversationId", "userId", side, "lastReadSequence", "updatedAt") VALUES ($1, $2, $3, \'BUYER\', $4, $5) ON CONFLICT ("conversationId", "userId") DO UPDATE SET "lastReadSequence" = EXCLUDED."lastReadSequence", "updatedAt" = EXCLUDED."updatedAt"',
              [randomUUID(), id, authorId, rows[0]!.lastSequence, now],
            )
            await c.query('UPDATE "Conversation" SET status = \'AWAITING_SUPPLIER\' WHERE id = $1', [id])
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

export type P5Result = { rapport: number; baseline: number; ratio: number } | { skipped: string }

export async function runP5(f: Fixture, opts: { pairs: number; seconds: number; senders: number }): Promise<P5Result> {
  if (f.kind !== 'postgres') return { skipped: 'needs DATABASE_URL=postgresql://… (raw pg baseline)' }
  const ids = await conversations(f, opts.senders)
  const author = await f.db.prisma.user.findUniqueOrThrow({ where: { email: 'maya.lindqvist@example.com' } })
  const pairs = await abPairs(
    opts.pairs,
    () => rapportSends(f, ids, opts.seconds),
    () => rawSends(f.databaseUrl, ids, author.id, opts.seconds),
  )
  return { rapport: median(pairs.map((p) => p.a)), baseline: median(pairs.map((p) => p.b)), ratio: median(pairs.map((p) => p.a / p.b)) }
}
