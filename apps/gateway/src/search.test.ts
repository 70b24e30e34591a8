// searchMessages over HTTP: hits link to their conversation and message, pages follow their
// cursors, awkward queries get a notice rather than an error, and another buyer finds nothing.
import { randomUUID } from 'node:crypto'
import { encodeGlobalID } from '@pothos/plugin-relay'
import { describe, expect, it } from 'vitest'
import { useReviewWorld } from './review-testing.ts'

const SEARCH = `query($q: String!, $s: ID, $first: Int, $after: String, $order: MessageSearchOrder) {
  searchMessages(query: $q, supplierId: $s, first: $first, after: $after, order: $order) {
    __typename
    ... on MessageSearchConnection { notice pageInfo { hasNextPage endCursor }
      edges { node { matchedIn sequence snippet highlights { start length } conversation { id subject } message { id body } } } }
    ... on Error { message } } }`
const SEND = `mutation($input: SendMessageInput!) { sendMessage(input: $input) { __typename } }`

type Hit = { matchedIn: string; sequence: number | null; snippet: string; highlights: { start: number; length: number }[]; conversation: { id: string; subject: string | null }; message: { id: string; body: string } | null }
type Connection = { __typename: string; notice?: string | null; pageInfo?: { hasNextPage: boolean; endCursor: string | null }; edges?: { node: Hit }[]; message?: string }
type Res = { data?: { searchMessages: Connection }; errors?: { extensions?: { code?: string } }[] }

describe('searchMessages over the wire', () => {
  const world = useReviewWorld({
    people: {
      olga: { email: 'olga@kiln.example', name: 'Olga', agent: true },
      maya: { email: 'maya@example.com', name: 'Maya', buyer: true },
      erik: { email: 'erik@example.com', name: 'Erik', buyer: true },
    },
  })
  const ask = async (who: 'olga' | 'maya' | 'erik', variables: Record<string, unknown>) => (await world.gw.post<Res>(SEARCH, variables, world.as(who))).body

  it('finds the words in the buyer’s and the team’s inbox, pages by cursor, and answers awkward queries with a notice', async () => {
    const c = await world.db.prisma.conversation.create({ data: { buyerId: world.people.maya.buyerId, supplierId: world.supplier.id, subject: 'Stoneware mugs' } })
    const conversation = encodeGlobalID('Conversation', c.id)
    for (const body of ['Are the stoneware mugs dishwasher safe?', 'And do the stoneware bowls stack?', 'Thanks!'])
      expect((await world.gw.post<{ data: { sendMessage: { __typename: string } } }>(SEND, { input: { conversationId: conversation, clientMessageId: randomUUID(), body } }, world.as('maya'))).body.data.sendMessage.__typename).toBe('SendMessagePayload')

    const mine = (await ask('maya', { q: 'stoneware' })).data!.searchMessages
    expect(mine.edges!.map((e) => [e.node.matchedIn, e.node.sequence])).toEqual([
      ['MESSAGE', 2],
      ['MESSAGE', 1],
      ['SUBJECT', null],
    ])
    const first = mine.edges![0]!.node
    expect(first.conversation).toEqual({ id: conversation, subject: 'Stoneware mugs' })
    expect(first.message?.body).toBe('And do the stoneware bowls stack?')
    expect(first.highlights.map((h) => first.snippet.slice(h.start, h.start + h.length))).toEqual(['stoneware'])

    // The team, a page at a time.
    const seen: (number | null)[] = []
    let after: string | null = null
    for (let i = 0; i < 5; i++) {
      const page: Connection = (await ask('olga', { q: 'stoneware', s: world.supplier.gid, first: 1, after })).data!.searchMessages
      seen.push(...page.edges!.map((e) => e.node.sequence))
      if (!page.pageInfo!.hasNextPage) break
      after = page.pageInfo!.endCursor
    }
    expect(seen).toEqual([2, 1, null])

    expect((await ask('erik', { q: 'stoneware' })).data!.searchMessages.edges).toEqual([])
    expect((await ask('maya', { q: 'stoneware', s: world.supplier.gid })).data!.searchMessages).toMatchObject({ __typename: 'ForbiddenError' })
    const long = (await ask('maya', { q: `dishwasher ${'é'.repeat(1000)}` })).data!.searchMessages
    expect(long.notice).toMatch(/first 200/)
    expect((await ask('maya', { q: '?!…—()' })).data!.searchMessages).toMatchObject({ edges: [], notice: expect.stringMatching(/punctuation/) })
    const badCursor = await ask('maya', { q: 'stoneware', after: 'not-a-cursor' })
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT')
  })

  it('products(search:) finds products of every supplier by name or description; too long a search is a clear BAD_USER_INPUT', async () => {
    const PRODUCTS = `query($q: String) { products(first: 10, search: $q) { edges { node { name supplier { name } } } } }`
    type P = { data?: { products: { edges: { node: { name: string; supplier: { name: string } } }[] } }; errors?: { message: string; extensions?: { code?: string } }[] }
    const find = async (q: string) => (await world.gw.post<P>(PRODUCTS, { q })).body
    expect((await find('JAR')).data?.products.edges.map((e) => e.node)).toEqual([{ name: 'Jar', supplier: { name: 'Kiln' } }])
    expect((await find('teapot')).data?.products.edges).toEqual([])
    // Wildcards are characters like any other.
    expect((await find('%')).data?.products.edges).toEqual([])
    expect((await find('_')).data?.products.edges).toEqual([])
    const long = await find('j'.repeat(1000))
    expect(long.errors?.[0]).toMatchObject({ message: expect.stringMatching(/200 characters/), extensions: { code: 'BAD_USER_INPUT' } })
    // The total counts every page, and the limit is published for forms.
    const counted = await world.gw.post<{ data?: { products: { totalCount: number; edges: unknown[] }; all: { totalCount: number }; limits: { catalogSearchMaxLength: number } } }>(
      `{ products(first: 1, search: "jar") { totalCount edges { cursor } } all: products(first: 1) { totalCount } limits { catalogSearchMaxLength } }`,
      {},
    )
    expect(counted.body.data?.products).toMatchObject({ totalCount: 1, edges: [expect.anything()] })
    expect(counted.body.data?.all.totalCount).toBe(await world.db.prisma.product.count({ where: { archivedAt: null } }))
    expect(counted.body.data?.limits.catalogSearchMaxLength).toBe(200)
  })
})
