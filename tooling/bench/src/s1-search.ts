// S1: searching conversations over many messages. Generates `messages` messages (12 words each
// from a mixed Portuguese/English vocabulary, spread over a year, in 1,000 conversations of the
// fixture's supplier with one buyer) and asks searchMessages over HTTP, one request at a time,
// as the supplier's agent (the team inbox) and as the buyer (her own conversations): a rare word,
// a common one, a two-word phrase, and relevance order. Baseline: the same statement the product
// runs (searchSql), straight on the driver, without the gateway. Reported with the plan
// PostgreSQL chose for the common word (the index it uses, and rows it looked at).
import { performance } from 'node:perf_hooks'
import { Prisma } from '@rapport/db'
import { schema } from '@rapport/gateway/schema'
import { startGateway } from '@rapport/gateway/server'
import { searchScope, searchSql } from '@rapport/messaging'
import { Pool } from 'undici'
import type { Fixture } from './fixtures.ts'
import { percentile } from './stats.ts'

const WORDS =
  'olive oil tin bottle harvest press cold extra virgin gift box order ship delivery porto lisbon price stock label glass jar honey almond fig bread salt pepper azeite garrafa entrega prazo obrigado encomenda caixa presente lata'.split(
    ' ',
  )
/** Planted in 1 message of 5,000 (the rare word), and the common one in every message it falls on. */
const RARE = 'zimbro'
const CONVERSATIONS = 1_000

const SEARCH = `query($q: String!, $s: ID, $order: MessageSearchOrder) { searchMessages(query: $q, supplierId: $s, order: $order, first: 20) {
  __typename ... on MessageSearchConnection { edges { node { sequence snippet highlights { start length } conversation { id } } } } } }`

export type S1Result = {
  messages: number
  generateMs: number
  rapport: { p50: number; p95: number; max: number }
  baseline: { p50: number; p95: number }
  perQuery: { label: string; p95: number; hits: number }[]
  plan: string
}

