// Demo data for a fresh database: six suppliers, their teams and catalogues, buyers with
// orders, conversations in every status, reviews, questions and follows. The data lives in
// data.ts, its translation into rows in build.ts; this file only writes them.
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts'
import { buildSeedRows, type SeedRows } from './build.ts'

export { buildSeedRows, type SeedRows } from './build.ts'

/** Every demo account signs in with this password. */
export const DEMO_PASSWORD = 'rapport-demo'

export type DemoAccount = { role: string; email: string; note: string }

/** The accounts worth signing in as, shown on the login page and printed by the seed command. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    role: 'Buyer',
    email: 'maya.lindqvist@example.com',
    note: 'Conversations in every status (Olive & Oak, Kreislauf Kaffee, Tierra Lenta’s away reply), orders in transit and a delivered order still to review.',
  },
  {
    role: 'Supplier owner',
    email: 'ana@olive-oak.example',
    note: 'Owns Olive & Oak (Lisbon, split shift, Saturday mornings): team inbox, reviews to answer, saved replies, reported content.',
  },
  {
    role: 'Supplier agent',
    email: 'tiago@olive-oak.example',
    note: 'Agent at Olive & Oak, assigned Maya’s unanswered question about a cracked board.',
  },
  {
    role: 'Moderator',
    email: 'priscila@rapport.example',
    note: 'Platform moderator: the moderation queue, with open reports (a review, an answer, a question) and a review already hidden.',
  },
  { role: 'Admin', email: 'alex@rapport.example', note: 'Platform administrator.' },
]

export type SeedSummary = {
  users: number
  suppliers: number
  products: number
  buyers: number
  orders: number
  conversations: number
  messages: number
  reviews: number
  questions: number
  answers: number
  follows: number
  reports: number
}

export type SeedOptions = {
  /** The app's password hasher; called once, and the hash is shared by every demo account. */
  hashPassword: (password: string) => Promise<string>
  /** All demo times are relative to this (default: the current time). Same now, same rows. */
  now?: Date
}

/** True while no supplier exists: the database has not been seeded or used yet. */
export async function isEmpty(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.supplier.count()) === 0
}

/** Inserts the demo marketplace in one transaction. Refuses a database that already has data. */
export async function seed(prisma: PrismaClient, opts: SeedOptions): Promise<SeedSummary> {
  if (!(await isEmpty(prisma))) {
    throw new Error(
      'Refusing to seed: the database already has suppliers. Demo data only goes into an empty database (reset it first if you mean to replace everything).',
    )
  }
  // Build (and validate) before hashing: a data mistake should fail fast, hashing is slow.
  const draft = buildSeedRows(opts.now ?? new Date(), '')
  const emails = draft.users.map((u) => u.email)
  const taken = await prisma.user.findMany({ where: { email: { in: emails } }, select: { email: true } })
  if (taken.length > 0) {
    throw new Error(`Refusing to seed: demo accounts already exist (${taken.map((u) => u.email).join(', ')}).`)
  }
  const passwordHash = await opts.hashPassword(DEMO_PASSWORD)
  const rows: SeedRows = { ...draft, users: draft.users.map((u) => ({ ...u, passwordHash })) }

  // Parents before children; one createMany per table, all or nothing. Creating the
  // PrismaPromises here runs nothing yet: $transaction sends them in this order.
  const steps: [keyof SeedRows, Prisma.PrismaPromise<Prisma.BatchPayload>][] = [
    ['users', prisma.user.createMany({ data: rows.users })],
    ['buyers', prisma.buyer.createMany({ data: rows.buyers })],
    ['suppliers', prisma.supplier.createMany({ data: rows.suppliers })],
    ['serviceHours', prisma.serviceHours.createMany({ data: rows.serviceHours })],
    ['closures', prisma.supplierClosure.createMany({ data: rows.closures })],
    ['members', prisma.supplierMember.createMany({ data: rows.members })],
    ['products', prisma.product.createMany({ data: rows.products })],
    ['orders', prisma.order.createMany({ data: rows.orders })],
    ['orderItems', prisma.orderItem.createMany({ data: rows.orderItems })],
    ['relationships', prisma.relationship.createMany({ data: rows.relationships })],
    ['conversations', prisma.conversation.createMany({ data: rows.conversations })],
    ['messages', prisma.message.createMany({ data: rows.messages })],
    ['readPositions', prisma.readPosition.createMany({ data: rows.readPositions })],
    ['reviews', prisma.review.createMany({ data: rows.reviews })],
    ['reviewInvitations', prisma.reviewInvitation.createMany({ data: rows.reviewInvitations })],
    ['reviewVersions', prisma.reviewVersion.createMany({ data: rows.reviewVersions })],
    ['reviewResponses', prisma.reviewResponse.createMany({ data: rows.reviewResponses })],
    ['reviewResponseVersions', prisma.reviewResponseVersion.createMany({ data: rows.reviewResponseVersions })],
    ['helpfulVotes', prisma.reviewHelpfulVote.createMany({ data: rows.helpfulVotes })],
    ['questions', prisma.productQuestion.createMany({ data: rows.questions })],
    ['answers', prisma.productAnswer.createMany({ data: rows.answers })],
    ['follows', prisma.follow.createMany({ data: rows.follows })],
    ['supplierUpdates', prisma.supplierUpdate.createMany({ data: rows.supplierUpdates })],
    ['savedReplies', prisma.savedReply.createMany({ data: rows.savedReplies })],
    ['flags', prisma.flag.createMany({ data: rows.flags })],
    ['moderationDecisions', prisma.moderationDecision.createMany({ data: rows.moderationDecisions })],
  ]
  const results = await prisma.$transaction(steps.map(([, step]) => step))
  const inserted = new Map(steps.map(([table], i) => [table, results[i]?.count ?? 0]))
  const count = (table: keyof SeedRows) => inserted.get(table) ?? 0

  return {
    users: count('users'),
    suppliers: count('suppliers'),
    products: count('products'),
    buyers: count('buyers'),
    orders: count('orders'),
    conversations: count('conversations'),
    messages: count('messages'),
    reviews: count('reviews'),
    questions: count('questions'),
    answers: count('answers'),
    follows: count('follows'),
    reports: count('flags'),
  }
}
