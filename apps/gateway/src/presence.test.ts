// Presence over the wire: a person who turns invisible drops off the other side's open
// conversation at once (not at their next connect), shows no "last seen", reads their own choice
// back from Viewer.presenceVisibility, and reappears when visible again.
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collect, conversationWorld, startTestGateway, type TestGateway } from './testing.ts'

let db: TestDb
let gw: TestGateway
let buyerToken = ''
let agentToken = ''
let conversationId = ''

type Res<T> = { data?: T; errors?: { message: string }[] }
const as = (token: string) => ({ authorization: `Bearer ${token}` })
const EVENTS = `subscription($id: ID!) { conversationEvents(conversationId: $id) {
  __typename ... on PresenceChanged { side online lastSeenAt }
} }`
type Ev = { conversationEvents: { __typename: string; side?: string; online?: boolean; lastSeenAt?: string | null } }

async function setVisibility(visibility: 'VISIBLE' | 'INVISIBLE') {
  const { body } = await gw.post<Res<{ setPresenceVisibility: string }>>(
    'mutation($input: SetPresenceVisibilityInput!) { setPresenceVisibility(input: $input) }',
    { input: { visibility } },
    as(buyerToken),
  )
  expect(body).toEqual({ data: { setPresenceVisibility: visibility } })
}

beforeAll(async () => {
  db = await createTestDb()
  gw = await startTestGateway(db, { redisUrl: process.env.REDIS_URL })
  ;({ buyerToken, agentToken, conversationId } = await conversationWorld(db, gw, { body: 'Hello?', clientMessageId: 'presence-start' }))
})
afterAll(async () => {
  await gw?.close()
  await db?.drop()
})

describe('presence visibility', () => {
  it('takes the buyer off the team’s open conversation at once when she turns invisible, and back when visible', async () => {
    const agent = collect<Ev>(gw.wsClient({ connectionParams: { authToken: agentToken } }), EVENTS, { id: conversationId })
    await agent.waitFor((e) => e.some((x) => x.conversationEvents.__typename === 'Subscribed'))
    const presence = () => agent.events.filter((x) => x.conversationEvents.__typename === 'PresenceChanged').map((x) => x.conversationEvents)

    // The buyer's own socket (her conversation page) makes her online.
    const buyer = collect<Ev>(gw.wsClient({ connectionParams: { authToken: buyerToken } }), EVENTS, { id: conversationId })
    await buyer.waitFor((e) => e.some((x) => x.conversationEvents.__typename === 'Subscribed'))
    await agent.waitFor(() => presence().at(-1)?.online === true)

    await setVisibility('INVISIBLE')
    // Her socket stays open: only the setting changed, and the team sees her offline with no "last seen".
    await agent.waitFor(() => presence().at(-1)?.online === false)
    expect(presence().at(-1)).toEqual({ __typename: 'PresenceChanged', side: 'BUYER', online: false, lastSeenAt: null })
    const read = await gw.post<Res<{ viewer: { presenceVisibility: string } }>>('{ viewer { presenceVisibility } }', {}, as(buyerToken))
    expect(read.body).toEqual({ data: { viewer: { presenceVisibility: 'INVISIBLE' } } })

    await setVisibility('VISIBLE')
    await agent.waitFor(() => presence().at(-1)?.online === true)
    const again = await gw.post<Res<{ viewer: { presenceVisibility: string } }>>('{ viewer { presenceVisibility } }', {}, as(buyerToken))
    expect(again.body).toEqual({ data: { viewer: { presenceVisibility: 'VISIBLE' } } })
    expect(agent.errors).toEqual([])
  })
})
