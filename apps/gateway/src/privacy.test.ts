// A person's data over the wire, on the demo marketplace: the archive is asked for, built by the
// gateway's own job worker, announced by email and downloaded once over REST; deleting the account
// asks for the password again, ends every open socket at once, and leaves the supplier's thread
// readable, from "Deleted user".
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { systemClock } from '@rapport/core'
import { DEMO_PASSWORD, seed } from '@rapport/db/seed'
import { createTestDb, type TestDb } from '@rapport/db/testing'
import { createSession, hashPassword } from '@rapport/identity'
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { encodeGlobalID } from '@pothos/plugin-relay'
import { startTestGateway, wsExecute, type TestGateway } from './testing.ts'

type Result<T> = { data?: T; errors?: { message: string }[] }
const EXPORTS = '{ viewer { dataExports { id status expiresAt byteSize downloadPath } } }'
const REQUEST = 'mutation { requestDataExport { __typename ... on DataExport { id status } ... on Error { message } } }'
const DELETE = `mutation($password: String!) { deleteAccount(input: { password: $password }) {
  __typename ... on DeleteAccountPayload { deleted } ... on Error { message }
} }`
type Export = { id: string; status: string; expiresAt: string | null; byteSize: number | null; downloadPath: string | null }

let db: TestDb
let gw: TestGateway
let mailDir: string
const tokens: Record<'maya' | 'ana' | 'tiago', string> = { maya: '', ana: '', tiago: '' }
const as = (who: keyof typeof tokens) => ({ authorization: `Bearer ${tokens[who]}` })

beforeAll(async () => {
  db = await createTestDb()
  await seed(db.prisma, { hashPassword })
  mailDir = path.join(await import('node:os').then((os) => os.tmpdir()), `rapport-privacy-mail-${process.pid}-${Date.now()}`)
  gw = await startTestGateway(db, { email: { mailDir } })
  for (const [who, email] of [['maya', 'maya.lindqvist@example.com'], ['ana', 'ana@olive-oak.example'], ['tiago', 'tiago@olive-oak.example']] as const) {
    const u = await db.prisma.user.findUniqueOrThrow({ where: { email } })
    tokens[who] = (await createSession({ db: db.prisma, clock: systemClock }, u.id)).token
  }
})
afterAll(async () => {
  await gw?.close()
  await db?.drop()
})

const exportsOf = async (who: keyof typeof tokens) => (await gw.post<Result<{ viewer: { dataExports: Export[] } }>>(EXPORTS, {}, as(who))).body.data!.viewer.dataExports

describe('a data archive over the API', () => {
  it('is built by a job, announced by email, and downloads once', async () => {
    const asked = (await gw.post<Result<{ requestDataExport: Export }>>(REQUEST, {}, as('maya'))).body.data!.requestDataExport
    expect(asked).toMatchObject({ __typename: 'DataExport', status: 'PENDING' })
    await vi.waitFor(async () => expect((await exportsOf('maya'))[0]?.status).toBe('READY'), { timeout: 30_000, interval: 200 })
    const [ready] = await exportsOf('maya')
    expect(ready).toMatchObject({ id: asked.id, byteSize: expect.any(Number) })
    expect(Date.parse(ready!.expiresAt!)).toBeGreaterThan(Date.now())

    // The email, once, with a link to the page that downloads it.
    const log = await db.prisma.emailLog.findMany({ where: { kind: 'DATA_EXPORT_READY' } })
    expect(log).toHaveLength(1)
    const mail = readdirSync(mailDir).map((f) => readFileSync(path.join(mailDir, f), 'utf8')).find((m) => m.includes('Your Rapport data is ready'))!
    expect(mail).toContain('To: maya.lindqvist@example.com')
    expect(mail).toContain('/settings/data')

    // Only its owner; then once.
    const url = `${gw.url.replace(/\/graphql$/, '')}${ready!.downloadPath}`
    expect((await fetch(url, { headers: as('ana') })).status).toBe(404)
    expect((await fetch(url)).status).toBe(401)
    const res = await fetch(url, { headers: as('maya') })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/zip')
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="rapport-data-\d{4}-\d\d-\d\d\.zip"$/)
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()))
    const account = JSON.parse(strFromU8(files['account.json']!)) as { email: string }[]
    expect(account[0]!.email).toBe('maya.lindqvist@example.com')
    expect(JSON.parse(strFromU8(files['conversations.json']!)).length).toBeGreaterThan(2)
    const again = await fetch(url, { headers: as('maya') })
    expect(again.status).toBe(404)
    expect(await again.json()).toMatchObject({ error: { message: 'This archive was already downloaded; ask for a new one.' } })
    expect((await exportsOf('maya'))[0]).toMatchObject({ status: 'DOWNLOADED', downloadPath: null })
  })
})

