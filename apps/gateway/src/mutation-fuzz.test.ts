// Property-based fuzzing of every Mutation field, generated from the schema itself: a new
// mutation is fuzzed without editing this file. Each case is one operation over HTTP against a
// real gateway and a seeded marketplace, as one kind of viewer, with arguments built from the
// field's argument types: mostly plausible values (real ids of the right type, existing enum
// values, seeded emails and tokens) mixed with junk (wrong types, huge strings, out-of-range
// numbers, nulls where non-null, unknown fields, malformed ids, ids of other types).
//
// Every answer must be a success or a typed error (an Error in the result union, or GraphQL
// errors with a code other than INTERNAL_SERVER_ERROR and no internals in the message), and a
// refusal must write nothing. FUZZ_SEED=<n> replays a run; FUZZ_RUNS=<n> sets cases per field
// (24 by default: each CI run draws a new seed, so coverage grows run by run; raise it locally);
// FUZZ_VERBOSE=1 prints the outcomes per mutation, FUZZ_DEBUG=<mutation> every answer to one.
import { encodeGlobalID } from '@pothos/plugin-relay'
import { systemClock } from '@rapport/core'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { createSession, hashPassword, inviteMember, resolveSession } from '@rapport/identity'
import fc from 'fast-check'
import {
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
} from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { schema } from './schema.ts'
import { startTestGateway, wsExecute, type TestGateway } from './testing.ts'

const VIEWERS = ['anonymous', 'buyer', 'agent', 'owner'] as const
type ViewerKind = (typeof VIEWERS)[number]
const RUNS = Number(process.env.FUZZ_RUNS ?? 24)
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined

// ── what the fuzzer knows about the world: filled by the seed in beforeAll

/** Ids the API hands out, by the type they name: Relay global ids, and raw ids (saved replies, attachments). */
const ids = new Map<string, string[]>()
/** Strings that mean something here: seeded emails, the password, invitation tokens, time zones… */
const known: string[] = ['long enough password', 'Europe/Lisbon', 'Not/A_Zone', '09:00', '24:00', '25:61', '2030-01-01', '2030-02-30', '👍', '🦄', '{{buyer.firstName}}']

// ── arbitraries from input types

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant({}),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 }),
)

// Built on first use, after the seed has added its emails and tokens to `known`.
let stringsCache: fc.Arbitrary<string> | undefined
const strings = (): fc.Arbitrary<string> =>
  (stringsCache ??= fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 4, arbitrary: fc.constantFrom(...known) },
  { weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{8,20}$/) },
  { weight: 2, arbitrary: fc.emailAddress() },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\u0000', '\uD800', "'; DROP TABLE \"User\"; --", '<script>x</script>', 'a@b', 'x'.repeat(4001)) },
  // Past every length limit, and past the HTTP body limit.
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(70_000), '🧨'.repeat(3000), 'y'.repeat(2_000_000)) },
))

/** Addresses as people have them (fc.emailAddress's RFC corners are in `strings`). */
const plainEmails = fc.stringMatching(/^[a-z][a-z0-9.]{0,10}@[a-z]{2,8}\.(com|example|pt)$/)

/** Ints; wild ones are outside GraphQL's 32 bits or not integers at all. */
const ints = (wild: boolean) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.integer({ min: -3, max: 30 }) },
    { weight: 2, arbitrary: fc.integer() },
    ...(wild ? [{ weight: 2, arbitrary: fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1.5) }] : []),
  )

/** Which kind of id a field takes, from its name (conversationId → Conversation) or its input's name (SaveSavedReplyInput.id → SavedReply). */
function idKindFor(field: string, parent: string): string | undefined {
  const aliases: Record<string, string> = { assignee: 'TeamMember', member: 'TeamMember', replyTo: 'Message', attachment: 'Attachment' }
  const stem = field.replace(/Ids?$/, '')
  const named = aliases[stem] ?? stem.charAt(0).toUpperCase() + stem.slice(1)
  if (ids.has(named)) return named
  return [...ids.keys()].sort((a, b) => b.length - a.length).find((k) => parent.includes(k))
}

