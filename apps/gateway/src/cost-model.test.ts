// The cost limit measures real work — rows a page may return, objects loaded per row, scalars
// cheap — so the web app's and a partner's ordinary pages pass, and pages of pages do not.
// Every document the web app sends is run through the same rules and page-aware check as the
// gateway's transports, with the variables the web app sends.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  parse,
  specifiedRules,
  typeFromAST,
  validate,
  type GraphQLInputType,
  type OperationDefinitionNode,
} from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkPagedCost, LIMIT_CODES, limitRules, LIMITS, operationCost } from './limits.ts'
import { schema } from './schema.ts'
import { startTestGateway, wsExecute, type TestGateway } from './testing.ts'

const web = fileURLToPath(new URL('../../web/src/', import.meta.url))

/** The operations in apps/web/src/lib/graphql/*.ts (as exported) and inline in +page.server.ts files. */
async function webDocuments(): Promise<{ name: string; text: string }[]> {
  const found: { name: string; text: string }[] = []
  const lib = path.join(web, 'lib/graphql')
  for (const file of readdirSync(lib).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    const exports = (await import(pathToFileURL(path.join(lib, file)).href)) as Record<string, unknown>
    for (const [name, text] of Object.entries(exports))
      if (typeof text === 'string' && /^\s*(query|mutation|subscription)\b/.test(text)) found.push({ name: `lib/graphql/${file} ${name}`, text })
  }
  const routes = path.join(web, 'routes')
  for (const file of readdirSync(routes, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.server.ts'))) {
    const source = readFileSync(path.join(routes, file), 'utf8')
    for (const [, text] of source.matchAll(/\/\* GraphQL \*\/ `([^`]*)`/g)) {
      // A document built by interpolation can only be read by importing it: it belongs in lib/graphql.
      if (text!.includes('${')) throw new Error(`routes/${file}: an inline document interpolates; export it from lib/graphql instead`)
      if (/^\s*(query|mutation|subscription)\b/.test(text!)) found.push({ name: `routes/${file}`, text: text! })
    }
  }
  return found
}

/** The web app asks for pages of 12 to 50 rows: every page size here is 50, the largest it sends. */
const WEB_PAGE = 50

/** Values for an operation's variables: page sizes as the web sends them, the rest well-formed placeholders. */
function variablesFor(operation: OperationDefinitionNode): Record<string, unknown> {
  const values: Record<string, unknown> = {}
  for (const v of operation.variableDefinitions ?? []) {
    const name = v.variable.name.value
    const type = typeFromAST(schema, v.type as never) as GraphQLInputType
    values[name] = name === 'first' || name === 'last' ? WEB_PAGE : placeholder(type)
  }
  return values
}
function placeholder(type: GraphQLInputType): unknown {
  const inner = getNullableType(type)
  if (isListType(inner)) return [placeholder(inner.ofType)]
  if (isEnumType(inner)) return inner.getValues()[0]!.name
  if (isInputObjectType(inner))
    return Object.fromEntries(Object.values(inner.getFields()).filter((f) => isNonNullType(f.type)).map((f) => [f.name, placeholder(f.type)]))
  switch (getNamedType(inner).name) {
    case 'Int':
    case 'Float':
      return 1
    case 'Boolean':
      return true
    case 'DateTime':
      return '2026-01-01T00:00:00.000Z'
    default:
      return 'x'
  }
}

describe('the web app’s operations', async () => {
  const documents = await webDocuments()

  it('are all found', () => {
    expect(documents.length).toBeGreaterThan(30)
    expect(documents.map((d) => d.name)).toEqual(expect.arrayContaining([expect.stringMatching(/TEAM_INBOX/), expect.stringMatching(/CONVERSATION_PAGE/), expect.stringMatching(/HOME_SUPPLIERS/)]))
  })

  it.each(documents)('$name passes the gateway’s validation rules and its page-aware cost with the web’s page sizes', ({ text }) => {
    const document = parse(text)
    expect(validate(schema, document, [...specifiedRules, ...limitRules]).map((e) => e.message)).toEqual([])
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!
    const variables = variablesFor(operation)
    // The cost is worked out (the placeholders are valid), and is within the limit.
    const cost = operationCost(schema, document, variables, undefined)
    expect(cost).toEqual(expect.any(Number))
    expect(cost).toBeLessThanOrEqual(LIMITS.cost)
    expect(checkPagedCost(schema, document, variables, undefined)).toBeNull()
  })
})

// What a partner's integration asks for, with literal page sizes.
const TEAM_INBOX_50 = `{ supplier(slug: "olive-oak") { inbox(first: 50) { pageInfo { hasNextPage endCursor } edges { cursor node {
  id status subject labels lastMessageAt lastMessagePreview unreadCount expectedReplyBy
  buyer { displayName } product { name } assignee { displayName }
  messages(last: 1) { edges { node { id sequence body createdAt author { side displayName } } } }
} } } } }`
const CATALOGUE_100 = `{ suppliers(first: 100) { totalCount edges { node { id name slug tagline location timeZone
  responseMetrics { medianFirstResponse usuallyRepliesWithin } team { displayName title }
  products(first: 10) { edges { node { id name price { amount currency } } } }
} } } }`
const CONVERSATION_100 = `query($id: ID!) { conversation(id: $id) { id status messages(last: 100) { edges { node {
  id sequence body createdAt editedAt deletedAt author { side displayName member { displayName } }
  reactions { emoji count reactedByViewer } attachments { id fileName url }
  replyTo { id body author { displayName } }
} } } } }`

let db: TestDb
let gw: TestGateway
beforeAll(async () => {
  db = await createTestDb()
  gw = await startTestGateway(db, { redisUrl: process.env.REDIS_URL })
})
afterAll(async () => {
  await gw?.close()
  await db?.drop()
})

describe('a partner’s ordinary pages', () => {
  it.each([
    ['a team inbox of 50 conversations with each one’s latest message', TEAM_INBOX_50],
    ['100 suppliers with their team and first 10 products', CATALOGUE_100],
    ['the last 100 messages of a conversation with reactions, files and replies', CONVERSATION_100],
  ])('%s is not refused as too costly, over HTTP and graphql-ws', async (_name, query) => {
    const variables = { id: 'Q29udmVyc2F0aW9uOjAxOTBhNmIwLTAwMDAtNzAwMC04MDAwLTAwMDAwMDAwMDAwMA==' }
    const http = await gw.post<{ errors?: { extensions?: { code?: string } }[] }>(query, variables)
    const ws = await wsExecute(gw.wsClient(), query, variables)
    for (const res of [http.body, ws]) expect((res.errors ?? []).map((e) => e.extensions?.code)).not.toContain(LIMIT_CODES.cost)
  })
})

describe('pages of pages', () => {
  it.each([
    ['100 × 100 nested connections', '{ suppliers(first: 100) { edges { node { products(first: 100) { edges { node { id name } } } } } } }'],
    ['conversations × messages × replies', '{ viewer { conversations(first: 100) { edges { node { messages(last: 100) { edges { node { body replyTo { body author { displayName } } } } } } } } } }'],
    ['an alias bomb of full pages', `{ ${Array.from({ length: 14 }, (_, i) => `s${i}: suppliers(first: 100) { edges { node { id name slug tagline team { displayName title } } } }`).join(' ')} }`],
  ])('%s is refused as QUERY_TOO_COSTLY before execution, on both transports', async (_name, query) => {
    const http = await gw.post<{ data?: unknown; errors?: { extensions?: { code?: string } }[] }>(query)
    expect(http.status).toBe(400)
    expect(http.body.errors!.map((e) => e.extensions?.code)).toContain(LIMIT_CODES.cost)
    const ws = await wsExecute(gw.wsClient(), query)
    expect(ws.data).toBeUndefined()
    expect(ws.errors!.map((e) => e.extensions?.code)).toContain(LIMIT_CODES.cost)
  })
})