describe('deleting an account over the API', () => {
  it('refuses a wrong password, and a supplier’s last owner, changing nothing', async () => {
    const wrong = (await gw.post<Result<{ deleteAccount: Record<string, unknown> }>>(DELETE, { password: 'not it' }, as('maya'))).body.data!.deleteAccount
    expect(wrong).toEqual({ __typename: 'InvalidCredentialsError', message: 'That password is not right.' })
    const owner = (await gw.post<Result<{ deleteAccount: Record<string, unknown> }>>(DELETE, { password: DEMO_PASSWORD }, as('ana'))).body.data!.deleteAccount
    expect(owner).toMatchObject({ __typename: 'ConflictError', message: expect.stringContaining('last owner of Olive & Oak') })
    expect(await db.prisma.user.count({ where: { deletedAt: { not: null } } })).toBe(0)
  })

  it('ends her open sockets at once, and her thread reads "Deleted user" for the supplier', async () => {
    const socket = gw.wsClient({ connectionParams: { authToken: tokens.maya }, lazy: false })
    expect((await wsExecute<{ viewer: { user: { displayName: string } } }>(socket, '{ viewer { user { displayName } } }')).data!.viewer.user.displayName).toBe('Maya Lindqvist')
    const closed = new Promise<number>((resolve) => socket.on('closed', (e) => resolve((e as { code: number }).code)))

    const out = (await gw.post<Result<{ deleteAccount: Record<string, unknown> }>>(DELETE, { password: DEMO_PASSWORD }, as('maya'))).body.data!.deleteAccount
    expect(out).toEqual({ __typename: 'DeleteAccountPayload', deleted: true })
    expect(await closed).toBe(4403)
    expect((await gw.post<Result<{ viewer: unknown }>>('{ viewer { user { displayName } } }', {}, as('maya'))).body.data!.viewer).toBeNull()
    const signIn = await gw.post<Result<{ signIn: { __typename: string } }>>(
      'mutation($input: SignInInput!) { signIn(input: $input) { __typename } }',
      { input: { email: 'maya.lindqvist@example.com', password: DEMO_PASSWORD } },
    )
    expect(signIn.body.data!.signIn.__typename).toBe('InvalidCredentialsError')

    // The supplier's team still reads the conversation: her words, from "Deleted user".
    const conversation = await db.prisma.conversation.findFirstOrThrow({ where: { subject: 'Keeping the 3 l tin fresh' } })
    const thread = await gw.post<Result<{ conversation: { buyer: { displayName: string }; messages: { edges: { node: { body: string; author: { side: string; displayName: string } } }[] } } }>>(
      'query($id: ID!) { conversation(id: $id) { buyer { displayName } messages(last: 20) { edges { node { body author { side displayName } } } } } }',
      { id: encodeGlobalID('Conversation', conversation.id) },
      as('tiago'),
    )
    const view = thread.body.data!.conversation
    expect(view.buyer.displayName).toBe('Deleted user')
    const hers = view.messages.edges.map((e) => e.node).filter((m) => m.author.side === 'BUYER')
    expect(hers.length).toBeGreaterThan(0)
    for (const m of hers) expect(m.author.displayName).toBe('Deleted user')
    expect(hers[0]!.body).toMatch(/\w/)
  })
})
