// The export of a seeded buyer holds every row about her: each kind is compared with a query
// written here, straight against the tables, and every table that points at a person must be
// in the archive or be left out for a stated reason.
import { readFileSync } from 'node:fs'
import { uploadAttachment } from '@rapport/messaging'
import { accessReason, ConflictError, NotFoundError, type Viewer } from '@rapport/core'
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXPORT_KINDS } from './collect.ts'
import { buildDataExport, expireDataExport, listDataExports, requestDataExport, takeDataExport } from './exports.ts'
import { PRIVACY_LIMITS } from './limits.ts'
import { createWorld, type World } from './test-support.ts'

let w: World
let maya: Viewer
let archive: Record<string, Uint8Array>
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64')

beforeAll(async () => {
  w = await createWorld()
  maya = await w.viewer('maya.lindqvist@example.com')
  const conversation = await w.db.prisma.conversation.findFirstOrThrow({ where: { buyerId: maya.buyerId! }, include: { messages: { take: 1 } } })
  const message = conversation.messages[0]!
  const priscila = await w.viewer('priscila@rapport.example')
  // What the seed lacks: a session, a file she sent, a reaction, a notification, an email, a
  // report she filed, a question and an answer she wrote, and a moderator's opening of her conversation.
  const p = w.db.prisma
  await p.session.create({ data: { userId: maya.userId, tokenHash: 'hash-1', userAgent: 'Firefox', ip: '192.0.2.7', expiresAt: new Date(Date.now() + 86_400_000) } })
  const file = await uploadAttachment({ db: p, store: w.store }, maya, { fileName: 'crack.png', bytes: PNG })
  await p.messageAttachment.update({ where: { id: file.id }, data: { messageId: message.id } })
  await p.messageReaction.create({ data: { messageId: message.id, userId: maya.userId, emoji: '👍' } })
  await p.notification.create({ data: { userId: maya.userId, kind: 'NEW_FOLLOWER', payload: { text: 'hello' } } })
  await p.notificationPreference.create({ data: { userId: maya.userId, kind: 'SUPPLIER_UPDATE', channel: 'EMAIL', enabled: false } })
  await p.emailLog.create({ data: { userId: maya.userId, kind: 'NEW_MESSAGE', subject: 'Ana replied' } })
  await p.flag.create({ data: { reporterId: maya.userId, targetType: 'MESSAGE', targetId: message.id, reason: 'SPAM', details: 'a link' } })
  const product = await p.product.findFirstOrThrow()
  const question = await p.productQuestion.create({ data: { productId: product.id, askerId: maya.userId, body: 'Does it keep?' } })
  await p.productAnswer.create({ data: { questionId: question.id, authorId: maya.userId, body: 'Mine did.' } })
  await p.accessLog.create({ data: { actorId: priscila.userId, conversationId: conversation.id, targetType: 'CONVERSATION', targetId: conversation.id, reason: accessReason.request('SUPPORT_REQUEST', 'T-1') } })

  const deps = w.exportDeps()
  const requested = await requestDataExport(deps, maya)
  expect(deps.enqueued).toEqual([requested.id])
  const built = await w.db.prisma.$transaction((tx) => buildDataExport(w, tx, requested.id))
  expect(built).toMatchObject({ userId: maya.userId, email: maya.email })
  const { bytes } = await takeDataExport(w.exportDeps(), maya, requested.id)
  archive = unzipSync(bytes)
})
afterAll(() => w.close())

const json = (kind: string) => JSON.parse(strFromU8(archive[`${kind}.json`]!)) as Record<string, unknown>[]
const ids = (rows: Record<string, unknown>[], key = 'id') => rows.map((r) => String(r[key])).sort()
async function query(sql: string, ...values: unknown[]): Promise<string[]> {
  const rows = await w.db.prisma.$queryRawUnsafe<{ id: string }[]>(sql, ...values)
  return rows.map((r) => String(r.id)).sort()
}
const BUYER = `(SELECT id FROM "Buyer" WHERE "userId" = $1::uuid)`
const HERS = `(SELECT id FROM "Conversation" WHERE "buyerId" IN ${BUYER})`

