// Internal notes over the wire, with real graphql-ws clients: a teammate sees a note live and
// after reconnecting (replayed by its sequence); the buyer's feed, subscribed the whole time, gets
// the message sent after the note and never the note; the buyer's query for notes is refused;
// bad input is refused and writes nothing.
import { randomUUID } from 'node:crypto'
import { encodeGlobalID } from '@pothos/plugin-relay'
import { describe, expect, it } from 'vitest'
import { useReviewWorld } from './review-testing.ts'
import { collect, startTestGateway } from './testing.ts'

const EVENTS = `subscription($id: ID!, $afterNote: Int) { conversationEvents(conversationId: $id, afterNoteSequence: $afterNote) {
  __typename
  ... on Subscribed { lastSequence lastNoteSequence }
  ... on InternalNoteAdded { note { sequence body authorName author { displayName } } }
  ... on MessageAdded { message { sequence body } } } }`
const ADD = `mutation($input: AddInternalNoteInput!) { addInternalNote(input: $input) {
  __typename ... on InternalNote { sequence body } ... on Error { message } ... on ValidationError { field } } }`
const SEND = `mutation($input: SendMessageInput!) { sendMessage(input: $input) { __typename } }`
const NOTES = `query($id: ID!) { conversation(id: $id) { subject lastNoteSequence internalNotes(first: 10) { edges { node { body } } } } }`

type Ev = { conversationEvents: { __typename: string; lastNoteSequence?: number; note?: { sequence: number; body: string; authorName: string }; message?: { body: string } } }