function idArbitrary(field: string, parent: string): fc.Arbitrary<unknown> {
  const kind = idKindFor(field, parent)
  const all = [...ids.values()].flat()
  const uuid = fc.uuid()
  return fc.oneof(
    { weight: kind ? 8 : 0, arbitrary: fc.constantFrom(...(ids.get(kind ?? '') ?? ['unused'])) },
    { weight: 3, arbitrary: fc.constantFrom(...all) },
    { weight: 1, arbitrary: uuid },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...ids.keys()), uuid).map(([t, u]) => encodeGlobalID(t, u)) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...ids.keys()), fc.string({ maxLength: 12 })).map(([t, s]) => encodeGlobalID(t, s)) },
    { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.constant(Buffer.from(':').toString('base64'))) },
  )
}

function scalarArbitrary(name: string, field: string, parent: string, wild: boolean): fc.Arbitrary<unknown> {
  switch (name) {
    case 'ID':
      return idArbitrary(field, parent)
    case 'String':
      // Fields named for an email mostly get addresses, or their successes would be too rare to test.
      return /email/i.test(field) ? fc.oneof({ weight: 3, arbitrary: plainEmails }, { weight: 1, arbitrary: strings() }) : strings()
    case 'Int':
      return ints(wild)
    case 'Float':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), ints(wild))
    case 'Boolean':
      return fc.boolean()
    case 'DateTime':
      return fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), strings())
    default:
      // A custom scalar this file does not know yet: plain strings and junk still probe it.
      return fc.oneof(strings(), junk)
  }
}

/**
 * Values for one input position. Tame values have the position's type (they reach the
 * resolvers: wrong ids, long strings, unknown enum-like strings in String fields); wild ones
 * may also be null where non-null, of another type, miss required fields or carry unknown ones.
 */
function valueOf(type: GraphQLInputType, field: string, parent: string, wild: boolean, depth = 0): fc.Arbitrary<unknown> {
  const nonNull = isNonNullType(type)
  const inner = nonNull ? type.ofType : type
  const typed = depth > 4 ? fc.constant(null) : typedValueOf(inner, field, parent, wild, depth)
  const nullWeight = nonNull ? (wild ? 1 : 0) : 3
  return fc.oneof(
    { weight: 16, arbitrary: typed },
    ...(nullWeight ? [{ weight: nullWeight, arbitrary: fc.constant(null) }] : []),
    ...(wild ? [{ weight: 1, arbitrary: junk }] : []),
  )
}

function typedValueOf(type: GraphQLInputType, field: string, parent: string, wild: boolean, depth: number): fc.Arbitrary<unknown> {
  if (isListType(type)) {
    const item = valueOf(type.ofType, field, parent, wild, depth + 1)
    return fc.oneof({ weight: 8, arbitrary: fc.array(item, { maxLength: 4 }) }, { weight: 1, arbitrary: fc.array(item, { minLength: 11, maxLength: 120 }) })
  }
  if (isEnumType(type)) {
    const values = fc.constantFrom(...type.getValues().map((v) => v.name))
    return wild ? fc.oneof({ weight: 8, arbitrary: values }, { weight: 1, arbitrary: strings() }) : values
  }
  if (isScalarType(type)) return scalarArbitrary(type.name, field, parent, wild)
  if (isInputObjectType(type)) return inputObjectOf(type.getFields(), type.name, wild, depth)
  throw new Error(`no arbitrary for ${String(type)}`)
}

