// Deleting an account: every text column of the schema is classified (personal-data.ts), and on a
// deleted buyer, a deleted team member and a deleted moderator each personal column is shown to
// be erased, gone with its row, or kept as it was — whichever the list says. The counterpart's
// thread still reads: the messages are there, from "Deleted user".
import { readFileSync } from 'node:fs'
import { ConflictError, type Viewer } from '@rapport/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deleteAccount, erasedEmail } from './deletion.ts'
import { DELETED_USER_NAME } from './limits.ts'
import { NOT_PERSONAL, PERSONAL_COLUMNS } from './personal-data.ts'
import { createWorld, DEMO_PASSWORD, type World } from './test-support.ts'

let w: World
beforeAll(async () => {
  w = await createWorld()
})
afterAll(() => w.close())

/** Every String, String[] and Json column of schema.prisma except ids and uuid keys. */
function textColumns(): string[] {
  const schema = readFileSync(new URL('../../../prisma/schema.prisma', import.meta.url), 'utf8')
  const columns: string[] = []
  for (const [, model, body] of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm))
    for (const line of body!.split('\n')) {
      const m = /^\s+(\w+)\s+(String|Json)(\?|\[\])?(\s|$)/.exec(line)
      if (m && !line.includes('@db.Uuid') && !line.includes('@id')) columns.push(`${model}.${m[1]}`)
    }
  return columns.sort()
}

describe('the list of personal columns', () => {
  it('classifies every text column of the schema, once', () => {
    const listed = [...Object.keys(PERSONAL_COLUMNS), ...Object.keys(NOT_PERSONAL)]
    expect(new Set(listed).size).toBe(listed.length)
    const extra = Object.keys(PERSONAL_COLUMNS).filter((c) => !textColumns().includes(c))
    expect(textColumns().filter((c) => !listed.includes(c))).toEqual([])
    // Personal columns of other types (a time, a flag) are listed too; each must exist.
    const schema = readFileSync(new URL('../../../prisma/schema.prisma', import.meta.url), 'utf8')
    for (const c of extra) {
      const [model, field] = c.split('.')
      expect(schema, c).toMatch(new RegExp(`^model ${model} \\{[^}]*^\\s+${field}\\s`, 'm'))
    }
  })
})

type Snapshot = Record<string, (string | null)[]>
/** Each personal column's values on the person's rows ($1 their id, $2 their email). */
async function snapshot(userId: string, email: string): Promise<Snapshot> {
  const out: Snapshot = {}
  for (const [column, { rows }] of Object.entries(PERSONAL_COLUMNS)) {
    const [model, field] = column.split('.')
    const found = await w.db.prisma.$queryRawUnsafe<{ v: string | null }[]>(
      // Both parameters are bound on every query, used or not.
      `SELECT "${field}"::text AS v FROM "${model}" WHERE (${rows}) AND $1::text IS NOT NULL AND $2::text IS NOT NULL ORDER BY 1`,
      userId,
      email,
    )
    out[column] = found.map((r) => r.v)
  }
  return out
}

