// Fixtures for messaging tests: a real migrated database with a supplier team and buyers.
import type { Clock, Viewer } from '@rapport/core'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import type { MessagingDeps } from './deps.ts'
import type { MessagingEvent } from './events.ts'

export type World = {
  db: TestDb
  clock: Clock & { set(d: Date): void; advance(ms: number): void }
  events: MessagingEvent[]
  deps: MessagingDeps
  supplierId: string
  productId: string
  buyer: Viewer
  otherBuyer: Viewer
  agent: Viewer
  owner: Viewer
  stranger: Viewer
}

export async function createWorld(opts: { now?: Date } = {}): Promise<World> {
  const db = await createTestDb()
  let now = opts.now ?? new Date('2026-11-23T10:00:00Z') // a Monday
  const clock = { now: () => now, set: (d: Date) => (now = d), advance: (ms: number) => (now = new Date(now.getTime() + ms)) }
  const events: MessagingEvent[] = []
  const supplier = await db.prisma.supplier.create({
    data: {
      slug: 'olive-oak',
      name: 'Olive & Oak',
      timeZone: 'Europe/Lisbon',
      responseTargetSeconds: 4 * 3600,
      serviceHours: { create: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt: 9 * 60, closesAt: 18 * 60 })) },
      products: { create: [{ slug: 'oil', name: 'Olive oil', description: 'Cold pressed.', priceCents: 1800 }] },
    },
    include: { products: true },
  })
  const person = async (email: string, displayName: string) => db.prisma.user.create({ data: { email, displayName, passwordHash: 'x' } })
  const viewerOf = (u: { id: string; email: string; displayName: string }, extra: Partial<Viewer>): Viewer => ({
    userId: u.id,
    sessionId: `s-${u.id}`,
    email: u.email,
    displayName: u.displayName,
    platformRole: 'USER',
    buyerId: null,
    memberships: [],
    ...extra,
  })
  const maya = await person('maya@example.com', 'Maya Lindqvist')
  const mayaBuyer = await db.prisma.buyer.create({ data: { userId: maya.id, displayName: 'Maya Lindqvist' } })
  const erik = await person('erik@example.com', 'Erik')
  const erikBuyer = await db.prisma.buyer.create({ data: { userId: erik.id, displayName: 'Erik' } })
  const tiago = await person('tiago@olive-oak.example', 'Tiago Costa')
  const ana = await person('ana@olive-oak.example', 'Ana Silva')
  const strangerUser = await person('stranger@example.com', 'Stranger')
  const tiagoMember = await db.prisma.supplierMember.create({ data: { supplierId: supplier.id, userId: tiago.id, role: 'AGENT' } })
  const anaMember = await db.prisma.supplierMember.create({ data: { supplierId: supplier.id, userId: ana.id, role: 'OWNER' } })
  return {
    db,
    clock,
    events,
    deps: { db: db.prisma, sql: db.sql, clock, publish: (e) => events.push(e) },
    supplierId: supplier.id,
    productId: supplier.products[0]!.id,
    buyer: viewerOf(maya, { buyerId: mayaBuyer.id }),
    otherBuyer: viewerOf(erik, { buyerId: erikBuyer.id }),
    agent: viewerOf(tiago, { memberships: [{ supplierId: supplier.id, memberId: tiagoMember.id, role: 'AGENT' }] }),
    owner: viewerOf(ana, { memberships: [{ supplierId: supplier.id, memberId: anaMember.id, role: 'OWNER' }] }),
    stranger: viewerOf(strangerUser, {}),
  }
}

let counter = 0
export const cid = () => `client-${Date.now().toString(36)}-${(counter++).toString(36)}`
