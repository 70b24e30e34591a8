// N1: a supplier update reaching its followers. `followers` buyers each follow the posting
// supplier and hold a graphql-ws notificationEvents subscription (each signed in as
// themselves, live once SUBSCRIBED arrives); then one postSupplierUpdate over HTTP. Per
// follower: the time from just before the post until its live NOTIFICATION (SUPPLIER_UPDATE)
// arrives; and the time until every follower's Notification row exists in the database.
//
// The path measured is the whole product path: the post's transaction (update row + pg-boss
// job), the gateway's worker picking the job up, writing one Notification per follower in the
// job's transaction, and after its commit poking each follower's feed, which reads its new
// rows and unread count from the database and sends them. The gateway runs in this process
// with the clients, as in P2 (whose one-publish fan-out the row is reported beside).
//
// Each update comes from a fresh supplier (3 updates per supplier per day are allowed), all
// followed by the same buyers; the subscribers stay connected across the updates. The
// followers, their sessions and follows are written directly (createMany): a thousand
// sign-ups through the API would measure sign-up.
import { randomBytes } from 'node:crypto'
import { encodeGlobalID } from '@pothos/plugin-relay'
import { systemClock } from '@rapport/core'
import { schema } from '@rapport/gateway/schema'
import { startGateway } from '@rapport/gateway/server'
import { createSession, hashToken, SESSION_TTL_MS } from '@rapport/identity'
import type { Client } from 'graphql-ws'
import type { Fixture } from './fixtures.ts'
import { settle } from './p2-fanout.ts'
import { median, percentile } from './stats.ts'
import { benchClient } from './subscribers.ts'

const EVENTS = 'subscription($after: String) { notificationEvents(after: $after) { kind cursor unreadCount notification { id kind text } } }'
const POST = `mutation($input: PostSupplierUpdateInput!) { postSupplierUpdate(input: $input) {
  __typename ... on SupplierUpdate { id } ... on Error { message } } }`

type NotificationEvent = { kind: string; cursor: string; unreadCount: number; notification: { id: string; kind: string; text: string } | null }

export type N1Update = {
  /** Live deliveries, from just before the post: p50, p99 and the slowest. */
  p50: number
  p99: number
  max: number
  /** Until every follower's Notification row existed (polled, so up to one poll late). */
  allRowsMs: number
  /** The post's HTTP round trip (its transaction and the job's enqueueing). */
  postMs: number
  /**
   * The fan-out job's timeline from pg-boss' own record, from just before the post (the
   * database's clock against this machine's, the same one): enqueued (the post's transaction
   * began), picked up by the worker, its run's transaction began (where it is completed).
   */
  job: { enqueuedMs: number; pickedUpMs: number; transactionMs: number }
  delivered: number
}

export type N1Result = {
  followers: number
  updates: N1Update[]
  p50: number
  p99: number
  allRowsMs: number
  missed: number
  /** Writing the followers, suppliers and follows; then connecting every subscriber. */
  setupMs: number
  subscribeMs: number
}

/**
 * The fan-out job of the update a (fresh) supplier posted, as pg-boss recorded it, in ms after
 * `since` (epoch ms). Its stamps are now(), the start of the transaction that wrote them:
 * created_on the post's, started_on the worker's fetch, completed_on the run's own transaction.
 */
async function jobTimes(f: Fixture, supplierId: string, since: number): Promise<N1Update['job']> {
  const [job] = await f.db.prisma.$queryRawUnsafe<{ created: number | null; started: number | null; completed: number | null }[]>(
    `SELECT (EXTRACT(EPOCH FROM j.created_on) * 1000)::float8 AS "created",
            (EXTRACT(EPOCH FROM j.started_on) * 1000)::float8 AS "started",
            (EXTRACT(EPOCH FROM j.completed_on) * 1000)::float8 AS "completed"
       FROM pgboss.job j JOIN "SupplierUpdate" u ON j.data->>'updateId' = u.id::text
      WHERE j.name = 'supplier-update-fan-out' AND u."supplierId" = $1::uuid`,
    supplierId,
  )
  const at = (t: number | null | undefined) => (t == null ? NaN : t - since)
  return { enqueuedMs: at(job?.created), pickedUpMs: at(job?.started), transactionMs: at(job?.completed) }
}

/** `count` buyers with a session each: their tokens, user ids and buyer ids. */
async function buyers(f: Fixture, tag: string, count: number) {
  const db = f.db.prisma
  const emails = Array.from({ length: count }, (_, i) => `n1-${tag}-${i}@bench.example`)
  await db.user.createMany({
    data: emails.map((email, i) => ({ email, passwordHash: 'bench: no password', displayName: `N1 follower ${i + 1}` })),
  })
  const users = await db.user.findMany({ where: { email: { in: emails } }, select: { id: true, displayName: true } })
  await db.buyer.createMany({ data: users.map((u) => ({ userId: u.id, displayName: u.displayName })) })
  const rows = await db.buyer.findMany({ where: { userId: { in: users.map((u) => u.id) } }, select: { id: true, userId: true } })
  const tokens = rows.map(() => randomBytes(32).toString('base64url'))
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS)
  await db.session.createMany({ data: rows.map((b, i) => ({ userId: b.userId, tokenHash: hashToken(tokens[i]!), expiresAt })) })
  return rows.map((b, i) => ({ buyerId: b.id, userId: b.userId, token: tokens[i]! }))
}