describe('deleting an account', () => {
  let maya: Viewer
  const people: { who: string; userId: string; email: string; before?: Snapshot; after?: Snapshot }[] = []

  beforeAll(async () => {
    maya = await w.viewer('maya.lindqvist@example.com')
    const tiago = await w.viewer('tiago@olive-oak.example')
    const priscila = await w.viewer('priscila@rapport.example')
    const p = w.db.prisma
    // What the seed lacks for each of them: a session, a file, a reaction, a masked message's
    // original, a feed, settings, emails, a question, an answer, a report, an invitation to her
    // address; Tiago's note, key and partner; Priscila's logged opening with her address.
    const conversation = await p.conversation.findFirstOrThrow({ where: { buyerId: maya.buyerId!, supplier: { slug: 'olive-oak' } }, include: { messages: { where: { authorId: maya.userId }, take: 1 } } })
    const mine = conversation.messages[0]!
    const product = await p.product.findFirstOrThrow()
    for (const v of [maya, tiago, priscila]) {
      await p.user.update({ where: { id: v.userId }, data: { lastSeenAt: new Date() } })
      await p.session.create({ data: { userId: v.userId, tokenHash: `hash-${v.userId}`, userAgent: 'Firefox', ip: '192.0.2.7', expiresAt: new Date(Date.now() + 86_400_000) } })
    }
    await p.message.update({ where: { id: mine.id }, data: { originalBody: `${mine.body} (call me on +46 70 123 45 67)` } })
    const file = await p.messageAttachment.create({ data: { uploaderId: maya.userId, messageId: mine.id, fileName: 'receipt.pdf', contentType: 'application/pdf', byteSize: 4, sha256: 'x', storageKey: 'k-receipt.pdf' } })
    await w.store.put(file.storageKey, Buffer.from('%PDF'))
    await p.messageReaction.create({ data: { messageId: mine.id, userId: maya.userId, emoji: '👍' } })
    await p.notification.create({ data: { userId: maya.userId, kind: 'NEW_FOLLOWER', payload: { text: 'hello' } } })
    await p.notificationPreference.create({ data: { userId: maya.userId, kind: 'SUPPLIER_UPDATE', channel: 'EMAIL', enabled: false } })
    await p.emailToken.create({ data: { token: 'tok-maya', userId: maya.userId, kind: 'NEW_MESSAGE' } })
    await p.emailLog.create({ data: { userId: maya.userId, kind: 'NEW_MESSAGE', subject: 'Ana replied', messageId: '<1@x>' } })
    await p.unreadEmailMark.create({ data: { userId: maya.userId, conversationId: conversation.id, emailedThroughSequence: 1 } })
    const question = await p.productQuestion.create({ data: { productId: product.id, askerId: maya.userId, body: 'Does it keep?' } })
    await p.productAnswer.create({ data: { questionId: question.id, authorId: maya.userId, body: 'Mine did.' } })
    await p.flag.create({ data: { reporterId: maya.userId, targetType: 'MESSAGE', targetId: mine.id, reason: 'SPAM', details: 'a link' } })
    await p.idempotencyRecord.create({ data: { scope: `user:${maya.userId}`, key: 'k1', requestHash: 'h', response: { ok: true }, expiresAt: new Date(Date.now() + 86_400_000) } })
    await p.dataExport.create({ data: { userId: maya.userId, status: 'READY', storageKey: 'maya-export.zip', expiresAt: new Date(Date.now() + 86_400_000) } })
    await p.reviewInvitation.upsert({
      where: { orderId: (await p.order.findFirstOrThrow({ where: { buyerId: maya.buyerId!, status: 'DELIVERED' } })).id },
      create: { orderId: (await p.order.findFirstOrThrow({ where: { buyerId: maya.buyerId!, status: 'DELIVERED' } })).id, buyerId: maya.buyerId! },
      update: {},
    })
    const oliveOak = tiago.memberships[0]!
    await p.supplierInvitation.create({ data: { supplierId: oliveOak.supplierId, email: maya.email, tokenHash: 'inv-maya', invitedById: tiago.userId, expiresAt: new Date(Date.now() + 86_400_000) } })
    await p.internalNote.create({ data: { conversationId: conversation.id, sequence: 1, authorId: oliveOak.memberId, body: 'She prefers email.' } })
    await p.supplierMember.update({ where: { id: oliveOak.memberId }, data: { title: 'Tiago at Olive & Oak' } })
    await p.conversation.update({ where: { id: conversation.id }, data: { assigneeId: oliveOak.memberId } })
    const partner = await p.partner.create({ data: { name: 'Olive & Oak tools', contactEmail: tiago.email, createdById: tiago.userId } })
    await p.apiKey.create({ data: { partnerId: partner.id, createdById: tiago.userId, name: 'sync', prefix: 'rpk_t', secretHash: 'h', scopes: [], lastUsedIp: '192.0.2.9' } })
    await p.accessLog.create({ data: { actorId: priscila.userId, conversationId: conversation.id, targetType: 'CONVERSATION', targetId: conversation.id, reason: 'support request: T-9', ip: '192.0.2.1' } })
    for (const [who, v] of [['maya', maya], ['tiago', tiago], ['priscila', priscila]] as const) people.push({ who, userId: v.userId, email: v.email, before: await snapshot(v.userId, v.email) })

    for (const person of people) {
      const deps = w.deletionDeps()
      const out = await deleteAccount(deps, await w.viewer(person.email), { password: DEMO_PASSWORD })
      expect(out.sessionIds).toHaveLength(1)
      if (person.who === 'tiago') expect(out.unassigned.map((c) => c.id)).toEqual([conversation.id])
      // The files' removal is enqueued with the deletion (the job deletes the bytes).
      if (person.who === 'maya') expect(deps.removals).toEqual([[file.storageKey, 'maya-export.zip']])
      person.after = await snapshot(person.userId, person.email)
    }
  })

  it.each(Object.entries(PERSONAL_COLUMNS))('%s: as the list says', (column, { fate, mayBeAbsent }) => {
    const before = people.flatMap((p) => p.before![column]!)
    const after = people.flatMap((p) => p.after![column]!)
    // The test's people have data in the column, so its fate is really shown.
    if (!mayBeAbsent) expect(before.filter((v) => v !== null).length, `${column} has no data to prove anything on`).toBeGreaterThan(0)
    if (fate === 'row deleted') expect(after).toEqual([])
    if (fate === 'kept') expect(after).toEqual(before)
    if (fate === 'erased') {
      expect(after).toHaveLength(before.length)
      for (const value of after) expect(before.filter((b) => b !== null)).not.toContain(value)
    }
  })

  it('leaves the counterpart’s thread readable, from "Deleted user"', async () => {
    const thread = await w.db.prisma.message.findMany({ where: { conversation: { buyerId: maya.buyerId!, supplier: { slug: 'olive-oak' } } }, include: { author: true }, orderBy: { sequence: 'asc' } })
    const hers = thread.filter((m) => m.authorId === maya.userId)
    expect(hers.length).toBeGreaterThan(0)
    for (const m of hers) expect(m).toMatchObject({ author: { displayName: DELETED_USER_NAME }, originalBody: null })
    expect(hers.every((m) => m.body.length > 0)).toBe(true)
    const buyer = await w.db.prisma.buyer.findUniqueOrThrow({ where: { id: maya.buyerId! } })
    expect(buyer).toMatchObject({ displayName: DELETED_USER_NAME, location: null })
    const user = await w.db.prisma.user.findUniqueOrThrow({ where: { id: maya.userId } })
    expect(user).toMatchObject({ email: erasedEmail(maya.userId), passwordHash: '', displayName: DELETED_USER_NAME, lastSeenAt: null })
    expect(user.deletedAt).not.toBeNull()
    // Her reviews stay, anonymous; her questions turn anonymous.
    expect(await w.db.prisma.review.count({ where: { buyerId: maya.buyerId!, status: 'PUBLISHED' } })).toBeGreaterThan(0)
    expect(await w.db.prisma.productQuestion.count({ where: { askerId: maya.userId, anonymous: false } })).toBe(0)
  })

  it('ends the memberships and revokes the keys of a team member', async () => {
    const tiago = people.find((p) => p.who === 'tiago')!
    expect(await w.db.prisma.supplierMember.count({ where: { userId: tiago.userId, removedAt: null } })).toBe(0)
    expect(await w.db.prisma.apiKey.count({ where: { createdById: tiago.userId, revokedAt: null } })).toBe(0)
  })
})