/**
 * Every table with a foreign key to a person (User, Buyer, SupplierMember): where its rows go in
 * the archive, and the query that finds hers. A table missing here fails the completeness test.
 */
const TABLES: Record<string, { kind: string; sql: string; key?: string } | { leftOut: string }> = {
  'Session.userId': { kind: 'sessions', sql: `SELECT id FROM "Session" WHERE "userId" = $1::uuid` },
  'Buyer.userId': { kind: 'account', sql: `SELECT "userId" AS id FROM "Buyer" WHERE "userId" = $1::uuid` },
  'SupplierMember.userId': { kind: 'memberships', sql: `SELECT id FROM "SupplierMember" WHERE "userId" = $1::uuid` },
  'SupplierInvitation.invitedById': { kind: 'invitations-sent', sql: `SELECT id FROM "SupplierInvitation" WHERE "invitedById" = $1::uuid` },
  'Relationship.buyerId': { kind: 'relationships', sql: `SELECT id FROM "Relationship" WHERE "buyerId" IN ${BUYER}` },
  'Order.buyerId': { kind: 'orders', sql: `SELECT id FROM "Order" WHERE "buyerId" IN ${BUYER}` },
  'Conversation.buyerId': { kind: 'conversations', sql: `SELECT id FROM "Conversation" WHERE "buyerId" IN ${BUYER}` },
  'Conversation.assigneeId': { leftOut: 'the supplier’s conversations, assigned to a team member: the team’s, not the person’s' },
  'Message.authorId': { kind: 'messages-written', sql: `SELECT id FROM "Message" WHERE "authorId" = $1::uuid AND "conversationId" NOT IN ${HERS}` },
  'InternalNote.authorId': { kind: 'internal-notes-written', sql: `SELECT n.id FROM "InternalNote" n JOIN "SupplierMember" m ON m.id = n."authorId" WHERE m."userId" = $1::uuid` },
  'MessageAttachment.uploaderId': { kind: 'attachments', sql: `SELECT id FROM "MessageAttachment" WHERE "uploaderId" = $1::uuid` },
  'MessageReaction.userId': { kind: 'reactions', sql: `SELECT id FROM "MessageReaction" WHERE "userId" = $1::uuid` },
  'ReadPosition.userId': { kind: 'read-positions', sql: `SELECT id FROM "ReadPosition" WHERE "userId" = $1::uuid` },
  'SavedReply.createdById': { kind: 'saved-replies-written', sql: `SELECT id FROM "SavedReply" WHERE "createdById" = $1::uuid` },
  'Review.buyerId': { kind: 'reviews', sql: `SELECT id FROM "Review" WHERE "buyerId" IN ${BUYER}` },
  'ReviewInvitation.buyerId': { kind: 'review-invitations', key: 'orderId', sql: `SELECT "orderId" AS id FROM "ReviewInvitation" WHERE "buyerId" IN ${BUYER}` },
  'ReviewResponse.authorId': { leftOut: 'the current author of a supplier’s reply; the person’s own words are in review-responses-written' },
  'ReviewResponseVersion.authorId': { kind: 'review-responses-written', sql: `SELECT v.id FROM "ReviewResponseVersion" v JOIN "SupplierMember" m ON m.id = v."authorId" WHERE m."userId" = $1::uuid` },
  'ReviewHelpfulVote.userId': { kind: 'helpful-votes', sql: `SELECT "reviewId" AS id FROM "ReviewHelpfulVote" WHERE "userId" = $1::uuid UNION ALL SELECT "answerId" FROM "ProductAnswerHelpfulVote" WHERE "userId" = $1::uuid` },
  'ProductAnswerHelpfulVote.userId': { leftOut: 'in helpful-votes, with the review votes (queried there)' },
  'ProductQuestion.askerId': { kind: 'questions', sql: `SELECT id FROM "ProductQuestion" WHERE "askerId" = $1::uuid` },
  'ProductAnswer.authorId': { kind: 'answers', sql: `SELECT id FROM "ProductAnswer" WHERE "authorId" = $1::uuid` },
  'PublicQuestionProposal.proposedById': {
    kind: 'public-question-proposals',
    sql: `SELECT id FROM "PublicQuestionProposal" WHERE "conversationId" IN ${HERS} OR "proposedById" IN (SELECT id FROM "SupplierMember" WHERE "userId" = $1::uuid)`,
  },
  'Flag.reporterId': { kind: 'reports-filed', sql: `SELECT id FROM "Flag" WHERE "reporterId" = $1::uuid` },
  'ModerationDecision.moderatorId': { kind: 'moderation-decisions-taken', sql: `SELECT id FROM "ModerationDecision" WHERE "moderatorId" = $1::uuid` },
  'AccessLog.actorId': { kind: 'staff-access-taken', sql: `SELECT id FROM "AccessLog" WHERE "actorId" = $1::uuid` },
  'Follow.buyerId': { kind: 'follows', sql: `SELECT id FROM "Follow" WHERE "buyerId" IN ${BUYER}` },
  'SupplierUpdate.authorId': { kind: 'supplier-updates-written', sql: `SELECT u.id FROM "SupplierUpdate" u JOIN "SupplierMember" m ON m.id = u."authorId" WHERE m."userId" = $1::uuid` },
  'Notification.userId': { kind: 'notifications', sql: `SELECT id FROM "Notification" WHERE "userId" = $1::uuid` },
  'NotificationPreference.userId': { kind: 'notification-preferences', sql: `SELECT id FROM "NotificationPreference" WHERE "userId" = $1::uuid` },
  'UnreadEmailMark.userId': { leftOut: 'bookkeeping of how far unread-message emails went (the emails are in emails)' },
  'EmailToken.userId': { leftOut: 'secrets: the keys of one-click unsubscribe links' },
  'EmailLog.userId': { kind: 'emails', sql: `SELECT id FROM "EmailLog" WHERE "userId" = $1::uuid` },
  'Partner.createdById': { kind: 'partners-created', sql: `SELECT id FROM "Partner" WHERE "createdById" = $1::uuid` },
  'ApiKey.createdById': { kind: 'api-keys-created', sql: `SELECT id FROM "ApiKey" WHERE "createdById" = $1::uuid` },
  'DataExport.userId': { kind: 'data-exports', sql: `SELECT id FROM "DataExport" WHERE "userId" = $1::uuid` },
}