export async function runS1(f: Fixture, opts: { messages: number; rounds: number }): Promise<S1Result> {
  const { db } = f
  const supplier = await db.prisma.supplier.findUniqueOrThrow({ where: { slug: f.supplierSlug }, select: { id: true } })
  const buyer = await db.prisma.buyer.findFirstOrThrow({ where: { user: { email: 'maya.lindqvist@example.com' } }, select: { id: true } })
  const t0 = performance.now()
  await generate(f, supplier.id, buyer.id, opts.messages)
  const generateMs = performance.now() - t0

  const gateway = await startGateway({ schema, services: f.services, production: true, port: 0, host: '127.0.0.1' })
  const pool = new Pool(new URL(gateway.url).origin, { connections: 1 })
  const supplierGid = Buffer.from(`Supplier:${supplier.id}`).toString('base64')
  const cases = [
    { label: 'team, rare word', q: RARE, token: f.tokens.agent, s: supplierGid, order: 'NEWEST' },
    { label: 'team, common word', q: 'harvest', token: f.tokens.agent, s: supplierGid, order: 'NEWEST' },
    { label: 'team, phrase', q: '"cold press"', token: f.tokens.agent, s: supplierGid, order: 'NEWEST' },
    { label: 'team, two words by relevance', q: 'honey almond', token: f.tokens.agent, s: supplierGid, order: 'RELEVANCE' },
    { label: 'buyer, common word', q: 'entrega', token: f.tokens.buyer, s: null, order: 'NEWEST' },
  ] as const
  try {
    const ask = async (c: (typeof cases)[number]) => {
      const res = await pool.request({
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${c.token}` },
        body: JSON.stringify({ query: SEARCH, variables: { q: c.q, s: c.s, order: c.order } }),
      })
      const body = (await res.body.json()) as { data?: { searchMessages: { __typename: string; edges: unknown[] } }; errors?: unknown }
      if (res.statusCode !== 200 || body.errors || body.data?.searchMessages.__typename !== 'MessageSearchConnection') throw new Error(`S1: ${JSON.stringify(body).slice(0, 400)}`)
      return body.data.searchMessages.edges.length
    }
    for (const c of cases) for (let i = 0; i < 3; i++) await ask(c) // warm-up
    const all: number[] = []
    const perQuery: S1Result['perQuery'] = []
    for (const c of cases) {
      const times: number[] = []
      let hits = 0
      for (let i = 0; i < opts.rounds; i++) {
        const t = performance.now()
        hits = await ask(c)
        times.push(performance.now() - t)
      }
      all.push(...times)
      perQuery.push({ label: c.label, p95: percentile(times, 0.95), hits })
    }
    // The same statements, straight on the driver.
    const raw: number[] = []
    const statementOf = (c: (typeof cases)[number]) =>
      searchSql({ terms: c.q, scope: c.s ? searchScope({ supplierId: supplier.id }) : searchScope({ buyerId: buyer.id }), order: c.order, limit: 20, after: null })
    for (const c of cases)
      for (let i = 0; i < opts.rounds; i++) {
        const t = performance.now()
        await db.prisma.$queryRaw(statementOf(c))
        raw.push(performance.now() - t)
      }
    const plan = await explain(f, statementOf(cases[1]))
    // S1_PLANS=1 prints every case's plan (the table shows the common word's).
    if (process.env.S1_PLANS) for (const c of cases) console.log(`S1 plan, ${c.label}: ${await explain(f, statementOf(c))}`)
    return {
      messages: opts.messages,
      generateMs,
      rapport: { p50: percentile(all, 0.5), p95: percentile(all, 0.95), max: Math.max(...all) },
      baseline: { p50: percentile(raw, 0.5), p95: percentile(raw, 0.95) },
      perQuery,
      plan,
    }
  } finally {
    await pool.close()
    await gateway.close()
  }
}

/** The plan's shape in one line: its nodes and the indexes they use, with the rows the scans returned. */
async function explain(f: Fixture, statement: Prisma.Sql): Promise<string> {
  const rows = await f.db.prisma.$queryRaw<{ 'QUERY PLAN': string }[]>(Prisma.sql`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ${statement}`)
  const lines = rows.map((r) => r['QUERY PLAN'])
  const nodes = lines
    .map((l) => l.trim().replace(/^->\s*/, ''))
    .filter((l) => /Scan|Sort|Limit|Append|Hash|Nested/.test(l) && !/^(Sort Key|Sort Method|Hash Cond|Worker)/.test(l))
    .map((l) => l.replace(/\s*\(actual rows=(\d+) loops=\d+\)/, ' ($1 rows)'))
  const exec = lines.find((l) => l.startsWith('Execution Time'))
  return `${nodes.join(' → ')}${exec ? `; ${exec.toLowerCase()}` : ''}`
}

/** Conversations and messages in bulk, in SQL (sequences gap-free, as the product keeps them). */
async function generate(f: Fixture, supplierId: string, buyerId: string, messages: number) {
  const perConversation = Math.ceil(messages / CONVERSATIONS)
  const words = Prisma.sql`ARRAY[${Prisma.join(WORDS)}]::text[]`
  await f.db.prisma.$executeRaw`
    INSERT INTO "Conversation" (id, "buyerId", "supplierId", subject, "lastSequence", "lastMessageAt", "createdAt", "updatedAt")
    SELECT gen_random_uuid(), ${buyerId}::uuid, ${supplierId}::uuid, 'Bench ' || g, ${perConversation}, now(), now() - interval '365 days', now()
      FROM generate_series(1, ${CONVERSATIONS}) g`
  await f.db.prisma.$executeRaw`
    INSERT INTO "Message" (id, "conversationId", sequence, "authorSide", kind, body, "createdAt")
    SELECT gen_random_uuid(), c.id, s, CASE WHEN s % 2 = 1 THEN 'BUYER'::"AuthorSide" ELSE 'SUPPLIER'::"AuthorSide" END, 'TEXT',
           -- Referring to s and c.n makes the words a per-row subquery (not one value for all rows).
           (SELECT string_agg((${words})[1 + floor(random() * ${WORDS.length})::int], ' ') FROM generate_series(1, 12 + (s % 2) + (c.n % 1)))
             || CASE WHEN (c.n * ${perConversation} + s) % 5000 = 0 THEN ${` ${RARE}`} ELSE '' END,
           now() - interval '365 days' + (c.n * ${perConversation} + s) * (interval '365 days' / ${messages})
      FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM "Conversation" WHERE subject LIKE 'Bench %' AND "supplierId" = ${supplierId}::uuid) c,
           generate_series(1, ${perConversation}) s`
  await f.db.prisma.$executeRaw`ANALYZE "Message"`
  await f.db.prisma.$executeRaw`ANALYZE "Conversation"`
}