describe('deleting an account is refused', () => {
  it('with a wrong password, changing nothing', async () => {
    const james = await w.viewer('james.whitfield@example.com')
    const before = await w.db.prisma.user.findUniqueOrThrow({ where: { id: james.userId } })
    await expect(deleteAccount(w.deletionDeps(), james, { password: 'not-it' })).rejects.toThrow('password')
    await expect(deleteAccount(w.deletionDeps(), james, { password: '' })).rejects.toThrow('Enter your password')
    expect(await w.db.prisma.user.findUniqueOrThrow({ where: { id: james.userId } })).toEqual(before)
  })

  it('for a supplier’s last owner, changing nothing', async () => {
    const ana = await w.viewer('ana@olive-oak.example')
    const before = await snapshot(ana.userId, ana.email)
    await expect(deleteAccount(w.deletionDeps(), ana, { password: DEMO_PASSWORD })).rejects.toBeInstanceOf(ConflictError)
    await expect(deleteAccount(w.deletionDeps(), ana, { password: DEMO_PASSWORD })).rejects.toThrow('last owner of Olive & Oak')
    expect(await snapshot(ana.userId, ana.email)).toEqual(before)
  })

  it('twice', async () => {
    const priya = await w.viewer('priya.raman@example.com')
    const deps = w.deletionDeps()
    await deleteAccount(deps, priya, { password: DEMO_PASSWORD })
    // The second finds the password no longer matches (it was erased with the account).
    await expect(deleteAccount(deps, priya, { password: DEMO_PASSWORD })).rejects.toThrow('password')
  })
})
