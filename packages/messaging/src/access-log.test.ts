import { NotFoundError } from '@rapport/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { conversationAccessLog } from './access-log.ts'
import { startConversation } from './start-conversation.ts'
import { cid, createWorld, type World } from './test-support.ts'

let w: World
let conversationId: string
const row = () => w.db.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })
const FLAG = '0190a0a0-1234-7000-8000-000000000001'

beforeAll(async () => {
  w = await createWorld()
  const out = await startConversation(w.deps, w.buyer, { supplierId: w.supplierId, productId: w.productId, body: 'Hello', clientMessageId: cid() })
  conversationId = out.conversationId
  const priscila = await w.db.prisma.user.create({ data: { email: 'priscila@rapport.example', displayName: 'Priscila', passwordHash: 'x', platformRole: 'MODERATOR' } })
  await w.db.prisma.accessLog.create({
    data: { actorId: priscila.id, conversationId, targetType: 'CONVERSATION', targetId: conversationId, reason: `report #${FLAG}`, createdAt: new Date('2026-11-24T09:30:00Z') },
  })
})
afterAll(() => w.db.drop())

describe('the access log of a conversation', () => {
  it('shows both parties who at the platform opened it, when, and why', async () => {
    const expected = [{ actorName: 'Priscila', actorRole: 'MODERATOR', reason: 'a report (#0190a0a0)', reportId: FLAG, at: new Date('2026-11-24T09:30:00Z') }]
    expect(await conversationAccessLog(w.db.prisma, w.buyer, await row())).toMatchObject(expected)
    expect(await conversationAccessLog(w.db.prisma, w.agent, await row())).toMatchObject(expected)
  })

  it('is not found for anyone else', async () => {
    await expect(conversationAccessLog(w.db.prisma, w.otherBuyer, await row())).rejects.toBeInstanceOf(NotFoundError)
    await expect(conversationAccessLog(w.db.prisma, w.stranger, await row())).rejects.toBeInstanceOf(NotFoundError)
  })
})

describe('the access log itself', () => {
  it('cannot be edited or removed by anyone (a trigger in the database)', async () => {
    const entry = await w.db.prisma.accessLog.findFirstOrThrow({ where: { conversationId } })
    await expect(w.db.prisma.accessLog.update({ where: { id: entry.id }, data: { reason: 'nothing to see' } })).rejects.toThrow('append-only')
    await expect(w.db.prisma.accessLog.update({ where: { id: entry.id }, data: { createdAt: new Date('2020-01-01T00:00:00Z') } })).rejects.toThrow('append-only')
    await expect(w.db.prisma.accessLog.delete({ where: { id: entry.id } })).rejects.toThrow('append-only')
    await expect(w.db.prisma.$executeRawUnsafe(`DELETE FROM "AccessLog"`)).rejects.toThrow('append-only')
    expect(await w.db.prisma.accessLog.findUniqueOrThrow({ where: { id: entry.id } })).toEqual(entry)
  })

  it('outlives a deleted conversation (the database clears only the link)', async () => {
    const other = await startConversation(w.deps, w.buyer, { supplierId: w.supplierId, productId: w.productId, body: 'Another', clientMessageId: cid() })
    const actor = await w.db.prisma.user.findFirstOrThrow({ where: { platformRole: 'MODERATOR' } })
    const entry = await w.db.prisma.accessLog.create({ data: { actorId: actor.id, conversationId: other.conversationId, targetType: 'CONVERSATION', targetId: other.conversationId, reason: 'legal request: case 7' } })
    await w.db.prisma.conversation.delete({ where: { id: other.conversationId } })
    expect(await w.db.prisma.accessLog.findUniqueOrThrow({ where: { id: entry.id } })).toEqual({ ...entry, conversationId: null })
  })
})
