// reviewEvents under the live-feed faults, with real PostgreSQL, real Redis and the stock
// graphql-ws client the README's recipe describes (retries for ever, one variables object whose
// `after` follows the last cursor). Two gateways share Redis: A, which the supplier's agent
// follows, reaches the database through a proxy the test can cut; B, where a buyer asks the
// product questions that make the events, is always healthy.
//  a) pub/sub blip: A's subscriber connection is killed while a question is asked; the event
//     arrives without a later one to reveal the gap (A re-reads after resubscribing);
//  b) a subscriber back with its last cursor gets exactly what it missed, no duplicate;
//  c) A loses the database: the feed ends with a 1013 close (graphql-ws retries it), never a
//     complete nor 4500, and resumes from its cursor once the database is back.
// And one race: a feed started without a cursor must not skip an event of its supplier that
// commits after another supplier's newer one.
import { randomBytes, randomUUID } from 'node:crypto'
import { createDb, type Db, type Prisma } from '@rapport/db'
import { deleteKeysWithPrefix, openRedis } from '@rapport/realtime'
import { createClient, type Client } from 'graphql-ws'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { followReviewEvents, useReviewWorld, type Result } from './review-testing.ts'
import { startDbProxy, startTestGateway, type DbProxy, type TestGateway } from './testing.ts'
import { topic } from './topics.ts'

const REDIS_URL = process.env.REDIS_URL
const POSTGRES = process.env.DATABASE_URL?.startsWith('postgres')

const ASK = `mutation($input: AskQuestionInput!) { askQuestion(input: $input) { __typename ... on ProductQuestion { id } } }`
const EVENTS = `subscription($supplierId: ID!, $after: String) { reviewEvents(supplierId: $supplierId, after: $after) { kind cursor question { body } } }`
type Ev = { reviewEvents: { kind: string; cursor: string; question: { body: string } | null } }
type Seen = { kind: string; cursor: string; body: string | null; at: number }

