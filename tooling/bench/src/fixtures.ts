// One seeded database for a benchmark run (PostgreSQL when DATABASE_URL is set, otherwise
// embedded PGlite in a temp folder), the demo accounts' sessions, and the gateway services.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { systemClock, type Viewer } from '@rapport/core'
import { createDb, type Db } from '@rapport/db'
import { createTestDb } from '@rapport/db/testing'
import { createLogger } from '@rapport/gateway/logger'
import { createServices } from '@rapport/gateway/services'
import { createSession, resolveSession } from '@rapport/identity'
import { deleteKeysWithPrefix } from '@rapport/realtime'
import { respondToReview, writeReview } from '@rapport/reviews'
import { prepareDatabase } from '@rapport/scripts/prepare'

export type Fixture = {
  db: Db
  /** What child processes use to open the same database (closed in this process first, for PGlite). */
  databaseUrl: string
  kind: 'postgres' | 'pglite'
  /** Sessions: a buyer (Maya), an agent and the owner (Ana) of the fixture's supplier. */
  tokens: { buyer: string; agent: string; owner: string }
  supplierSlug: string
  conversationId: string
  services: ReturnType<typeof createServices>
  /** Closes this process's connection (PGlite: before a child opens it). */
  release(): Promise<void>
  reopen(): Promise<void>
  cleanup(): Promise<void>
}