/** The schema's foreign keys to a person's rows, read from schema.prisma. */
function personLinks(): string[] {
  const schema = readFileSync(new URL('../../../prisma/schema.prisma', import.meta.url), 'utf8')
  const links: string[] = []
  for (const [, model, body] of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm))
    for (const [, type, fields] of body!.matchAll(/^\s+\w+\s+(User|Buyer|SupplierMember)\??\s+@relation\((?:"\w+",\s*)?fields: \[(\w+)\]/gm)) {
      void type
      links.push(`${model}.${fields}`)
    }
  return links.sort()
}

describe('the export of a seeded buyer', () => {
  it('accounts for every table that points at a person: in the archive, or left out for a reason', () => {
    expect(personLinks()).toEqual(Object.keys(TABLES).sort())
  })

  it.each(Object.entries(TABLES).filter(([, t]) => 'kind' in t) as [string, { kind: string; sql: string; key?: string }][])(
    '%s: the archive holds exactly her rows',
    async (_link, { kind, sql, key }) => {
      const direct = await query(sql, maya.userId)
      const inArchive = kind === 'account' ? [maya.userId] : kind === 'helpful-votes' ? ids(json(kind)) : ids(json(kind), key)
      expect(inArchive).toEqual(kind === 'account' ? direct.filter((id) => id === maya.userId) : direct)
    },
  )

  it('holds every message of her conversations, as she sees them, and the files, byte for byte', async () => {
    const messages = json('conversations').flatMap((c) => c.messages as { id: string }[])
    expect(ids(messages)).toEqual(await query(`SELECT id FROM "Message" WHERE "conversationId" IN ${HERS}`, maya.userId))
    expect(messages.length).toBeGreaterThan(10)
    const files = json('attachments') as { id: string; file: string }[]
    expect(ids(files)).toEqual(
      await query(`SELECT id FROM "MessageAttachment" WHERE "uploaderId" = $1::uuid OR "messageId" IN (SELECT id FROM "Message" WHERE "conversationId" IN ${HERS})`, maya.userId),
    )
    for (const f of files) expect(Buffer.from(archive[f.file]!)).toEqual(PNG)
  })

  it('shows who at Rapport opened her conversations, and why', async () => {
    expect(json('access-log')).toMatchObject([{ actorName: 'Priscila Nunes', actorRole: 'MODERATOR', reason: 'a support request (T-1)' }])
    expect(ids(json('access-log'))).toEqual(await query(`SELECT id FROM "AccessLog" WHERE "conversationId" IN ${HERS}`, maya.userId))
  })

  it('has one file per kind and a README, and no secrets', () => {
    expect(Object.keys(archive).filter((f) => f.endsWith('.json')).sort()).toEqual(EXPORT_KINDS.map((k) => `${k}.json`).sort())
    expect(strFromU8(archive['README.txt']!)).toContain('access log')
    const everything = Object.values(archive).map((b) => Buffer.from(b).toString('latin1')).join('\n')
    expect(everything).not.toMatch(/scrypt\$|tokenHash|secretHash|"hash-1"/)
  })
})