describe.runIf(REDIS_URL && POSTGRES)('reviewEvents after faults (real PostgreSQL and Redis)', () => {
  const prefix = `rapport-test-${randomBytes(6).toString('hex')}:`
  let proxy: DbProxy
  let b: TestGateway
  const world = useReviewWorld({
    people: { maya: { email: 'maya@example.com', name: 'Maya', buyer: true }, agent: { email: 'ana@kiln.example', name: 'Ana', agent: true } },
    // Gateway A, on the database through the proxy; it takes B, the proxy and the prefix's keys down with it.
    gateway: async (db) => {
      proxy = await startDbProxy(db.url!)
      const proxied: Db = await createDb(proxy.url)
      const a = await startTestGateway(proxied, { redisUrl: REDIS_URL, prefix })
      b = await startTestGateway(db, { redisUrl: REDIS_URL, prefix })
      return {
        ...a,
        async close() {
          await a.close()
          await b.close()
          await proxied.close().catch(() => {})
          await proxy.close()
          await deleteKeysWithPrefix(REDIS_URL!, prefix)
        },
      }
    },
  })
  const followers: Follower[] = []
  afterEach(async () => {
    proxy.restore()
    await Promise.all(followers.splice(0).map((f) => f.dispose()))
  })

  /** The buyer asks on gateway B; resolves when it is committed (and announced). */
  const ask = async (body: string) => {
    const res = await b.post<Result<{ askQuestion: { __typename: string } }>>(ASK, { input: { productId: world.supplier.productGid, body } }, world.as('maya'))
    expect(res.body.data?.askQuestion.__typename).toBe('ProductQuestion')
  }
  const follow = (opts: { after?: string } = {}) => {
    const f = new Follower(world.gw.wsUrl, world.people.agent.token, { supplierId: world.supplier.gid, after: opts.after ?? null })
    followers.push(f)
    return f
  }

  it('a) delivers a question asked during a pub/sub blip, with no later event to reveal the gap', async () => {
    const agent = follow()
    await agent.until((es) => es.some((e) => e.kind === 'SUBSCRIBED'))
    await ask('Warm-up: is it glazed inside?')
    await agent.until(has('Warm-up: is it glazed inside?'))

    // Whether A's feed heard the announcement at all, and whether A resubscribed and resynced.
    let heard = 0
    let resynced = 0
    const stopHearing = world.gw.pubsub.listen(topic.supplierReviews(world.supplier.id), () => heard++)
    const stopResync = world.gw.pubsub.onResync(() => resynced++)
    try {
      const [killed] = await Promise.all([killSubscriberConnections(prefix), ask('During the blip: does it fit a 1 l jar?')])
      expect(killed).toBe(2) // A's and B's (the suite's own: other users of this Redis are left alone)
      await agent.until(has('During the blip: does it fit a 1 l jar?'), 5000)
      await expect.poll(() => resynced).toBeGreaterThan(0)
      // Informative: whether this run's announcement was lost (then only the resync delivered it).
      console.info(`pub/sub blip: the announcement ${heard ? 'reached' : 'never reached'} gateway A; delivered ${agent.count('During the blip: does it fit a 1 l jar?')}×`)
    } finally {
      stopHearing()
      stopResync()
    }
    expect(agent.count('During the blip: does it fit a 1 l jar?')).toBe(1)
    expect(agent.completes).toBe(0)
  })

  it('b) replays exactly the missed events, in order and once, to a subscriber back with its last cursor', async () => {
    const agent = follow()
    await agent.until((es) => es.some((e) => e.kind === 'SUBSCRIBED'))
    await ask('Before the drop?')
    await agent.until(has('Before the drop?'))
    const cursor = agent.variables.after!

    // The agent's socket drops and stays away while three questions are asked.
    const away = agent.holdReconnects()
    agent.dropSocket()
    const missed = ['Missed one?', 'Missed two?', 'Missed three?']
    for (const q of missed) await ask(q)
    const seenBefore = agent.events.length
    away.release()
    await agent.until(has(missed[2]!))
    await ask('After the return?')
    await agent.until(has('After the return?'))

    const since = agent.events.slice(seenBefore)
    expect(since.map((e) => [e.kind, e.body])).toEqual([
      ['QUESTION_ASKED', 'Missed one?'],
      ['QUESTION_ASKED', 'Missed two?'],
      ['QUESTION_ASKED', 'Missed three?'],
      ['SUBSCRIBED', null],
      ['QUESTION_ASKED', 'After the return?'],
    ])
    expect(BigInt(since[0]!.cursor)).toBeGreaterThan(BigInt(cursor))
    expect(new Set(agent.events.filter((e) => e.kind !== 'SUBSCRIBED').map((e) => e.cursor)).size).toBe(agent.events.filter((e) => e.kind !== 'SUBSCRIBED').length)
    expect(agent.completes).toBe(0)

    // Another subscriber from the same cursor, on the other gateway: the same events, nothing else.
    const other = b.wsClient({ connectionParams: { authToken: world.people.agent.token } })
    const again = await followReviewEvents<Ev>(other, EVENTS, { supplierId: world.supplier.gid, after: cursor })
    expect(again.events.map((e) => [e.reviewEvents.kind, e.reviewEvents.question?.body ?? null])).toEqual([
      ...missed.map((q) => ['QUESTION_ASKED', q]),
      ['QUESTION_ASKED', 'After the return?'],
      ['SUBSCRIBED', null],
    ])
    again.dispose()
  })

  it('c) ends with a 1013 close during a database outage (never a complete or 4500), then resumes from its cursor', async () => {
    const agent = follow()
    await agent.until((es) => es.some((e) => e.kind === 'SUBSCRIBED'))
    await ask('Before the outage?')
    await agent.until(has('Before the outage?'))

    proxy.cut()
    // The announcement reaches A's feed, whose read of the database fails.
    await ask('During the outage?')
    await expect.poll(() => agent.closeCodes, { timeout: 15_000 }).toContain(1013)
    await ask('Still during the outage?')
    proxy.restore()
    await agent.until(has('Still during the outage?'), 20_000)
    await ask('After the outage?')
    await agent.until(has('After the outage?'))

    expect(agent.closeCodes).not.toContain(4500)
    expect(agent.completes).toBe(0)
    for (const q of ['Before the outage?', 'During the outage?', 'Still during the outage?', 'After the outage?']) expect(agent.count(q), q).toBe(1)
  })
})

