// Every query, mutation and subscription in the schema, run as each kind of viewer over HTTP
// and over graphql-ws, against what each may do. A root field without an entry here fails
// the test: new API surface must state who may use it.
import { encodeGlobalID } from '@pothos/plugin-relay'
import { systemClock } from '@rapport/core'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { createSession, hashPassword, inviteMember, resolveSession } from '@rapport/identity'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { schema } from './schema/index.ts'
import { startTestGateway, wsExecute, type TestGateway } from './testing.ts'

const ROLES = ['anonymous', 'buyer', 'otherBuyer', 'agent', 'owner', 'otherSupplier', 'moderator'] as const
type Role = (typeof ROLES)[number]
type Fixtures = {
  supplierA: string
  invitationA: string
  buyerA: string
  extraMemberA: string
  invitationToken: string
  emailSeq: () => number
}
type Entry = {
  /** The root field (or `Type.field` for a guarded nested field) this entry covers. */
  covers: string
  query: string
  variables?: (f: Fixtures, role: Role) => Record<string, unknown>
  allowed: readonly Role[]
  /** Where a denied read shows up as null instead of an error (node lookups). */
  nullWhenDenied?: (data: Record<string, unknown>) => unknown
  /** Needs a session of its own (signOut ends the one it uses). */
  freshSession?: boolean
}

const ALL = ROLES
const SIGNED_IN = ROLES.filter((r) => r !== 'anonymous')

const MATRIX: Entry[] = [
  { covers: 'Query.viewer', query: '{ viewer { user { displayName email } } }', allowed: ALL },
  { covers: 'Query.suppliers', query: '{ suppliers(first: 2) { totalCount edges { node { name team { displayName } } } } }', allowed: ALL },
  { covers: 'Query.supplier', query: '{ supplier(slug: "alpha") { name serviceHours { weekday } ratingSummary { count } products(first: 1) { edges { node { name } } } } }', allowed: ALL },
  {
    covers: 'Query.product',
    query: 'query($id: ID!) { product(id: $id) { name } }',
    variables: () => ({ id: encodeGlobalID('Product', '01900000-0000-7000-8000-000000000000') }),
    allowed: ALL,
  },
  {
    covers: 'Query.node',
    query: 'query($id: ID!) { node(id: $id) { id ... on Supplier { name } } }',
    variables: (f) => ({ id: encodeGlobalID('Supplier', f.supplierA) }),
    allowed: ALL,
  },
  {
    covers: 'Query.node',
    query: 'query($id: ID!) { node(id: $id) { id ... on Invitation { email } } }',
    variables: (f) => ({ id: encodeGlobalID('Invitation', f.invitationA) }),
    allowed: ['owner'],
    nullWhenDenied: (d) => d.node,
  },
  {
    covers: 'Query.nodes',
    query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Buyer { displayName } } }',
    variables: (f) => ({ ids: [encodeGlobalID('Buyer', f.buyerA)] }),
    allowed: ['buyer', 'moderator'],
    nullWhenDenied: (d) => (d.nodes as unknown[])[0],
  },
  {
    covers: 'Supplier.invitations',
    query: '{ supplier(slug: "alpha") { invitations { email } } }',
    allowed: ['owner'],
  },
  {
    covers: 'Mutation.signUp',
    query: 'mutation($input: SignUpInput!) { signUp(input: $input) { __typename } }',
    variables: (f, role) => ({
      input: { accountType: 'BUYER', email: `new-${role}-${f.emailSeq()}@example.com`, password: 'long enough password', displayName: 'New' },
    }),
    allowed: ALL,
  },
  {
    covers: 'Mutation.signIn',
    query: 'mutation { signIn(input: { email: "nobody@example.com", password: "whatever it is" }) { __typename } }',
    allowed: ALL,
  },
  { covers: 'Mutation.signOut', query: 'mutation { signOut }', allowed: SIGNED_IN, freshSession: true },
  {
    covers: 'Mutation.inviteTeamMember',
    query: 'mutation($input: InviteTeamMemberInput!) { inviteTeamMember(input: $input) { __typename } }',
    variables: (f, role) => ({ input: { supplierId: encodeGlobalID('Supplier', f.supplierA), email: `inv-${role}-${f.emailSeq()}@example.com` } }),
    allowed: ['owner'],
  },
  {
    covers: 'Mutation.removeTeamMember',
    query: 'mutation($input: RemoveTeamMemberInput!) { removeTeamMember(input: $input) { __typename } }',
    variables: (f) => ({ input: { memberId: encodeGlobalID('TeamMember', f.extraMemberA) } }),
    allowed: ['owner'],
  },
  {
    // The invitation is addressed to the buyer: only they may accept it.
    covers: 'Mutation.acceptInvitation',
    query: 'mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { __typename } }',
    variables: (f) => ({ input: { token: f.invitationToken } }),
    allowed: ['buyer'],
  },
]

const DENIED_TYPES = new Set(['ForbiddenError', 'UnauthenticatedError'])
type Response = { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] }