function inputObjectOf(fields: Record<string, { name: string; type: GraphQLInputType }>, parent: string, wild: boolean, depth: number): fc.Arbitrary<unknown> {
  const entries = Object.values(fields).map((f) => {
    // Required fields are there (wild: missing sometimes); optional ones come and go.
    const value = valueOf(f.type, f.name, parent, wild, depth + 1)
    const required = isNonNullType(f.type)
    if (required && !wild) return value.map((v) => [f.name, v] as const)
    return fc.oneof({ weight: required ? 12 : 2, arbitrary: value }, { weight: 1, arbitrary: fc.constant(undefined) }).map((v) => [f.name, v] as const)
  })
  const extra = wild ? fc.option(fc.tuple(fc.constantFrom('unknownField', '__proto__', 'constructor', 'id'), junk), { freq: 4 }) : fc.constant(null)
  return fc.tuple(fc.tuple(...entries), extra).map(([pairs, more]) => {
    const obj: Record<string, unknown> = {}
    for (const [k, v] of pairs) if (v !== undefined) obj[k] = v
    if (more && !(more[0] in fields)) Object.defineProperty(obj, more[0], { value: more[1], enumerable: true })
    return obj
  })
}

/** The variables of one case: three in four tame, one in four wild. */
function variablesFor(field: GraphQLField<unknown, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const args = Object.fromEntries(field.args.map((a) => [a.name, a]))
  const of = (wild: boolean) => inputObjectOf(args, `${field.name}Args`, wild, 0) as fc.Arbitrary<Record<string, unknown>>
  return fc.oneof({ weight: 3, arbitrary: of(false) }, { weight: 1, arbitrary: of(true) })
}

// ── operations and answers

const errorInterface = schema.getType('Error')
const ERROR_TYPES = new Set(errorInterface && isAbstractType(errorInterface) ? schema.getPossibleTypes(errorInterface).map((t) => t.name) : [])

function selectionFor(type: GraphQLNamedType): string {
  if (isLeafType(type)) return ''
  const possible = isAbstractType(type) ? schema.getPossibleTypes(type).map((t) => t.name) : [type.name]
  return possible.some((t) => ERROR_TYPES.has(t)) ? '{ __typename ... on Error { code message } }' : '{ __typename }'
}

function operationFor(field: GraphQLField<unknown, unknown>): string {
  const defs = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ')
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ')
  return `mutation Fuzz${defs ? `(${defs})` : ''} { ${field.name}${args ? `(${args})` : ''} ${selectionFor(getNamedType(field.type))} }`
}

type Answer = { status: number; text: string; body?: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] } }
const INTERNALS = /prisma|invocation|at \/|\.ts:\d|\n\s+at |node_modules|ECONNREFUSED|duplicate key|violates|syntax for type/i
/** A message without the client's own values it quotes back ("…" in GraphQL's coercion errors, “…” in ours), which may say anything. */
const ownText = (message: string) => message.replace(/"(?:[^"\\]|\\.)*"|“[^”]*”/g, '""')

/** What the answer says: a success or a refusal; throws (failing the property) on anything untyped. */
function judge(field: string, answer: Answer): 'success' | 'refused' {
  const where = `${field}: ${answer.status} ${answer.text.slice(0, 600)}`
  expect(answer.status, where).toBeLessThan(500)
  if (!answer.body) {
    // Refused before GraphQL (body over the HTTP limit): a 4xx, which never reaches a resolver.
    expect(answer.status, where).toBeGreaterThanOrEqual(400)
    return 'refused'
  }
  for (const e of answer.body.errors ?? []) {
    expect(e.extensions?.code, where).toBeTruthy()
    expect(e.extensions?.code, where).not.toBe('INTERNAL_SERVER_ERROR')
    expect(ownText(e.message), where).not.toMatch(INTERNALS)
  }
  if (answer.body.errors?.length) return 'refused'
  const value = answer.body.data?.[field] as { __typename?: string; message?: string } | boolean | string | null | undefined
  expect(value, where).not.toBeUndefined()
  if (value && typeof value === 'object' && value.__typename && ERROR_TYPES.has(value.__typename)) {
    expect(ownText(value.message ?? ''), where).not.toMatch(INTERNALS)
    return 'refused'
  }
  return 'success'
}

// ── what "writes nothing" means