describe.runIf(POSTGRES)('reviewEvents started from now, while another supplier’s later event overtakes one of this supplier’s', () => {
  const world = useReviewWorld({
    people: { maya: { email: 'maya@example.com', name: 'Maya', buyer: true }, agent: { email: 'ana@kiln.example', name: 'Ana', agent: true } },
  })

  it('still delivers the one that commits after the subscription started', async () => {
    const { prisma } = world.db
    const question = await prisma.productQuestion.create({ data: { productId: world.supplier.productId, askerId: world.people.maya.userId, body: 'Overtaken?' } })
    const other = await prisma.supplier.create({ data: { slug: 'loom', name: 'Loom', timeZone: 'UTC' } })
    // Each writer as recordReviewEvent writes: the supplier's row lock, then the outbox row.
    const record = async (tx: Prisma.TransactionClient, supplierId: string, questionId: string) => {
      await tx.$executeRaw`SELECT 1 FROM "Supplier" WHERE "id" = ${supplierId}::uuid FOR NO KEY UPDATE`
      return (await tx.domainEvent.create({ data: { type: 'QUESTION_ASKED', aggregateType: 'ProductQuestion', aggregateId: questionId, supplierId, payload: {} } })).id
    }
    // Kiln's event takes its id first but commits last.
    let commit = () => {}
    let inserted = (_id: bigint) => {}
    const kilnId = new Promise<bigint>((r) => (inserted = r))
    const kilnTx = prisma.$transaction(
      async (tx) => {
        inserted(await record(tx, world.supplier.id, question.id))
        await new Promise<void>((r) => (commit = r))
      },
      { timeout: 20_000 },
    )
    const loomId = await prisma.$transaction((tx) => record(tx, other.id, randomUUID()))
    expect(loomId).toBeGreaterThan(await kilnId)

    const live = await followReviewEvents<Ev>(world.client('agent'), EVENTS, { supplierId: world.supplier.gid })
    commit()
    await kilnTx
    world.gw.pubsub.publish(topic.supplierReviews(world.supplier.id), { supplierId: world.supplier.id })
    await live.waitFor((es) => es.some((e) => e.reviewEvents.question?.body === 'Overtaken?'), 5000)
    live.dispose()
  })
})

const has = (body: string) => (es: Seen[]) => es.some((e) => e.body === body)

/**
 * A supplier's agent following reviewEvents as the README's recipe does: a stock graphql-ws
 * client that retries for ever, one variables object whose `after` is the last cursor received
 * (graphql-ws re-sends that object when it resubscribes), and a resubscribe after an error. It
 * counts what a client must never get: a `complete` it did not ask for.
 */
class Follower {
  readonly events: Seen[] = []
  readonly closeCodes: number[] = []
  readonly errors: string[] = []
  completes = 0
  readonly variables: { supplierId: string; after: string | null }
  private readonly client: Client
  private socket: WebSocket | null = null
  private held: Promise<void> | null = null
  private stopped = false

  constructor(url: string, token: string, variables: { supplierId: string; after: string | null }) {
    this.variables = variables
    this.client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: { authToken: token },
      lazy: false,
      retryAttempts: Infinity,
      shouldRetry: () => true,
      retryWait: async () => {
        await this.held
        await new Promise((r) => setTimeout(r, 200))
      },
      onNonLazyError: () => {},
      on: {
        connected: (socket) => (this.socket = socket as WebSocket),
        closed: (event) => {
          this.socket = null
          const code = (event as { code?: unknown }).code
          if (typeof code === 'number') this.closeCodes.push(code)
        },
      },
    })
    this.subscribe()
  }

  until(test: (events: Seen[]) => boolean, ms = 10_000) {
    return expect.poll(() => test(this.events), { timeout: ms, interval: 25 }).toBe(true)
  }

  count(body: string) {
    return this.events.filter((e) => e.body === body).length
  }

  /** Reconnects wait until release(): the socket stays away while the test writes. */
  holdReconnects() {
    let release = () => {}
    this.held = new Promise<void>((r) => (release = r))
    return {
      release: () => {
        this.held = null
        release()
      },
    }
  }

  /** Ends the socket abruptly from the client's side (a network drop). */
  dropSocket() {
    this.socket?.terminate()
  }

  async dispose() {
    this.stopped = true
    await this.client.dispose()
  }

  private subscribe() {
    this.client.subscribe<Ev>(
      { query: EVENTS, variables: this.variables },
      {
        next: (r) => {
          if (r.errors?.length) this.errors.push(JSON.stringify(r.errors))
          const e = r.data?.reviewEvents
          if (!e) return
          this.events.push({ kind: e.kind, cursor: e.cursor, body: e.question?.body ?? null, at: Date.now() })
          this.variables.after = e.cursor
        },
        error: (err) => {
          this.errors.push(JSON.stringify(err))
          if (!this.stopped) setTimeout(() => this.subscribe(), 200)
        },
        complete: () => {
          if (!this.stopped) this.completes++
        },
      },
    )
  }
}

/** CLIENT KILL on this prefix's pub/sub connections only (the Redis may be shared); how many. */
async function killSubscriberConnections(prefix: string): Promise<number> {
  const admin = openRedis(REDIS_URL!)
  try {
    const list = String(await admin.call('CLIENT', 'LIST', 'TYPE', 'pubsub'))
    const ids = [...list.matchAll(/id=(\d+) .*name=(\S+)/g)].filter((m) => m[2] === `${prefix}subscribe`).map((m) => m[1]!)
    for (const id of ids) await admin.call('CLIENT', 'KILL', 'ID', id)
    return ids.length
  } finally {
    admin.disconnect()
  }
}