function outcome(entry: Entry, res: Response): 'allowed' | 'denied' {
  const codes = (res.errors ?? []).map((e) => e.extensions?.code)
  if (codes.some((c) => c === 'UNAUTHENTICATED' || c === 'FORBIDDEN')) return 'denied'
  if (res.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(res.errors)}`)
  const json = JSON.stringify(res.data)
  if ([...DENIED_TYPES].some((t) => json.includes(`"__typename":"${t}"`))) return 'denied'
  if (entry.nullWhenDenied && entry.nullWhenDenied(res.data ?? {}) == null) return 'denied'
  return 'allowed'
}

let db: TestDb
let gw: TestGateway
let fixtures: Fixtures
const users: Partial<Record<Role, string>> = {}
const tokens: Partial<Record<Role, string>> = {}

async function user(email: string, displayName: string, extra: { platformRole?: 'MODERATOR' } = {}) {
  return db.prisma.user.create({ data: { email, displayName, passwordHash: await hashPassword('long enough password'), ...extra } })
}

beforeAll(async () => {
  db = await createTestDb()
  gw = await startTestGateway(db, { redisUrl: process.env.REDIS_URL })
  const alpha = await db.prisma.supplier.create({ data: { slug: 'alpha', name: 'Alpha', timeZone: 'Europe/Lisbon' } })
  const beta = await db.prisma.supplier.create({ data: { slug: 'beta', name: 'Beta', timeZone: 'Asia/Tokyo' } })
  const buyer = await user('buyer@example.com', 'Buyer')
  const buyerRow = await db.prisma.buyer.create({ data: { userId: buyer.id, displayName: 'Buyer' } })
  const otherBuyer = await user('other-buyer@example.com', 'Other buyer')
  await db.prisma.buyer.create({ data: { userId: otherBuyer.id, displayName: 'Other buyer' } })
  const owner = await user('owner@alpha.example', 'Owner')
  const agent = await user('agent@alpha.example', 'Agent')
  const extra = await user('extra@alpha.example', 'Extra')
  const otherSupplier = await user('owner@beta.example', 'Beta owner')
  const moderator = await user('mod@rapport.example', 'Moderator', { platformRole: 'MODERATOR' })
  await db.prisma.supplierMember.createMany({
    data: [
      { supplierId: alpha.id, userId: owner.id, role: 'OWNER' },
      { supplierId: alpha.id, userId: agent.id, role: 'AGENT' },
      { supplierId: beta.id, userId: otherSupplier.id, role: 'OWNER' },
    ],
  })
  const extraMember = await db.prisma.supplierMember.create({ data: { supplierId: alpha.id, userId: extra.id, role: 'AGENT' } })
  Object.assign(users, { buyer: buyer.id, otherBuyer: otherBuyer.id, owner: owner.id, agent: agent.id, otherSupplier: otherSupplier.id, moderator: moderator.id })
  const deps = { db: db.prisma, clock: systemClock }
  for (const role of SIGNED_IN) tokens[role] = (await createSession(deps, users[role]!)).token
  const ownerViewer = await resolveSession(deps, tokens.owner)
  const pending = await inviteMember(deps, ownerViewer, { supplierId: alpha.id, email: 'someone@example.com' })
  const forBuyer = await inviteMember(deps, ownerViewer, { supplierId: alpha.id, email: 'buyer@example.com' })
  let seq = 0
  fixtures = {
    supplierA: alpha.id,
    invitationA: pending.invitation.id,
    buyerA: buyerRow.id,
    extraMemberA: extraMember.id,
    invitationToken: forBuyer.token,
    emailSeq: () => ++seq,
  }
})
afterAll(async () => {
  await gw?.close()
  await db?.drop()
})

describe('the authorization matrix', () => {
  it('has an entry for every query, mutation and subscription field', () => {
    const covered = new Set(MATRIX.map((e) => e.covers))
    const missing: string[] = []
    for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
      for (const name of Object.keys(root?.getFields() ?? {})) {
        if (!covered.has(`${root!.name}.${name}`)) missing.push(`${root!.name}.${name}`)
      }
    }
    expect(missing, 'add these fields to MATRIX with who may use them').toEqual([])
  })

  for (const transport of ['http', 'ws'] as const) {
    describe(`over ${transport}`, () => {
      for (const entry of MATRIX) {
        it(`${entry.covers}: allowed for ${entry.allowed.join(', ') || 'nobody'}; denied for everyone else`, async () => {
          const seen: Record<string, string> = {}
          for (const role of ROLES) {
            let token = tokens[role]
            if (entry.freshSession && role !== 'anonymous')
              token = (await createSession({ db: db.prisma, clock: systemClock }, users[role]!)).token
            const variables = entry.variables?.(fixtures, role)
            let res: Response
            if (transport === 'http') {
              res = (await gw.post<Response>(entry.query, variables, token ? { authorization: `Bearer ${token}` } : {})).body
            } else {
              const client = gw.wsClient(token ? { connectionParams: { authToken: token } } : {})
              res = (await wsExecute(client, entry.query, variables)) as Response
              await client.dispose()
            }
            seen[role] = outcome(entry, res)
          }
          const expected = Object.fromEntries(ROLES.map((r) => [r, entry.allowed.includes(r) ? 'allowed' : 'denied']))
          expect(seen).toEqual(expected)
        })
      }
    })
  }
})