/**
 * One fingerprint per table (public schema, less Prisma's migration log): its row count and a
 * hash of its rows, so a refusal that inserts, deletes or updates anything shows up. Left out of
 * the hash, because reading writes them and they are no one's change of state: Session.lastUsedAt
 * (touched when a session is used), User.lastSeenAt (presence), and updatedAt (Prisma sets it on
 * those same writes). The per-case session itself is created before the first fingerprint.
 * Failed sign-ins write no rows: their attempt counts live in the limiter (Redis or memory).
 */
async function fingerprintQuery(db: TestDb): Promise<string> {
  const tables = await db.prisma.$queryRawUnsafe<{ name: string }[]>(
    // StatMinute is the gateway's own timing of every operation (written every few seconds, refused
    // operations included), not state an operation changes.
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('_prisma_migrations', 'StatMinute') ORDER BY 1`,
  )
  const row = `(to_jsonb(x) - 'lastUsedAt' - 'lastSeenAt' - 'updatedAt')::text`
  return tables
    .map(({ name }) => `SELECT '${name}' AS name, count(*)::int AS rows, md5(coalesce(string_agg(${row}, '|' ORDER BY ${row}), '')) AS hash FROM "${name}" x`)
    .join(' UNION ALL ')
}

async function fingerprint(db: TestDb, query: string): Promise<Record<string, string>> {
  const rows = await db.prisma.$queryRawUnsafe<{ name: string; rows: number; hash: string }[]>(query)
  return Object.fromEntries(rows.map((r) => [r.name, `${r.rows} rows, ${r.hash}`]))
}

// ── the world

let db: TestDb
let gw: TestGateway
let fingerprintSql = ''
const users: Partial<Record<ViewerKind, string>> = {}

/**
 * A small marketplace: two suppliers with teams, two buyers, conversations with messages, a
 * product, an order, saved replies, invitations, an unsent attachment. Successful cases change
 * it (a member removed, a conversation blocked); the properties hold in any state, so it is not
 * reset between cases.
 */
async function seed() {
  const passwordHash = await hashPassword('long enough password')
  const user = (email: string, displayName: string) => db.prisma.user.create({ data: { email, displayName, passwordHash } })
  const alpha = await db.prisma.supplier.create({ data: { slug: 'alpha', name: 'Alpha', timeZone: 'Europe/Lisbon' } })
  const beta = await db.prisma.supplier.create({ data: { slug: 'beta', name: 'Beta', timeZone: 'Asia/Tokyo' } })
  const [buyer, other, owner, agent, betaOwner] = await Promise.all([
    user('buyer@example.com', 'Buyer'),
    user('other@example.com', 'Other'),
    user('owner@alpha.example', 'Owner'),
    user('agent@alpha.example', 'Agent'),
    user('owner@beta.example', 'Beta owner'),
  ])
  Object.assign(users, { buyer: buyer.id, agent: agent.id, owner: owner.id })
  known.push(buyer.email, other.email, owner.email, agent.email, 'new@example.com')
  const buyerRow = await db.prisma.buyer.create({ data: { userId: buyer.id, displayName: 'Buyer' } })
  const otherRow = await db.prisma.buyer.create({ data: { userId: other.id, displayName: 'Other' } })
  const members = await Promise.all([
    db.prisma.supplierMember.create({ data: { supplierId: alpha.id, userId: owner.id, role: 'OWNER' } }),
    db.prisma.supplierMember.create({ data: { supplierId: alpha.id, userId: agent.id, role: 'AGENT' } }),
    db.prisma.supplierMember.create({ data: { supplierId: beta.id, userId: betaOwner.id, role: 'OWNER' } }),
  ])
  const product = await db.prisma.product.create({ data: { supplierId: alpha.id, slug: 'oak-table', name: 'Oak table', description: 'A table.', priceCents: 50_000 } })
  const order = await db.prisma.order.create({ data: { number: 'R-FUZZ', buyerId: buyerRow.id, supplierId: alpha.id, totalCents: 50_000 } })
  const conversations = await Promise.all([
    db.prisma.conversation.create({ data: { buyerId: buyerRow.id, supplierId: alpha.id, lastSequence: 2 } }),
    db.prisma.conversation.create({ data: { buyerId: otherRow.id, supplierId: beta.id, lastSequence: 1 } }),
  ])
  const message = (conversationId: string, sequence: number, authorId: string, authorSide: 'BUYER' | 'SUPPLIER') =>
    db.prisma.message.create({ data: { conversationId, sequence, authorId, authorSide, body: `Message ${sequence}`, clientMessageId: `seed-${conversationId}-${sequence}` } })
  const messages = [await message(conversations[0].id, 1, buyer.id, 'BUYER'), await message(conversations[0].id, 2, agent.id, 'SUPPLIER'), await message(conversations[1].id, 1, other.id, 'BUYER')]
  const replies = await Promise.all([alpha, beta].map((s) => db.prisma.savedReply.create({ data: { supplierId: s.id, title: 'Thanks', body: 'Thanks {{buyer.firstName}}!', createdById: owner.id } })))
  const attachment = await db.prisma.messageAttachment.create({
    data: { uploaderId: buyer.id, fileName: 'a.png', contentType: 'image/png', byteSize: 1, sha256: '0'.repeat(64), storageKey: 'fuzz-unsent' },
  })
  const deps = { db: db.prisma, clock: systemClock }
  const ownerViewer = await resolveSession(deps, (await createSession(deps, owner.id)).token)
  const invitations = await Promise.all(['someone@example.com', buyer.email].map((email) => inviteMember(deps, ownerViewer, { supplierId: alpha.id, email })))
  known.push(...invitations.map((i) => i.token))
  const global = (type: string, rows: { id: string }[]) => ids.set(type, rows.map((r) => encodeGlobalID(type, r.id)))
  global('Supplier', [alpha, beta])
  global('Buyer', [buyerRow, otherRow])
  global('TeamMember', members)
  global('Product', [product])
  global('Order', [order])
  global('Conversation', conversations)
  global('Message', messages)
  global('Invitation', invitations.map((i) => i.invitation))
  // Saved replies and attachments are named by their raw ids in this API.
  ids.set('SavedReply', replies.map((r) => r.id))
  ids.set('Attachment', [attachment.id])
}

beforeAll(async () => {
  db = await createTestDb()
  // No job workers: a success's jobs (the review invitation email) would write later, in the
  // middle of a following case, and "a refusal writes nothing" compares every table.
  gw = await startTestGateway(db, { redisUrl: process.env.REDIS_URL, runJobs: false })
  await seed()
  fingerprintSql = await fingerprintQuery(db)
}, 60_000)

afterAll(async () => {
  await gw?.close()
  await db?.drop()
})

async function post(query: string, variables: Record<string, unknown>, token: string | undefined): Promise<Answer> {
  const res = await fetch(gw.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  })
  const text = await res.text()
  let body: Answer['body']
  try {
    body = JSON.parse(text) as Answer['body']
  } catch {
    body = undefined
  }
  return { status: res.status, text, body }
}

/** One case: a fresh session for the viewer (signOut ends the one it uses), the operation, the answer judged, the tables compared. */
async function runCase(field: GraphQLField<unknown, unknown>, viewer: ViewerKind, variables: Record<string, unknown>): Promise<void> {
  const token = viewer === 'anonymous' ? undefined : (await createSession({ db: db.prisma, clock: systemClock }, users[viewer]!)).token
  const before = await fingerprint(db, fingerprintSql)
  const answer = await post(operationFor(field), variables, token)
  const verdict = judge(field.name, answer)
  tally(field.name, answer)
  if (verdict === 'refused') {
    const after = await fingerprint(db, fingerprintSql)
    const changed = Object.keys(after).filter((t) => after[t] !== before[t])
    expect(changed, `${field.name} refused (${answer.text.slice(0, 300)}) yet changed these tables`).toEqual([])
  }
}

const mutationFields = Object.values(schema.getMutationType()!.getFields())
const stats = { cases: 0 }
/** Outcomes per mutation (a success, an error type or an error code), printed with FUZZ_VERBOSE to see what the fuzzer reaches. */
const outcomes = new Map<string, Map<string, number>>()
function tally(field: string, answer: Answer) {
  if (process.env.FUZZ_DEBUG === field) console.info(answer.text.slice(0, 300))
  const value = answer.body?.data?.[field] as { __typename?: string } | null | undefined
  const key = answer.body?.errors?.[0]?.extensions?.code ?? value?.__typename ?? (value === undefined ? `HTTP ${answer.status}` : `value ${String(value)}`)
  const counts = outcomes.get(field) ?? new Map<string, number>()
  counts.set(key, (counts.get(key) ?? 0) + 1)
  outcomes.set(field, counts)
}

describe('every mutation, fuzzed from its argument types', () => {
  it('covers the whole Mutation type', () => {
    expect(mutationFields.length).toBeGreaterThan(20)
  })

  for (const field of mutationFields) {
    it(`${field.name}: a success or a typed error, and a refusal writes nothing`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...VIEWERS), variablesFor(field), async (viewer, variables) => {
          stats.cases++
          await runCase(field, viewer, variables)
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      )
    }, 60_000)
  }

  afterAll(() => {
    console.info(`mutation fuzz: ${stats.cases} cases over ${mutationFields.length} mutations`)
    if (process.env.FUZZ_VERBOSE) for (const [field, counts] of outcomes) console.info(field, Object.fromEntries(counts))
  })
})

// Plain examples of what the fuzzer found, so each fix stays fixed whatever a run draws.
describe('refusals the fuzzer found, as examples', () => {
  async function refusedWithoutWrites(viewer: ViewerKind, query: string, variables: Record<string, unknown>) {
    const token = viewer === 'anonymous' ? undefined : (await createSession({ db: db.prisma, clock: systemClock }, users[viewer]!)).token
    const before = await fingerprint(db, fingerprintSql)
    const answer = await post(query, variables, token)
    expect(await fingerprint(db, fingerprintSql)).toEqual(before)
    return answer.body!
  }
  const typename = (body: Answer['body'], field: string) => (body?.data?.[field] as { __typename: string } | undefined)?.__typename

  it('a saved reply id that is not a UUID names no reply (it was a database error: uuid column)', async () => {
    const supplierId = ids.get('Supplier')![0]
    for (const [field, input] of [
      ['deleteSavedReply', { id: 'not-a-uuid' }],
      ['saveSavedReply', { supplierId, id: ids.get('Supplier')![1], title: 'T', body: 'B' }],
      ['renderSavedReply', { conversationId: ids.get('Conversation')![0], savedReplyId: 'x' }],
    ] as const) {
      const inputType = `${field[0]!.toUpperCase()}${field.slice(1)}Input!`
      const body = await refusedWithoutWrites('owner', `mutation($input: ${inputType}) { ${field}(input: $input) { __typename } }`, { input })
      expect(body.errors, field).toBeUndefined()
      expect(typename(body, field), field).toBe('NotFoundError')
    }
  })

  it('text with U+0000 is a BAD_USER_INPUT, in a variable or a literal, over HTTP and WebSocket (it was a database error)', async () => {
    const report = 'mutation($input: ReportConversationInput!) { reportConversation(input: $input) { __typename } }'
    const viaVariable = await refusedWithoutWrites('buyer', report, { input: { conversationId: ids.get('Conversation')![0], reason: 'SPAM', details: 'a\u0000b' } })
    expect(viaVariable.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    const signIn = 'mutation { signIn(input: { email: "\\u0000", password: "long enough password" }) { __typename } }'
    expect((await refusedWithoutWrites('anonymous', signIn, {})).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
    const client = gw.wsClient()
    const overWs = await wsExecute(client, 'mutation($input: SignInInput!) { signIn(input: $input) { __typename } }', { input: { email: 'a\u0000@example.com', password: 'x' } })
    expect(overWs.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
  })
})
