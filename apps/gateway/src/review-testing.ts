// The setup the review wire tests share (reviews, questions, moderation, the reviewEvents
// recovery tests): a test database, a gateway on it, the supplier "Kiln" with its product "Jar",
// the people a file names (buyers, the team's agents, moderators) signed in, and the few ways to
// reach the gateway as one of them. Each file adds its own rows (orders, conversations, reviews)
// in a beforeAll of its own, which runs after this one.
import { encodeGlobalID } from '@pothos/plugin-relay'
import { systemClock } from '@rapport/core'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { createSession } from '@rapport/identity'
import type { Client } from 'graphql-ws'
import { afterAll, beforeAll } from 'vitest'
import { collect, startTestGateway, type TestGateway } from './testing.ts'

export type Result<T> = { data?: T; errors?: { message: string; extensions?: { code?: string } }[] }

export type PersonSpec = { email: string; name: string; buyer?: boolean; platformRole?: 'USER' | 'MODERATOR' | 'ADMIN'; agent?: boolean }
export type Person = { userId: string; buyerId: string; token: string }

export type ReviewWorld<W extends string> = {
  db: TestDb
  gw: TestGateway
  supplier: { id: string; gid: string; productId: string; productGid: string }
  people: Record<W, Person>
  /** The bearer header of `who`'s session. */
  as(who: W): { authorization: string }
  /** A graphql-ws client signed in as `who` (closed with the gateway). */
  client(who: W, opts?: { lazy?: boolean }): Client
}

type Spec<W extends string> = {
  people: Record<W, PersonSpec>
  timeZone?: string
  /** Starts the gateway (default: startTestGateway on the test database, no Redis). */
  gateway?: (db: TestDb) => Promise<TestGateway>
  /** The test database (default: PostgreSQL when DATABASE_URL is set, else embedded PGlite). */
  database?: () => Promise<TestDb>
}

/**
 * Registers the beforeAll that builds the world and the afterAll that takes it down; the object
 * is filled in when the beforeAll has run. People are created in the order `people` lists them.
 */
export function useReviewWorld<W extends string>(spec: Spec<W>): ReviewWorld<W> {
  const world = {
    people: {} as Record<W, Person>,
    as: (who: W) => ({ authorization: `Bearer ${world.people[who].token}` }),
    client: (who: W, opts: { lazy?: boolean } = {}) => world.gw.wsClient({ connectionParams: { authToken: world.people[who].token }, ...opts }),
  } as ReviewWorld<W>
  beforeAll(async () => {
    world.db = await (spec.database ?? createTestDb)()
    world.gw = await (spec.gateway ?? ((db) => startTestGateway(db)))(world.db)
    const supplier = await world.db.prisma.supplier.create({
      data: { slug: 'kiln', name: 'Kiln', timeZone: spec.timeZone ?? 'Europe/Lisbon', products: { create: [{ slug: 'jar', name: 'Jar', description: '.', priceCents: 100 }] } },
      include: { products: true },
    })
    const productId = supplier.products[0]!.id
    world.supplier = { id: supplier.id, gid: encodeGlobalID('Supplier', supplier.id), productId, productGid: encodeGlobalID('Product', productId) }
    for (const [who, p] of Object.entries(spec.people) as [W, PersonSpec][]) world.people[who] = await person(world.db, supplier.id, p)
  })
  afterAll(async () => {
    await world.gw?.close()
    await world.db?.drop()
  })
  return world
}

async function person(db: TestDb, supplierId: string, p: PersonSpec): Promise<Person> {
  const user = await db.prisma.user.create({ data: { email: p.email, displayName: p.name, passwordHash: 'x', platformRole: p.platformRole ?? 'USER' } })
  const buyer = p.buyer ? await db.prisma.buyer.create({ data: { userId: user.id, displayName: p.name } }) : null
  if (p.agent) await db.prisma.supplierMember.create({ data: { supplierId, userId: user.id, role: 'AGENT' } })
  const { token } = await createSession({ db: db.prisma, clock: systemClock }, user.id)
  return { userId: user.id, buyerId: buyer?.id ?? '', token }
}

/** Collects a reviewEvents subscription and resolves once it is live (SUBSCRIBED received). */
export async function followReviewEvents<T extends { reviewEvents: { kind: string } }>(client: Client, query: string, variables: Record<string, unknown>) {
  const live = collect<T>(client, query, variables)
  await live.waitFor((es) => es.some((e) => e.reviewEvents.kind === 'SUBSCRIBED'))
  return live
}