/** `count` fresh suppliers, one poster on all their teams (OWNER), and the poster's session. */
async function suppliers(f: Fixture, tag: string, count: number) {
  const db = f.db.prisma
  const poster = await db.user.create({ data: { email: `n1-${tag}-poster@bench.example`, passwordHash: 'bench: no password', displayName: 'N1 poster' } })
  const ids: string[] = []
  for (let i = 0; i < count; i++) {
    const s = await db.supplier.create({ data: { slug: `n1-${tag}-${i}`, name: `N1 Supplier ${i + 1}`, timeZone: 'Europe/Lisbon' } })
    await db.supplierMember.create({ data: { supplierId: s.id, userId: poster.id, role: 'OWNER' } })
    ids.push(s.id)
  }
  // After the memberships: the session's viewer (cached by the gateway) carries them.
  const { token } = await createSession({ db, clock: systemClock }, poster.id)
  return { ids, token }
}

/** Subscribes `client` to notificationEvents; resolves once SUBSCRIBED arrives. */
function notifications(client: Client, onEvent: (e: NotificationEvent) => void): Promise<void> {
  return new Promise((live, fail) => {
    client.subscribe<{ notificationEvents: NotificationEvent }>(
      { query: EVENTS, variables: { after: null } },
      {
        next: ({ data }) => {
          const e = data?.notificationEvents
          if (!e) return
          if (e.kind === 'SUBSCRIBED') live()
          else onEvent(e)
        },
        error: fail,
        complete: () => {},
      },
    )
  })
}

export async function runN1(f: Fixture, opts: { followers: number; updates: number }): Promise<N1Result> {
  const tag = `${process.pid}-${randomBytes(3).toString('hex')}`
  const started = performance.now()
  const followers = await buyers(f, tag, opts.followers)
  const posting = await suppliers(f, tag, opts.updates)
  await f.db.prisma.follow.createMany({ data: posting.ids.flatMap((supplierId) => followers.map((b) => ({ buyerId: b.buyerId, supplierId }))) })

  // The update now being measured: its title, when its post started, and each follower's arrival.
  let title = ''
  let t0 = 0
  let arrivals: number[] = []
  let delivered = 0
  const gateway = await startGateway({ schema, services: f.services, production: true, port: 0, host: '127.0.0.1' })
  const url = gateway.url.replace(/^http/, 'ws')
  const clients: Client[] = []
  const updates: N1Update[] = []
  const setupMs = performance.now() - started
  let subscribeMs = NaN
  try {
    await Promise.all(
      followers.map(async (b, i) => {
        const client = benchClient(url, b.token)
        clients.push(client)
        await notifications(client, (e) => {
          const n = e.notification
          if (e.kind !== 'NOTIFICATION' || n?.kind !== 'SUPPLIER_UPDATE' || !title || !n.text.endsWith(title)) return
          if (!Number.isNaN(arrivals[i])) return
          arrivals[i] = performance.now() - t0
          delivered++
        })
      }),
    )
    subscribeMs = performance.now() - started - setupMs
    for (const [u, supplierId] of posting.ids.entries()) {
      title = `N1 update ${u + 1} (${tag})`
      arrivals = followers.map(() => NaN)
      delivered = 0
      // Every follower's row of this update (the supplier is fresh: its only update).
      const rows = () => f.db.prisma.notification.count({ where: { kind: 'SUPPLIER_UPDATE', payload: { path: ['subject', 'supplierId'], equals: supplierId } } })
      const wall0 = Date.now()
      t0 = performance.now()
      const posted = fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${posting.token}` },
        body: JSON.stringify({ query: POST, variables: { input: { supplierId: encodeGlobalID('Supplier', supplierId), title, body: 'Fresh from the press this morning: the new harvest is in.' } } }),
      }).then(async (res) => {
        const text = await res.text()
        // A refused post would look like a lost fan-out: fail loudly instead.
        if (!text.includes('"__typename":"SupplierUpdate"')) throw new Error(`postSupplierUpdate failed: ${text.slice(0, 300)}`)
        return performance.now() - t0
      })
      // Polled from the start; the rows commit together (the job's one transaction).
      let allRowsMs = NaN
      const polled = (async () => {
        const end = t0 + 30_000
        while (performance.now() < end) {
          if ((await rows()) >= followers.length) return (allRowsMs = performance.now() - t0)
          await new Promise((r) => setTimeout(r, 5))
        }
      })()
      const postMs = await posted
      await polled
      await settle(() => delivered >= followers.length, 30_000)
      const live = arrivals.filter((a) => !Number.isNaN(a))
      // Let the job's completion and the feeds' reads finish before the next post.
      await new Promise((r) => setTimeout(r, 250))
      const job = await jobTimes(f, supplierId, wall0)
      updates.push({
        p50: percentile(live, 0.5),
        p99: percentile(live, 0.99),
        max: live.length ? Math.max(...live) : NaN,
        allRowsMs,
        postMs,
        job,
        delivered: live.length,
      })
    }
  } finally {
    title = ''
    await Promise.all(clients.map((c) => c.dispose()))
    await gateway.close()
  }
  return {
    followers: followers.length,
    updates,
    p50: median(updates.map((u) => u.p50)),
    p99: median(updates.map((u) => u.p99)),
    allRowsMs: median(updates.map((u) => u.allRowsMs)),
    missed: updates.reduce((n, u) => n + followers.length - u.delivered, 0),
    setupMs,
    subscribeMs,
  }
}