export async function createFixture(): Promise<Fixture> {
  const usePostgres = !!process.env.DATABASE_URL?.startsWith('postgres')
  let db: Db
  let databaseUrl: string
  let cleanup: () => Promise<void>
  if (usePostgres) {
    const t = await createTestDb('postgres')
    db = t
    databaseUrl = t.url!
    cleanup = () => t.drop()
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-'))
    databaseUrl = `pglite:${path.join(dir, 'pglite')}`
    db = await createDb(databaseUrl)
    cleanup = async () => {
      await db.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
  await prepareDatabase(db, { seed: 'if-empty' })
  const user = (email: string) => db.prisma.user.findUniqueOrThrow({ where: { email } })
  const deps = { db: db.prisma, clock: systemClock }
  const buyer = await user('maya.lindqvist@example.com')
  const agent = await user('tiago@olive-oak.example')
  const owner = await user('ana@olive-oak.example')
  const conversation = await db.prisma.conversation.findFirstOrThrow({
    where: { buyerId: (await db.prisma.buyer.findUniqueOrThrow({ where: { userId: buyer.id } })).id, supplier: { slug: 'olive-oak' } },
    orderBy: { lastMessageAt: 'desc' },
  })
  const tokens = {
    buyer: (await createSession(deps, buyer.id)).token,
    agent: (await createSession(deps, agent.id)).token,
    owner: (await createSession(deps, owner.id)).token,
  }
  const logger = createLogger({ level: 'silent', pretty: false })
  const makeServices = () =>
    createServices({
      db,
      logger,
      redisUrl: process.env.REDIS_URL,
      prefix: `rapport-bench-${process.pid}:`,
      // Benchmarks send on purpose far faster than a person.
      sendBudgets: [{ points: 1_000_000, durationSeconds: 1 }],
      attachmentsDir: mkdtempSync(path.join(os.tmpdir(), 'rapport-bench-files-')),
      // K2's webhook receiver listens on loopback (bench only).
      webhooksAllowPrivate: true,
    })
  const fixture: Fixture = {
    db,
    databaseUrl,
    kind: usePostgres ? 'postgres' : 'pglite',
    tokens,
    supplierSlug: 'olive-oak',
    conversationId: conversation.id,
    services: makeServices(),
    async release() {
      if (!usePostgres) await db.close()
    },
    async reopen() {
      if (usePostgres) return
      db = await createDb(databaseUrl)
      fixture.db = db
      await fixture.services.close()
      fixture.services = makeServices()
    },
    async cleanup() {
      await fixture.services.close()
      await cleanup()
      // This run's Redis namespaces: the fixture's, and those of the gateways P4, P6 and P7 start.
      const redisUrl = process.env.REDIS_URL
      if (redisUrl)
        for (const name of ['', 'p4-', 'p7-', 'mem-']) await deleteKeysWithPrefix(redisUrl, `rapport-bench-${name}${process.pid}:`)
    },
  }
  return fixture
}

/** The fixture supplier's owner, signed in (tokens.owner): who may make its API keys and webhook endpoints (K1, K2). */
export async function supplierOwner(f: Fixture): Promise<{ viewer: Viewer; supplierId: string }> {
  const viewer = await resolveSession({ db: f.db.prisma, clock: systemClock }, f.tokens.owner)
  const supplier = await f.db.prisma.supplier.findUniqueOrThrow({ where: { slug: f.supplierSlug }, select: { id: true } })
  if (viewer?.memberships.find((m) => m.supplierId === supplier.id)?.role !== 'OWNER') throw new Error(`tokens.owner is not an owner of ${f.supplierSlug}`)
  return { viewer, supplierId: supplier.id }
}

const DAY_MS = 24 * 60 * 60 * 1000
const REVIEW_LINES = [
  'Arrived well packed and exactly as described; the tin kept everything safe on a long trip.',
  'Good, honest food with a story behind it. We have already finished half of it.',
  'Took a few days longer than promised, but the team kept me posted and it was worth the wait.',
  'The taste is clean and peppery, far better than anything from the supermarket shelf.',
  'A lovely gift: the card they added by hand was a nice touch.',
]

/**
 * At least `count` published reviews of the fixture's supplier, every one with a public
 * response (R1's page of reviews): the supplier's unanswered reviews are answered, and
 * delivered orders from the demo buyers are added and reviewed until there are enough, all
 * written as the app writes them (@rapport/reviews), the team taking turns to respond.
 */
export async function reviewedSupplier(f: Fixture, count: number): Promise<void> {
  const db = f.db.prisma
  const deps = { db, clock: systemClock }
  const supplier = await db.supplier.findUniqueOrThrow({
    where: { slug: f.supplierSlug },
    include: { products: { orderBy: { slug: 'asc' } }, members: { where: { removedAt: null }, include: { user: true }, orderBy: { createdAt: 'asc' } } },
  })
  const team: Viewer[] = supplier.members.map((m) => ({
    userId: m.userId,
    sessionId: 'bench',
    email: m.user.email,
    displayName: m.user.displayName,
    platformRole: 'USER',
    buyerId: null,
    memberships: [{ supplierId: supplier.id, memberId: m.id, role: m.role }],
  }))
  let turn = 0
  const respond = (reviewId: string, author: string) =>
    respondToReview(deps, team[turn++ % team.length]!, { reviewId, body: `Thank you, ${author}. We read every review as a team, and this one made our morning.` })

  const published = await db.review.findMany({
    where: { supplierId: supplier.id, status: 'PUBLISHED' },
    include: { response: { select: { status: true } }, buyer: { select: { displayName: true } } },
  })
  for (const r of published) if (r.response?.status !== 'PUBLISHED') await respond(r.id, r.buyer.displayName)

  const buyers = await db.buyer.findMany({ include: { user: true }, orderBy: { createdAt: 'asc' } })
  const now = systemClock.now().getTime()
  for (let i = 0; i < count - published.length; i++) {
    const b = buyers[i % buyers.length]!
    const buyer: Viewer = { userId: b.userId, sessionId: 'bench', email: b.user.email, displayName: b.displayName, platformRole: 'USER', buyerId: b.id, memberships: [] }
    const product = supplier.products[i % supplier.products.length]!
    const order = await db.order.create({
      data: {
        number: `BENCH-R1-${i + 1}`,
        buyerId: b.id,
        supplierId: supplier.id,
        status: 'DELIVERED',
        totalCents: product.priceCents,
        placedAt: new Date(now - (i + 5) * DAY_MS),
        deliveredAt: new Date(now - (i + 1) * DAY_MS),
        items: { create: { productId: product.id, quantity: 1, unitPriceCents: product.priceCents } },
      },
    })
    const review = await writeReview(deps, buyer, {
      orderId: order.id,
      rating: [5, 4, 5, 3, 5, 4, 2, 5][i % 8]!,
      title: `${product.name}, order ${i + 1}`,
      body: REVIEW_LINES[i % REVIEW_LINES.length]!,
    })
    await respond(review.id, b.displayName)
  }
}