describe('an archive', () => {
  it('downloads once, only for its owner, and only in time', async () => {
    const ana = await w.viewer('ana@olive-oak.example')
    const deps = w.exportDeps()
    const first = await requestDataExport(deps, ana)
    // One at a time: a second request while the first is being built is refused.
    await expect(requestDataExport(deps, ana)).rejects.toBeInstanceOf(ConflictError)
    await expect(takeDataExport(deps, ana, first.id)).rejects.toBeInstanceOf(ConflictError)
    await w.db.prisma.$transaction((tx) => buildDataExport(w, tx, first.id))
    await expect(takeDataExport(deps, maya, first.id)).rejects.toBeInstanceOf(NotFoundError)
    expect((await takeDataExport(deps, ana, first.id)).bytes.length).toBeGreaterThan(100)
    await expect(takeDataExport(deps, ana, first.id)).rejects.toThrow('already downloaded')
    expect((await listDataExports(deps, ana))[0]).toMatchObject({ id: first.id, status: 'DOWNLOADED' })

    const second = await requestDataExport(deps, ana)
    await w.db.prisma.$transaction((tx) => buildDataExport(w, tx, second.id))
    w.clock.advance(PRIVACY_LIMITS.exportDownloadHours * 3_600_000 + 1000)
    expect((await listDataExports(deps, ana))[0]).toMatchObject({ id: second.id, status: 'EXPIRED' })
    await expect(takeDataExport(deps, ana, second.id)).rejects.toThrow('expired')
    expect(await w.db.prisma.$transaction((tx) => expireDataExport(w, tx, second.id))).toBe(true)
    expect(await w.store.get(`${second.id}.zip`)).toBeNull()
  })

  it('is limited to a few a day, and building twice changes nothing', async () => {
    const james = await w.viewer('james.whitfield@example.com')
    const deps = w.exportDeps()
    for (let i = 0; i < PRIVACY_LIMITS.exportsPerDay; i++) {
      const r = await requestDataExport(deps, james)
      expect(await w.db.prisma.$transaction((tx) => buildDataExport(w, tx, r.id))).not.toBeNull()
      expect(await w.db.prisma.$transaction((tx) => buildDataExport(w, tx, r.id))).toBeNull()
    }
    const before = await w.db.prisma.dataExport.count({ where: { userId: james.userId } })
    await expect(requestDataExport(deps, james)).rejects.toThrow(`${PRIVACY_LIMITS.exportsPerDay} archives a day`)
    expect(await w.db.prisma.dataExport.count({ where: { userId: james.userId } })).toBe(before)
  })
})
