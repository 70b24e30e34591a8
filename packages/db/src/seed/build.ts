// Turns the demo data (data.ts) into database rows for a given "now", without touching the
// database. Everything is derived from `now` and a fixed-seed PRNG, so the same `now` always
// gives the same rows, ids included. Inconsistent data (a reply before its question, an order
// item from another supplier, a status that contradicts the messages) throws here, so a bad
// edit to data.ts fails the seed test instead of producing a confusing demo.
import { messagePreview } from '@rapport/core'
import type { Prisma } from '../generated/prisma/client.ts'
import {
  BUYERS,
  CONVERSATIONS,
  FOLLOWS,
  ORDERS,
  QUESTIONS,
  REPORTS,
  REVIEWS,
  SAVED_REPLIES,
  STAFF,
  SUPPLIERS,
  SUPPLIER_UPDATES,
  type Duration,
  type SupplierSeed,
} from './data.ts'

export type SeedRows = {
  users: Prisma.UserCreateManyInput[]
  buyers: Prisma.BuyerCreateManyInput[]
  suppliers: Prisma.SupplierCreateManyInput[]
  serviceHours: Prisma.ServiceHoursCreateManyInput[]
  closures: Prisma.SupplierClosureCreateManyInput[]
  members: Prisma.SupplierMemberCreateManyInput[]
  products: Prisma.ProductCreateManyInput[]
  orders: Prisma.OrderCreateManyInput[]
  orderItems: Prisma.OrderItemCreateManyInput[]
  relationships: Prisma.RelationshipCreateManyInput[]
  conversations: Prisma.ConversationCreateManyInput[]
  messages: Prisma.MessageCreateManyInput[]
  readPositions: Prisma.ReadPositionCreateManyInput[]
  reviews: Prisma.ReviewCreateManyInput[]
  reviewInvitations: Prisma.ReviewInvitationCreateManyInput[]
  reviewVersions: Prisma.ReviewVersionCreateManyInput[]
  reviewResponses: Prisma.ReviewResponseCreateManyInput[]
  reviewResponseVersions: Prisma.ReviewResponseVersionCreateManyInput[]
  helpfulVotes: Prisma.ReviewHelpfulVoteCreateManyInput[]
  questions: Prisma.ProductQuestionCreateManyInput[]
  answers: Prisma.ProductAnswerCreateManyInput[]
  follows: Prisma.FollowCreateManyInput[]
  supplierUpdates: Prisma.SupplierUpdateCreateManyInput[]
  savedReplies: Prisma.SavedReplyCreateManyInput[]
  flags: Prisma.FlagCreateManyInput[]
  moderationDecisions: Prisma.ModerationDecisionCreateManyInput[]
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** "3d4h30m" → milliseconds. */
export function parseDuration(d: Duration): number {
  const m = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/.exec(d)
  if (!m || d === '') throw new Error(`Seed data: "${d}" is not a duration like 3d4h30m`)
  return Number(m[1] ?? 0) * DAY + Number(m[2] ?? 0) * HOUR + Number(m[3] ?? 0) * MINUTE
}

function check(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(`Seed data: ${message}`)
}

function get<K, V>(map: Map<K, V>, key: K, what: string): V {
  const v = map.get(key)
  check(v !== undefined, `unknown ${what} "${String(key)}"`)
  return v
}

/** mulberry32: a tiny, good-enough PRNG, so ids are reproducible without Math.random. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
}

/**
 * UUIDv7 stamped with the row's own time, like the ids the app generates: ids then sort the
 * same way as createdAt, which keyset pagination over seeded rows relies on.
 */
function uuidv7Factory(seed: number): (at: Date) => string {
  const next = prng(seed)
  return (at) => {
    const bytes = new Uint8Array(16)
    let ms = at.getTime()
    for (let i = 5; i >= 0; i--) {
      bytes[i] = ms % 256
      ms = Math.floor(ms / 256)
    }
    for (let i = 6; i < 16; i += 4) {
      const r = next()
      for (let j = 0; j < 4 && i + j < 16; j++) bytes[i + j] = (r >>> (8 * j)) & 0xff
    }
    bytes[6] = 0x70 | (bytes[6]! & 0x0f) // version 7
    bytes[8] = 0x80 | (bytes[8]! & 0x3f) // RFC 4122 variant
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  }
}

const firstName = (name: string) => name.split(' ')[0] ?? name
const emailKey = (email: string) => email.split('@')[0] ?? email
const utcDate = (t: Date) => new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()))
const maxDate = (a: Date, b: Date) => (a > b ? a : b)
const minDate = (a: Date, b: Date) => (a < b ? a : b)

