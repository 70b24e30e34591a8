// The unread-message email end to end: a message sent through the API enqueues its check in the
// send's transaction; the gateway's worker emails it to a real SMTP peer once the (shortened)
// delay has passed; a message read first sends nothing; two gateways with workers on one
// PostgreSQL still send exactly one; the email's one-click unsubscribe (POST, no cookie) turns
// the email off.
import { randomUUID } from 'node:crypto'
import { encodeGlobalID } from '@pothos/plugin-relay'
import { startSmtpPeer } from '@rapport/notifications/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useReviewWorld, type Result } from './review-testing.ts'
import { startTestGateway, type TestGateway } from './testing.ts'

const POSTGRES = process.env.DATABASE_URL?.startsWith('postgres')
const SEND = `mutation($input: SendMessageInput!) { sendMessage(input: $input) { __typename ... on SendMessagePayload { sentMessage { sequence } } ... on Error { message } } }`
const READ = `mutation($input: MarkReadInput!) { markRead(input: $input) { __typename } }`
const DELAY_MINUTES = 0.02 // 1.2 s


const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
async function until(check: () => boolean, what: string, ms = 20_000) {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await sleep(50)
  }
}

describe('the unread-message email over the wire', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpPeer>>
  let second: TestGateway | undefined
  const email = () => ({ smtpUrl: smtp.url, unreadDelayMinutes: DELAY_MINUTES, apiOrigin: 'http://api.rapport.test', webOrigin: 'http://rapport.test' })
  const world = useReviewWorld({
    people: { maya: { email: 'maya@example.com', name: 'Maya', buyer: true }, ana: { email: 'ana@kiln.example', name: 'Ana', agent: true } },
    gateway: async (db) => {
      smtp = await startSmtpPeer()
      return startTestGateway(db, { email: email() })
    },
  })
  let conversationGid: string
  let clientSeq = 0
  const send = async (body: string, gw: TestGateway = world.gw) => {
    const res = await gw.post<Result<{ sendMessage: { __typename: string; sentMessage: { sequence: number } } }>>(
      SEND,
      { input: { conversationId: conversationGid, body, clientMessageId: `c-${clientSeq++}-${randomUUID()}` } },
      world.as('ana'),
    )
    expect(res.body.data?.sendMessage.__typename, JSON.stringify(res.body)).toBe('SendMessagePayload')
    return res.body.data!.sendMessage.sentMessage.sequence
  }
  const toMaya = () => smtp.received.filter((m) => m.to === 'maya@example.com')

  beforeAll(async () => {
    const c = await world.db.prisma.conversation.create({ data: { buyerId: world.people.maya.buyerId, supplierId: world.supplier.id, subject: 'Lid size' } })
    conversationGid = encodeGlobalID('Conversation', c.id)
  })
  afterAll(async () => {
    await second?.close()
    await smtp?.close()
  })

  it('emails a message left unread past the delay, once, with a link to the conversation', async () => {
    await send('The lid is 9 cm across.')
    await send('It fits the small jar too.')
    await until(() => toMaya().length === 1, 'the email')
    const mail = toMaya()[0]!
    expect(mail.raw).toContain('Subject: 2 unread messages from Ana (Kiln)')
    expect(mail.raw).toContain('The lid is 9 cm across.')
    expect(mail.raw).toContain(`http://rapport.test/conversations/${encodeURIComponent(conversationGid)}`)
    // Longer than the delay again: nothing more goes out for the same messages.
    await sleep(3000)
    expect(toMaya()).toHaveLength(1)
  })

  it('sends nothing for a message read before the delay', async () => {
    const sequence = await send('Shall I add a second lid?')
    const read = await world.gw.post<Result<{ markRead: { __typename: string } }>>(READ, { input: { conversationId: conversationGid, sequence } }, world.as('maya'))
    expect(read.body.data?.markRead.__typename).toBe('Conversation')
    await sleep(DELAY_MINUTES * 60_000 + 3000)
    expect(toMaya()).toHaveLength(1)
  })

  it.runIf(POSTGRES)('sends exactly one email with two gateways working the same queue', async () => {
    second = await startTestGateway(world.db, { email: email() })
    await send('From gateway one.')
    await send('From gateway two.', second)
    await send('And one more from one.')
    await until(() => toMaya().length === 2, 'the second email')
    await sleep(3000)
    expect(toMaya()).toHaveLength(2)
    const mail = toMaya()[1]!
    for (const body of ['From gateway one.', 'From gateway two.', 'And one more from one.']) expect(mail.raw).toContain(body)
  })

  it('turns the email off with the one-click POST (no cookie), and sends none after', async () => {
    const link = /List-Unsubscribe: <http:\/\/api\.rapport\.test(\/unsubscribe\/[\w-]+)>/.exec(toMaya()[0]!.raw)![1]!
    expect(toMaya()[0]!.raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click')
    const res = await fetch(world.gw.url.replace(/\/graphql$/, link), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ unsubscribed: 'NEW_MESSAGE' })
    const before = toMaya().length
    await send('Are you there?')
    await sleep(DELAY_MINUTES * 60_000 + 3000)
    expect(toMaya()).toHaveLength(before)
    const prefs = await world.gw.post<Result<{ notificationPreferences: { kind: string; channel: string; enabled: boolean }[] }>>(
      '{ notificationPreferences { kind channel enabled } }',
      {},
      world.as('maya'),
    )
    expect(prefs.body.data?.notificationPreferences.find((p) => p.kind === 'NEW_MESSAGE' && p.channel === 'EMAIL')?.enabled).toBe(false)
  })
})