describe('internal notes', () => {
  const world = useReviewWorld({
    people: {
      olga: { email: 'olga@kiln.example', name: 'Olga', agent: true },
      pia: { email: 'pia@kiln.example', name: 'Pia', agent: true },
      maya: { email: 'maya@example.com', name: 'Maya', buyer: true },
    },
    gateway: (db) => startTestGateway(db, { redisUrl: process.env.REDIS_URL }),
  })
  let conversation = ''
  const noteCount = () => world.db.prisma.internalNote.count()

  it('a teammate sees a note live and on reconnecting; the buyer’s feed never carries one', async () => {
    const c = await world.db.prisma.conversation.create({ data: { buyerId: world.people.maya.buyerId, supplierId: world.supplier.id, subject: 'Glaze colours' } })
    conversation = encodeGlobalID('Conversation', c.id)
    const teammate = collect<Ev>(world.client('pia'), EVENTS, { id: conversation })
    const buyer = collect<Ev>(world.client('maya'), EVENTS, { id: conversation })
    const subscribed = (es: Ev[]) => es.some((e) => e.conversationEvents.__typename === 'Subscribed')
    await Promise.all([teammate.waitFor(subscribed), buyer.waitFor(subscribed)])

    const added = await world.gw.post<{ data: { addInternalNote: { __typename: string; sequence: number } } }>(
      ADD,
      { input: { conversationId: conversation, body: '  Checked the kiln schedule: ships Monday.  ' } },
      world.as('olga'),
    )
    expect(added.body.data.addInternalNote).toMatchObject({ __typename: 'InternalNote', sequence: 1, body: 'Checked the kiln schedule: ships Monday.' })
    await teammate.waitFor((es) => es.some((e) => e.conversationEvents.__typename === 'InternalNoteAdded'))
    expect(teammate.events.find((e) => e.conversationEvents.note)?.conversationEvents.note).toEqual({
      sequence: 1,
      body: 'Checked the kiln schedule: ships Monday.',
      authorName: 'Olga',
      author: { displayName: 'Olga' },
    })

    // Published after the note: once the buyer's feed has this message, it would have had the note.
    const sent = await world.gw.post<{ data: { sendMessage: { __typename: string } } }>(SEND, { input: { conversationId: conversation, clientMessageId: randomUUID(), body: 'Which glazes do you have?' } }, world.as('maya'))
    expect(sent.body.data.sendMessage.__typename).toBe('SendMessagePayload')
    await buyer.waitFor((es) => es.some((e) => e.conversationEvents.message?.body === 'Which glazes do you have?'))
    // (Presence changes may come and go between; no note ever does.)
    const buyerTypes = buyer.events.map((e) => e.conversationEvents.__typename)
    expect(buyerTypes[0]).toBe('Subscribed')
    expect(buyerTypes).toContain('MessageAdded')
    expect(buyerTypes).not.toContain('InternalNoteAdded')
    expect(buyer.events[0]!.conversationEvents.lastNoteSequence).toBe(0)
    expect(JSON.stringify(buyer.events)).not.toContain('kiln schedule')

    // A teammate back from a disconnect gets the notes after its cursor, then Subscribed.
    const back = collect<Ev>(world.client('olga'), EVENTS, { id: conversation, afterNote: 0 })
    await back.waitFor(subscribed)
    expect(back.events.map((e) => e.conversationEvents.__typename).slice(0, 2)).toEqual(['InternalNoteAdded', 'Subscribed'])
    expect(back.events[1]!.conversationEvents.lastNoteSequence).toBe(1)
    // The buyer's cursor for notes is ignored, not checked against a count they may not know.
    const buyerBack = collect<Ev>(world.client('maya'), EVENTS, { id: conversation, afterNote: 0 })
    await buyerBack.waitFor(subscribed)
    expect(buyerBack.events.map((e) => e.conversationEvents.__typename)).not.toContain('InternalNoteAdded')
    for (const feed of [teammate, buyer, back, buyerBack]) feed.dispose()
  })

  it('the team reads the notes; the buyer gets the conversation without them', async () => {
    type Notes = { data?: { conversation: { subject: string; lastNoteSequence: number; internalNotes: { edges: { node: { body: string } }[] } | null } }; errors?: { extensions?: { code?: string } }[] }
    const team = (await world.gw.post<Notes>(NOTES, { id: conversation }, world.as('pia'))).body
    expect(team.data?.conversation.internalNotes?.edges.map((e) => e.node.body)).toEqual(['Checked the kiln schedule: ships Monday.'])
    expect(team.data?.conversation.lastNoteSequence).toBe(1)
    const asBuyer = (await world.gw.post<Notes>(NOTES, { id: conversation }, world.as('maya'))).body
    expect(asBuyer.data?.conversation).toMatchObject({ subject: 'Glaze colours', lastNoteSequence: 0, internalNotes: null })
    expect(asBuyer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    const buyerAdds = (await world.gw.post<{ data: { addInternalNote: { __typename: string } } }>(ADD, { input: { conversationId: conversation, body: 'hi' } }, world.as('maya'))).body
    expect(buyerAdds.data.addInternalNote.__typename).toBe('ForbiddenError')
  })

  it('an empty or too long note is refused with the field named, and nothing is written', async () => {
    const before = await noteCount()
    for (const body of ['   ', 'x'.repeat(4001)]) {
      const res = (await world.gw.post<{ data: { addInternalNote: { __typename: string; field?: string; message: string } } }>(ADD, { input: { conversationId: conversation, body } }, world.as('olga'))).body
      expect(res.data.addInternalNote).toMatchObject({ __typename: 'ValidationError', field: 'body', message: expect.any(String) })
    }
    expect(await noteCount()).toBe(before)
  })

  it('the collision notice: a teammate sees who has the conversation open, live, and when they leave; the buyer never does', async () => {
    const VIEWERS = `subscription($id: ID!) { conversationEvents(conversationId: $id) {
      __typename ... on ViewingChanged { viewer { displayName side } viewing expiresAt } ... on MessageAdded { message { body } } } }`
    type V = { conversationEvents: { __typename: string; viewer?: { displayName: string; side: string }; viewing?: boolean; message?: { body: string } } }
    const SET = `mutation($input: SetViewingInput!) { setViewing(input: $input) }`
    const teammate = collect<V>(world.client('pia'), VIEWERS, { id: conversation })
    const viewer = collect<V>(world.client('olga'), VIEWERS, { id: conversation })
    const buyer = collect<V>(world.client('maya'), VIEWERS, { id: conversation })
    const subscribed = (es: V[]) => es.some((e) => e.conversationEvents.__typename === 'Subscribed')
    await Promise.all([teammate.waitFor(subscribed), viewer.waitFor(subscribed), buyer.waitFor(subscribed)])
    const set = (viewing: boolean) => world.gw.post(SET, { input: { conversationId: conversation, viewing } }, world.as('olga'))
    await set(true)
    await teammate.waitFor((es) => es.some((e) => e.conversationEvents.viewing === true))
    expect(teammate.events.find((e) => e.conversationEvents.__typename === 'ViewingChanged')?.conversationEvents).toMatchObject({ viewer: { displayName: 'Olga', side: 'SUPPLIER' }, viewing: true })
    await set(false)
    await teammate.waitFor((es) => es.some((e) => e.conversationEvents.viewing === false))
    // The buyer's feed, live all along, gets the message sent after both notices and neither notice.
    await world.gw.post(SEND, { input: { conversationId: conversation, clientMessageId: randomUUID(), body: 'Anyone there?' } }, world.as('maya'))
    await buyer.waitFor((es) => es.some((e) => e.conversationEvents.message?.body === 'Anyone there?'))
    expect(buyer.events.some((e) => e.conversationEvents.__typename === 'ViewingChanged')).toBe(false)
    // Nobody is told about themselves.
    await viewer.waitFor((es) => es.some((e) => e.conversationEvents.message?.body === 'Anyone there?'))
    expect(viewer.events.some((e) => e.conversationEvents.__typename === 'ViewingChanged')).toBe(false)
    const asBuyer = (await world.gw.post<{ errors?: { extensions?: { code?: string } }[] }>(SET, { input: { conversationId: conversation, viewing: true } }, world.as('maya'))).body
    expect(asBuyer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN')
    for (const feed of [teammate, viewer, buyer]) feed.dispose()
  })
})