/** A fixed-day closure ("12-25") falls in whichever year puts it nearest to the demo window. */
function closureDate(now: Date, closure: SupplierSeed['closures'][number]): Date {
  if ('inDays' in closure) return utcDate(new Date(now.getTime() + closure.inDays * DAY))
  const [month, day] = closure.on.split('-').map(Number)
  check(month && day, `closure date "${closure.on}" is not MM-DD`)
  let date = new Date(Date.UTC(now.getUTCFullYear(), month - 1, day))
  if (date.getTime() < now.getTime() - 180 * DAY) date = new Date(Date.UTC(now.getUTCFullYear() + 1, month - 1, day))
  if (date.getTime() >= now.getTime() + 185 * DAY) date = new Date(Date.UTC(now.getUTCFullYear() - 1, month - 1, day))
  return date
}

type MemberRef = { memberId: string; userId: string; supplierId: string }
type ProductRef = { id: string; supplierSlug: string; price: number; currency: string }
type OrderRef = {
  id: string
  buyer: string
  supplier: string
  status: string
  placedAt: Date
  deliveredAt: Date | null
  firstProductId: string
}

export function buildSeedRows(now: Date, passwordHash: string): SeedRows {
  const t0 = now.getTime()
  const ago = (d: Duration) => new Date(t0 - parseDuration(d))
  const after = (t: Date, d: Duration) => new Date(t.getTime() + parseDuration(d))
  const notFuture = (t: Date, what: string) => check(t.getTime() <= t0, `${what} would be in the future`)
  const uuid = uuidv7Factory(0x5eed)

  const rows: SeedRows = {
    users: [],
    buyers: [],
    suppliers: [],
    serviceHours: [],
    closures: [],
    members: [],
    products: [],
    orders: [],
    orderItems: [],
    relationships: [],
    conversations: [],
    messages: [],
    readPositions: [],
    reviews: [],
    reviewInvitations: [],
    reviewVersions: [],
    reviewResponses: [],
    reviewResponseVersions: [],
    helpfulVotes: [],
    questions: [],
    answers: [],
    follows: [],
    supplierUpdates: [],
    savedReplies: [],
    flags: [],
    moderationDecisions: [],
  }
  const emails = new Set<string>()
  function addUser(
    name: string,
    email: string,
    createdAt: Date,
    platformRole: 'USER' | 'MODERATOR' | 'ADMIN' = 'USER',
  ): string {
    const normalized = email.trim().toLowerCase()
    check(!emails.has(normalized), `email ${normalized} is used twice`)
    emails.add(normalized)
    const id = uuid(createdAt)
    rows.users.push({
      id,
      email: normalized,
      passwordHash,
      displayName: name,
      platformRole,
      createdAt,
      updatedAt: createdAt,
    })
    return id
  }

  // ── platform staff: the oldest accounts
  const staff = new Map<string, string>() // email key → user id
  STAFF.forEach((s, i) => staff.set(emailKey(s.email), addUser(s.name, s.email, new Date(t0 - (540 - i * 3) * DAY), s.role)))

  // ── suppliers, their hours, closures, teams and catalogues
  const suppliers = new Map<string, { id: string; seed: SupplierSeed; createdAt: Date; ownerUserId: string }>()
  const members = new Map<string, MemberRef>() // "slug/key"
  const products = new Map<string, ProductRef>()
  SUPPLIERS.forEach((s, i) => {
    check(!suppliers.has(s.slug), `supplier slug ${s.slug} is used twice`)
    const createdAt = new Date(t0 - (420 - i * 20) * DAY)
    const supplierId = uuid(createdAt)
    rows.suppliers.push({
      id: supplierId,
      slug: s.slug,
      name: s.name,
      tagline: s.tagline,
      philosophy: s.philosophy,
      about: s.about,
      location: s.location,
      timeZone: s.timeZone,
      responseTargetSeconds: s.responseTargetSeconds,
      awayEnabled: s.away !== undefined,
      awayMessage: s.away ?? null,
      createdAt,
      updatedAt: createdAt,
    })
    for (const h of s.hours) {
      check(
        h.weekday >= 1 && h.weekday <= 7 && h.opensAt >= 0 && h.closesAt <= 1440 && h.closesAt > h.opensAt,
        `bad service hours for ${s.slug}`,
      )
      rows.serviceHours.push({ id: uuid(createdAt), supplierId, ...h })
    }
    const closureDays = new Set<number>()
    for (const c of s.closures) {
      const date = closureDate(now, c)
      // A planned closure can land on a holiday for some values of now: one row per day.
      if (closureDays.has(date.getTime())) continue
      closureDays.add(date.getTime())
      rows.closures.push({ id: uuid(createdAt), supplierId, date, reason: c.reason })
    }
    check(
      s.team[0]?.role === 'OWNER' && s.team.filter((m) => m.role === 'OWNER').length === 1,
      `${s.slug} needs exactly one owner, listed first`,
    )
    let ownerUserId = ''
    s.team.forEach((m, j) => {
      // The owner signed up just before creating the supplier; agents joined later.
      const joined = new Date(createdAt.getTime() + (j === 0 ? -2 : 30 * j) * DAY)
      const userId = addUser(m.name, m.email, joined)
      const memberId = uuid(joined)
      if (j === 0) ownerUserId = userId
      rows.members.push({
        id: memberId,
        supplierId,
        userId,
        role: m.role,
        title: `${firstName(m.name)} at ${s.name}`,
        createdAt: joined,
      })
      members.set(`${s.slug}/${emailKey(m.email)}`, { memberId, userId, supplierId })
    })
    s.products.forEach((p, j) => {
      check(!products.has(p.slug), `product slug ${p.slug} is used twice`)
      check(Number.isInteger(p.price) && p.price > 0, `price of ${p.slug}`)
      const productCreated = new Date(createdAt.getTime() + (10 + 7 * j) * DAY)
      const id = uuid(productCreated)
      rows.products.push({
        id,
        supplierId,
        slug: p.slug,
        name: p.name,
        description: p.description,
        priceCents: p.price,
        currency: s.currency,
        imageUrl: null,
        createdAt: productCreated,
        updatedAt: productCreated,
      })
      products.set(p.slug, { id, supplierSlug: s.slug, price: p.price, currency: s.currency })
    })
    suppliers.set(s.slug, { id: supplierId, seed: s, createdAt, ownerUserId })
  })
  const member = (supplier: string, key: string) => get(members, `${supplier}/${key}`, `member of ${supplier}`)

  // ── buyers
  const buyers = new Map<string, { buyerId: string; userId: string; createdAt: Date }>()
  BUYERS.forEach((b, i) => {
    check(!buyers.has(b.key), `buyer key ${b.key} is used twice`)
    check(![...members.keys()].some((k) => k.endsWith(`/${b.key}`)), `buyer key ${b.key} is also a member key`)
    const createdAt = new Date(t0 - (100 + i * 11) * DAY)
    const userId = addUser(b.name, b.email, createdAt)
    const buyerId = uuid(createdAt)
    rows.buyers.push({
      id: buyerId,
      userId,
      displayName: b.displayName ?? b.name,
      location: b.location,
      timeZone: b.timeZone,
      createdAt,
      updatedAt: createdAt,
    })
    buyers.set(b.key, { buyerId, userId, createdAt })
  })

  // Every buyer–supplier pair that has talked or traded gets a Relationship row.
  const pairs = new Map<string, { buyer: string; supplier: string; since: Date; firstOrderAt: Date | null }>()
  function touchPair(buyer: string, supplier: string, at: Date, isOrder: boolean) {
    const key = `${buyer}|${supplier}`
    const pair = pairs.get(key) ?? { buyer, supplier, since: at, firstOrderAt: null }
    pair.since = minDate(pair.since, at)
    if (isOrder) pair.firstOrderAt = pair.firstOrderAt ? minDate(pair.firstOrderAt, at) : at
    pairs.set(key, pair)
  }

  // ── orders
  const orders = new Map<string, OrderRef>()
  let previousPlaced = 0
  for (const o of ORDERS) {
    check(!orders.has(o.number) && /^R-\d{5}$/.test(o.number), `order number ${o.number} is malformed or used twice`)
    const buyer = get(buyers, o.buyer, 'buyer')
    const supplier = get(suppliers, o.supplier, 'supplier')
    const placedAt = ago(o.placed)
    check(placedAt.getTime() >= previousPlaced, `${o.number} is numbered out of order`)
    check(placedAt > buyer.createdAt, `${o.number} predates its buyer`)
    previousPlaced = placedAt.getTime()
    const id = uuid(placedAt)
    let total = 0
    check(o.items.length > 0, `${o.number} has no items`)
    for (const [slug, quantity] of o.items) {
      const product = get(products, slug, 'product')
      check(product.supplierSlug === o.supplier, `${o.number} contains ${slug}, which ${o.supplier} does not sell`)
      total += product.price * quantity
      rows.orderItems.push({
        id: uuid(placedAt),
        orderId: id,
        productId: product.id,
        quantity,
        unitPriceCents: product.price,
      })
    }
    const shipping = supplier.seed.shippingDays * DAY
    let deliveredAt: Date | null = null
    let cancelledAt: Date | null = null
    check(o.status === 'DELIVERED' || !o.deliveredAfter, `${o.number} is not delivered but has deliveredAfter`)
    check(o.status === 'CANCELLED' || !o.cancelledAfter, `${o.number} is not cancelled but has cancelledAfter`)
    if (o.status === 'DELIVERED') {
      deliveredAt = o.deliveredAfter
        ? after(placedAt, o.deliveredAfter)
        : new Date(placedAt.getTime() + shipping - DAY + 5 * HOUR)
      notFuture(deliveredAt, `delivery of ${o.number}`)
    }
    if (o.status === 'CANCELLED') {
      cancelledAt = after(placedAt, o.cancelledAfter ?? '6h')
      notFuture(cancelledAt, `cancellation of ${o.number}`)
    }
    rows.orders.push({
      id,
      number: o.number,
      buyerId: buyer.buyerId,
      supplierId: supplier.id,
      status: o.status,
      totalCents: total,
      currency: supplier.seed.currency,
      placedAt,
      expectedDeliveryDate: utcDate(new Date(placedAt.getTime() + shipping)),
      deliveredAt,
      cancelledAt,
    })
    // Every delivery invites its buyer to review, as recording one does (reviews' invitations.ts).
    if (deliveredAt) rows.reviewInvitations.push({ orderId: id, buyerId: buyer.buyerId, invitedAt: deliveredAt })
    const firstProductId = get(products, o.items[0]![0], 'product').id
    orders.set(o.number, {
      id,
      buyer: o.buyer,
      supplier: o.supplier,
      status: o.status,
      placedAt,
      deliveredAt,
      firstProductId,
    })
    touchPair(o.buyer, o.supplier, placedAt, true)
  }

  // ── conversations, messages and read positions
  for (const c of CONVERSATIONS) {
    const what = `conversation "${c.subject}"`
    const buyer = get(buyers, c.buyer, 'buyer')
    const supplier = get(suppliers, c.supplier, 'supplier')
    check(c.messages.length > 0, `${what} has no messages`)
    const startedAt = ago(c.started)
    const product = c.product ? get(products, c.product, 'product') : null
    check(!product || product.supplierSlug === c.supplier, `${what} is about another supplier's product`)
    const order = c.order ? get(orders, c.order, 'order') : null
    check(!order || (order.buyer === c.buyer && order.supplier === c.supplier), `${what} is about someone else's order`)
    check(!order || startedAt >= order.placedAt, `${what} starts before its order was placed`)
    const conversationId = uuid(startedAt)

    let at = startedAt
    const sent: {
      sequence: number
      side: 'BUYER' | 'SUPPLIER'
      kind: 'TEXT' | 'AUTO_REPLY'
      userId: string | null
      at: Date
      body: string
    }[] = []
    c.messages.forEach(([by, gap, text], i) => {
      at = i === 0 ? at : after(at, gap)
      notFuture(at, `message ${i + 1} of ${what}`)
      const sequence = i + 1
      if (by === 'auto') {
        check(supplier.seed.away, `${what} has an auto-reply but ${c.supplier} is not away`)
        sent.push({ sequence, side: 'SUPPLIER', kind: 'AUTO_REPLY', userId: null, at, body: supplier.seed.away })
      } else {
        check(text, `message ${sequence} of ${what} has no body`)
        const userId = by === 'buyer' ? buyer.userId : member(c.supplier, by).userId
        sent.push({ sequence, side: by === 'buyer' ? 'BUYER' : 'SUPPLIER', kind: 'TEXT', userId, at, body: text })
      }
    })
    for (const m of sent) {
      rows.messages.push({
        id: uuid(m.at),
        conversationId,
        sequence: m.sequence,
        authorId: m.userId,
        authorSide: m.side,
        kind: m.kind,
        body: m.body,
        createdAt: m.at,
      })
    }

    // The status has to agree with who spoke last, or the inboxes will look wrong.
    const human = sent.filter((m) => m.kind === 'TEXT')
    const lastHuman = human.at(-1)!
    const supplierReplied = human.some((m) => m.side === 'SUPPLIER')
    if (c.status === 'OPEN') check(!supplierReplied, `${what} is OPEN but the supplier already replied`)
    if (c.status === 'AWAITING_SUPPLIER')
      check(
        lastHuman.side === 'BUYER' && supplierReplied,
        `${what} is AWAITING_SUPPLIER but the buyer did not write last`,
      )
    if (c.status === 'AWAITING_BUYER')
      check(lastHuman.side === 'SUPPLIER', `${what} is AWAITING_BUYER but the supplier did not write last`)
    check(
      c.status === 'RESOLVED' || (!c.resolvedAfter && !c.buyerConfirmedAfter),
      `${what} is not resolved but has resolution times`,
    )

    const last = sent.at(-1)!
    const resolvedAt = c.status === 'RESOLVED' ? minDate(after(last.at, c.resolvedAfter ?? '30m'), now) : null
    const buyerConfirmedAt = resolvedAt && c.buyerConfirmedAfter ? after(resolvedAt, c.buyerConfirmedAfter) : null
    if (buyerConfirmedAt) notFuture(buyerConfirmedAt, `confirmation of ${what}`)
    const assignee = c.assignee ? member(c.supplier, c.assignee) : null
    rows.conversations.push({
      id: conversationId,
      buyerId: buyer.buyerId,
      supplierId: supplier.id,
      productId: product?.id ?? null,
      orderId: order?.id ?? null,
      subject: c.subject,
      status: c.status,
      assigneeId: assignee?.memberId ?? null,
      labels: c.labels ?? [],
      lastSequence: sent.length,
      lastMessageAt: last.at,
      lastMessagePreview: messagePreview(last.body),
      createdAt: startedAt,
      updatedAt: buyerConfirmedAt ?? resolvedAt ?? last.at,
      resolvedAt,
      buyerConfirmedAt,
    })

    // Everyone has read the whole thread, except the side marked unread, which stopped at its own last message.
    const readUpTo = (side: 'BUYER' | 'SUPPLIER', unread: boolean) =>
      unread ? (human.filter((m) => m.side === side).at(-1)?.sequence ?? 0) : sent.length
    const readPosition = (userId: string, side: 'BUYER' | 'SUPPLIER', seq: number) =>
      rows.readPositions.push({
        id: uuid(sent[Math.max(seq, 1) - 1]!.at),
        conversationId,
        userId,
        side,
        lastReadSequence: seq,
        updatedAt: sent[Math.max(seq, 1) - 1]!.at,
      })
    readPosition(buyer.userId, 'BUYER', readUpTo('BUYER', c.unreadBy === 'buyer'))
    // On the supplier side: whoever wrote in the thread, plus the assignee.
    const supplierUsers = new Set(human.filter((m) => m.side === 'SUPPLIER').map((m) => m.userId!))
    if (assignee) supplierUsers.add(assignee.userId)
    for (const userId of supplierUsers)
      readPosition(userId, 'SUPPLIER', readUpTo('SUPPLIER', c.unreadBy === 'supplier'))

    touchPair(c.buyer, c.supplier, startedAt, false)
  }

  // ── relationships
  for (const p of pairs.values()) {
    rows.relationships.push({
      id: uuid(p.since),
      buyerId: get(buyers, p.buyer, 'buyer').buyerId,
      supplierId: get(suppliers, p.supplier, 'supplier').id,
      firstOrderAt: p.firstOrderAt,
      createdAt: p.since,
      updatedAt: p.firstOrderAt ? maxDate(p.since, p.firstOrderAt) : p.since,
    })
  }

  // ── reviews, versions, responses and helpful votes
  const reviewed = new Set<string>()
  for (const r of REVIEWS) {
    const order = get(orders, r.order, 'order')
    check(order.status === 'DELIVERED' && order.deliveredAt, `review of ${r.order}: the order was not delivered`)
    check(!reviewed.has(r.order), `${r.order} is reviewed twice`)
    check(Number.isInteger(r.rating) && r.rating >= 1 && r.rating <= 5, `rating of ${r.order}`)
    reviewed.add(r.order)
    const createdAt = after(order.deliveredAt, r.after)
    notFuture(createdAt, `review of ${r.order}`)
    const buyer = get(buyers, order.buyer, 'buyer')
    const supplierId = get(suppliers, order.supplier, 'supplier').id
    const reviewId = uuid(createdAt)
    const voters = r.helpful ?? []
    check(new Set(voters).size === voters.length && !voters.includes(order.buyer), `helpful votes on ${r.order}`)
    rows.reviews.push({
      id: reviewId,
      orderId: order.id,
      buyerId: buyer.buyerId,
      supplierId,
      productId: order.firstProductId,
      rating: r.rating,
      title: r.title,
      body: r.body,
      currentVersion: 1,
      helpfulCount: voters.length,
      createdAt,
      updatedAt: createdAt,
    })
    rows.reviewVersions.push({
      id: uuid(createdAt),
      reviewId,
      version: 1,
      rating: r.rating,
      title: r.title,
      body: r.body,
      createdAt,
    })
    if (r.response) {
      const respondedAt = after(createdAt, r.response.after)
      notFuture(respondedAt, `response to the review of ${r.order}`)
      const responseId = uuid(respondedAt)
      const authorId = member(order.supplier, r.response.by).memberId
      rows.reviewResponses.push({ id: responseId, reviewId, supplierId, authorId, body: r.response.body, createdAt: respondedAt, updatedAt: respondedAt })
      rows.reviewResponseVersions.push({ id: uuid(respondedAt), responseId, version: 1, body: r.response.body, authorId, createdAt: respondedAt })
    }
    // Votes trickle in over the following days, never past now.
    voters.forEach((key, k) => {
      rows.helpfulVotes.push({
        reviewId,
        userId: get(buyers, key, 'buyer').userId,
        createdAt: minDate(new Date(createdAt.getTime() + (k + 1) * 7 * HOUR), now),
      })
    })
  }

  // ── product questions and answers
  for (const q of QUESTIONS) {
    const product = get(products, q.product, 'product')
    const askedAt = ago(q.asked)
    const questionId = uuid(askedAt)
    rows.questions.push({
      id: questionId,
      productId: product.id,
      askerId: get(buyers, q.asker, 'buyer').userId,
      body: q.body,
      createdAt: askedAt,
    })
    for (const a of q.answers ?? []) {
      const answeredAt = after(askedAt, a.after)
      notFuture(answeredAt, `answer to "${q.body}"`)
      // A member's answer is the supplier's official one; anyone else is a fellow buyer.
      const official = members.get(`${product.supplierSlug}/${a.by}`)
      const authorId = official?.userId ?? get(buyers, a.by, `buyer or ${product.supplierSlug} member`).userId
      rows.answers.push({
        id: uuid(answeredAt),
        questionId,
        authorId,
        supplierId: official?.supplierId ?? null,
        body: a.body,
        createdAt: answeredAt,
      })
    }
  }

  // ── follows, updates, saved replies
  for (const [key, slugs] of Object.entries(FOLLOWS)) {
    const buyer = get(buyers, key, 'buyer')
    slugs.forEach((slug, j) => {
      const createdAt = new Date(buyer.createdAt.getTime() + (j + 1) * 4 * DAY)
      rows.follows.push({
        id: uuid(createdAt),
        buyerId: buyer.buyerId,
        supplierId: get(suppliers, slug, 'supplier').id,
        createdAt,
      })
    })
  }
  for (const u of SUPPLIER_UPDATES) {
    const publishedAt = ago(u.published)
    rows.supplierUpdates.push({
      id: uuid(publishedAt),
      supplierId: get(suppliers, u.supplier, 'supplier').id,
      authorId: member(u.supplier, u.by).memberId,
      title: u.title,
      body: u.body,
      publishedAt,
    })
  }
  SAVED_REPLIES.forEach((r, i) => {
    const supplier = get(suppliers, r.supplier, 'supplier')
    const createdAt = new Date(supplier.createdAt.getTime() + (30 + i) * DAY)
    rows.savedReplies.push({
      id: uuid(createdAt),
      supplierId: supplier.id,
      title: r.title,
      body: r.body,
      shortcut: r.shortcut,
      createdById: supplier.ownerUserId,
      createdAt,
      updatedAt: createdAt,
    })
  })

  // ── reports and moderators' decisions, through the same tables the moderation domain writes
  type Target = { type: 'REVIEW' | 'PRODUCT_QUESTION' | 'PRODUCT_ANSWER'; id: string; createdAt: Date; setStatus: (s: 'HIDDEN' | 'REMOVED') => void; authorUserId: string }
  function target(t: (typeof REPORTS)[number]['target']): Target {
    if ('review' in t) {
      const order = get(orders, t.review, 'order')
      const r = rows.reviews.find((x) => x.orderId === order.id)
      check(r, `report of ${t.review}: that order has no review`)
      return { type: 'REVIEW', id: r.id!, createdAt: r.createdAt as Date, setStatus: (s) => (r.status = s), authorUserId: get(buyers, order.buyer, 'buyer').userId }
    }
    const [list, type, prefix] = 'question' in t ? ([rows.questions, 'PRODUCT_QUESTION', t.question] as const) : ([rows.answers, 'PRODUCT_ANSWER', t.answer] as const)
    const found = (list as (Prisma.ProductQuestionCreateManyInput | Prisma.ProductAnswerCreateManyInput)[]).filter((x) => x.body.startsWith(prefix))
    check(found.length === 1, `report: "${prefix}" names ${found.length} ${type === 'PRODUCT_QUESTION' ? 'questions' : 'answers'}`)
    const row = found[0]!
    const authorUserId = 'askerId' in row ? row.askerId : (row as Prisma.ProductAnswerCreateManyInput).authorId
    return { type, id: row.id!, createdAt: row.createdAt as Date, setStatus: (s) => (row.status = s), authorUserId }
  }
  const reporterOf = (by: string) => (by.includes('/') ? get(members, by, 'member').userId : get(buyers, by, 'buyer').userId)
  const reported = new Set<string>()
  for (const r of REPORTS) {
    const t = target(r.target)
    const reporterId = reporterOf(r.by)
    const createdAt = ago(r.reported)
    check(createdAt > t.createdAt, `report by ${r.by}: made before what it reports`)
    check(reporterId !== t.authorUserId, `report by ${r.by}: one's own content cannot be reported`)
    check(!reported.has(`${reporterId}/${t.id}`), `report by ${r.by}: one report per person and thing`)
    reported.add(`${reporterId}/${t.id}`)
    rows.flags.push({ id: uuid(createdAt), reporterId, targetType: t.type, targetId: t.id, reason: r.reason, details: r.details ?? null, status: 'OPEN', createdAt })
    if (!r.decision) continue
    const decidedAt = after(createdAt, r.decision.after)
    notFuture(decidedAt, `decision on the report by ${r.by}`)
    const flagId = rows.flags.at(-1)!.id!
    rows.moderationDecisions.push({
      id: uuid(decidedAt),
      flagId,
      moderatorId: get(staff, r.decision.by, 'staff member'),
      targetType: t.type,
      targetId: t.id,
      // KEEP is stored as DISMISS, as decideFlag does.
      action: r.decision.action === 'KEEP' ? 'DISMISS' : r.decision.action,
      reason: r.decision.reason,
      createdAt: decidedAt,
    })
    if (r.decision.action !== 'KEEP') t.setStatus(r.decision.action === 'HIDE' ? 'HIDDEN' : 'REMOVED')
    // Every report on the thing up to the decision is closed by it.
    for (const f of rows.flags)
      if (f.targetId === t.id && (f.createdAt as Date) <= decidedAt) Object.assign(f, { status: r.decision.action === 'KEEP' ? 'DISMISSED' : 'ACTIONED', resolvedAt: decidedAt })
  }

  return rows
}
