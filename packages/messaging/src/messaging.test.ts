import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@rapport/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deleteMessage, editMessage, markRead, react } from './message-actions.ts'
import { MASK } from './masking.ts'
import { listBuyerConversations, listMessages, listSupplierInbox, readPositions, unreadCounts } from './queries.ts'
import { rebuildResponseIntervals, supplierResponseMetrics } from './response-metrics.ts'
import { renderSavedReply, saveReply } from './saved-replies.ts'
import { sendMessage } from './send-message.ts'
import { startConversation } from './start-conversation.ts'
import { assignConversation, confirmResolved, setBlocked, setReceiptsHidden } from './team-inbox.ts'
import { cid, createWorld, type World } from './test-support.ts'

let w: World
beforeAll(async () => {
  w = await createWorld()
})
afterAll(() => w.db.drop())

async function start(body = 'Is the oil from this year’s harvest?') {
  return startConversation(w.deps, w.buyer, { supplierId: w.supplierId, productId: w.productId, body, clientMessageId: cid() })
}

describe('starting a conversation', () => {
  it('stores the first message as sequence 1, opens the wait for the supplier, and announces it after commit', async () => {
    w.events.length = 0
    const out = await start()
    expect(out).toMatchObject({ created: true, message: { sequence: 1, authorSide: 'BUYER', kind: 'TEXT' } })
    const conversation = await w.db.prisma.conversation.findUniqueOrThrow({ where: { id: out.conversationId } })
    expect(conversation).toMatchObject({ status: 'OPEN', lastSequence: 1, lastMessagePreview: 'Is the oil from this year’s harvest?' })
    const open = await w.db.prisma.responseInterval.findMany({ where: { conversationId: out.conversationId } })
    expect(open).toEqual([expect.objectContaining({ awaitedSide: 'SUPPLIER', isFirstResponse: true, answeredAt: null })])
    expect(w.events.map((e) => (e.kind === 'inbox' ? e.event.type : e.event.type))).toEqual(['NEW_CONVERSATION', 'MessageAdded'])
  })

  it('answers retries and concurrent duplicates with the one conversation it created, as a re-read shows it', async () => {
    w.events.length = 0
    const conversations = () => w.db.prisma.conversation.count({ where: { buyerId: w.buyer.buyerId! } })
    const before = await conversations()
    const input = { supplierId: w.supplierId, productId: w.productId, body: 'Do you sell 5 l tins?', clientMessageId: cid() }
    const results = await Promise.all([1, 2, 3].map(() => startConversation(w.deps, w.buyer, input)))
    const retry = await startConversation(w.deps, w.buyer, input)
    expect(results.filter((r) => r.created)).toHaveLength(1)
    expect(retry.created).toBe(false)
    expect(new Set([...results, retry].map((r) => r.conversationId)).size).toBe(1)
    // The message as the send built it equals the message read back from the database.
    expect(results.find((r) => r.created)!.message).toEqual(retry.message)
    // Losers leave nothing behind: one more conversation, one message, one read position.
    expect(await conversations()).toBe(before + 1)
    expect(await w.db.prisma.message.count({ where: { conversationId: retry.conversationId } })).toBe(1)
    const positions = await w.db.prisma.readPosition.findMany({ where: { conversationId: retry.conversationId } })
    expect(positions).toEqual([expect.objectContaining({ userId: w.buyer.userId, side: 'BUYER', lastReadSequence: 1 })])
    expect(w.events.filter((e) => e.kind === 'conversation')).toHaveLength(1)

    // A clientMessageId already used with another supplier is refused, not answered with that conversation.
    const other = await w.db.prisma.supplier.create({ data: { slug: 'other-start', name: 'Other', timeZone: 'UTC' } })
    await expect(startConversation(w.deps, w.buyer, { ...input, supplierId: other.id, productId: null })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'clientMessageId',
    })
  })

  it('answers a duplicate that lost the race at the insert (SQLSTATE 23505) with the winner’s conversation', async () => {
    const input = { supplierId: w.supplierId, body: 'Any news on my order?', clientMessageId: cid() }
    const first = await startConversation(w.deps, w.buyer, input)
    // As if the duplicate's lookup ran just before the first committed: it misses once, and
    // only the unique index stops the second insert.
    let missed = 0
    const message = new Proxy(w.db.prisma.message, {
      get: (target, key) =>
        key === 'findUnique' && missed++ === 0 ? async () => null : (Reflect.get(target, key) as unknown),
    })
    const db = new Proxy(w.deps.db, {
      get: (target, key) => {
        if (key === 'message') return message
        const value = Reflect.get(target, key) as unknown
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
      },
    })
    const late = await startConversation({ ...w.deps, db }, w.buyer, input)
    expect(missed).toBeGreaterThan(1) // missed once, then found the winner on the retry
    expect(late).toMatchObject({ created: false, conversationId: first.conversationId })
    expect(late.message).toEqual(first.message)
    expect(await w.db.prisma.message.count({ where: { clientMessageId: input.clientMessageId } })).toBe(1)
  })

  it('is for buyers only, about the supplier’s own products', async () => {
    await expect(startConversation(w.deps, w.agent, { supplierId: w.supplierId, body: 'hi', clientMessageId: cid() })).rejects.toThrow(ForbiddenError)
    await expect(startConversation(w.deps, null, { supplierId: w.supplierId, body: 'hi', clientMessageId: cid() })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })
    const other = await w.db.prisma.supplier.create({ data: { slug: 'other', name: 'Other', timeZone: 'UTC' } })
    await expect(
      startConversation(w.deps, w.buyer, { supplierId: other.id, productId: w.productId, body: 'hi', clientMessageId: cid() }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'productId' })
  })
})

describe('sending messages', () => {
  it('returns the same message for retries and concurrent duplicates, storing one row and announcing once', async () => {
    const { conversationId } = await start()
    w.events.length = 0
    const id = cid()
    const send = () => sendMessage(w.deps, w.agent, { conversationId, clientMessageId: id, body: 'Yes — pressed in October.' })
    const results = await Promise.all([send(), send(), send()])
    const again = await send()
    expect(new Set([...results, again].map((r) => r.message.id)).size).toBe(1)
    expect(results.filter((r) => r.created)).toHaveLength(1)
    expect(again.created).toBe(false)
    expect(await w.db.prisma.message.count({ where: { conversationId, clientMessageId: id } })).toBe(1)
    expect(w.events.filter((e) => e.kind === 'conversation' && e.event.type === 'MessageAdded')).toHaveLength(1)
  })

  it('numbers messages 1, 2, 3 … without gaps when both sides send at once', async () => {
    const { conversationId } = await start()
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        sendMessage(w.deps, i % 2 ? w.agent : w.buyer, { conversationId, clientMessageId: cid(), body: `message ${i}` }),
      ),
    )
    const seqs = (await w.db.prisma.message.findMany({ where: { conversationId }, select: { sequence: true }, orderBy: { sequence: 'asc' } })).map((m) => m.sequence)
    expect(seqs).toEqual(Array.from({ length: 13 }, (_, i) => i + 1))
    expect((await w.db.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).lastSequence).toBe(13)
  })

  it('refuses empty and over-long messages with a clear error, changing nothing', async () => {
    const { conversationId } = await start()
    const before = await w.db.prisma.message.count()
    await expect(sendMessage(w.deps, w.buyer, { conversationId, clientMessageId: cid(), body: '   ' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'body',
      message: 'Write a message first.',
    })
    await expect(sendMessage(w.deps, w.buyer, { conversationId, clientMessageId: cid(), body: 'x'.repeat(4001) })).rejects.toThrow(
      'Messages are limited to 4000 characters.',
    )
    await expect(sendMessage(w.deps, w.buyer, { conversationId, clientMessageId: 'bad id!', body: 'ok' })).rejects.toThrow(ValidationError)
    expect(await w.db.prisma.message.count()).toBe(before)
  })

  it('lets only the conversation’s buyer and the supplier’s members in; others see nothing', async () => {
    const { conversationId } = await start()
    await expect(sendMessage(w.deps, w.otherBuyer, { conversationId, clientMessageId: cid(), body: 'hi' })).rejects.toThrow(NotFoundError)
    await expect(sendMessage(w.deps, w.stranger, { conversationId, clientMessageId: cid(), body: 'hi' })).rejects.toThrow(NotFoundError)
    await expect(listMessages(w.db.prisma, w.otherBuyer, conversationId, { limit: 10 })).rejects.toThrow(NotFoundError)
  })

  it('masks contact details until the pair has an order, telling the sender why, and keeps the original for moderators', async () => {
    const { conversationId } = await start()
    const out = await sendMessage(w.deps, w.agent, { conversationId, clientMessageId: cid(), body: 'Email me at ana@oak.pt or call +351 912 345 678' })
    expect(out.message).toMatchObject({ masked: true, body: `Email me at ${MASK} or call ${MASK}` })
    expect(out.notice).toMatch(/hidden until you have an order/)
    const stored = await w.db.prisma.message.findUniqueOrThrow({ where: { id: out.message.id } })
    expect(stored.originalBody).toBe('Email me at ana@oak.pt or call +351 912 345 678')

    await w.db.prisma.order.create({ data: { number: 'R-1', buyerId: w.buyer.buyerId!, supplierId: w.supplierId, totalCents: 1800 } })
    const after = await sendMessage(w.deps, w.agent, { conversationId, clientMessageId: cid(), body: 'ana@oak.pt' })
    expect(after.message).toMatchObject({ masked: false, body: 'ana@oak.pt' })
    expect(after.notice).toBeNull()
    await w.db.prisma.order.deleteMany({ where: { number: 'R-1' } })
  })

  it('sends the away message once a day, and it does not count as an answer', async () => {
    await w.db.prisma.supplier.update({ where: { id: w.supplierId }, data: { awayEnabled: true, awayMessage: 'We are at the harvest until Monday.' } })
    try {
      const { conversationId } = await start()
      const second = await sendMessage(w.deps, w.buyer, { conversationId, clientMessageId: cid(), body: 'Also, do you ship to Sweden?' })
      expect(second.autoReply).toMatchObject({ kind: 'AUTO_REPLY', authorSide: 'SUPPLIER', body: 'We are at the harvest until Monday.', sequence: 3 })
      const third = await sendMessage(w.deps, w.buyer, { conversationId, clientMessageId: cid(), body: 'Thanks!' })
      expect(third.autoReply).toBeNull()
      const intervals = await w.db.prisma.responseInterval.findMany({ where: { conversationId, awaitedSide: 'SUPPLIER' } })
      expect(intervals).toEqual([expect.objectContaining({ answeredAt: null })])
    } finally {
      await w.db.prisma.supplier.update({ where: { id: w.supplierId }, data: { awayEnabled: false } })
    }
  })

  it('closes the supplier’s wait with the reply, measured in service hours (Friday 17:30 → Monday 09:30 is one hour)', async () => {
    w.clock.set(new Date('2026-11-27T17:30:00Z')) // Friday, Lisbon is UTC+0 in November
    const { conversationId } = await start('Can I pick up on Saturday?')
    w.clock.set(new Date('2026-11-30T09:30:00Z')) // Monday
    await sendMessage(w.deps, w.agent, { conversationId, clientMessageId: cid(), body: 'We are closed on Saturdays, sorry!' })
    const [first] = await w.db.prisma.responseInterval.findMany({ where: { conversationId, awaitedSide: 'SUPPLIER' } })
    expect(first).toMatchObject({ businessSeconds: 3600, answeredById: w.agent.memberships[0]!.memberId })
    expect((await w.db.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).status).toBe('AWAITING_BUYER')
    w.clock.set(new Date('2026-11-23T10:00:00Z'))
  })
})

describe('edits, unsends and reactions', () => {
  it('allows editing for 15 minutes and unsending for 24 hours, by the author only, leaving a tombstone', async () => {
    const { conversationId, message } = await start('Typo in thsi')
    const edited = await editMessage(w.deps, w.buyer, { messageId: message.id, body: 'Typo in this' })
    expect(edited).toMatchObject({ body: 'Typo in this', editedAt: expect.any(String) })
    await expect(editMessage(w.deps, w.agent, { messageId: message.id, body: 'hijack' })).rejects.toThrow(ForbiddenError)
    w.clock.advance(16 * 60 * 1000)
    await expect(editMessage(w.deps, w.buyer, { messageId: message.id, body: 'late' })).rejects.toThrow(ConflictError)
    const gone = await deleteMessage(w.deps, w.buyer, { messageId: message.id })
    expect(gone).toMatchObject({ body: '', deletedAt: expect.any(String), sequence: 1 })
    const page = await listMessages(w.db.prisma, w.agent, conversationId, { limit: 10 })
    expect(page.map((m) => [m.sequence, m.deletedAt !== null])).toEqual([[1, true]])
    expect((await w.db.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).lastMessagePreview).toBe('Message unsent')
    w.clock.set(new Date('2026-11-23T10:00:00Z'))
  })

  it('toggles reactions from a fixed set', async () => {
    const { message } = await start()
    expect((await react(w.deps, w.agent, { messageId: message.id, emoji: '👍', add: true })).reactions).toEqual([{ emoji: '👍', userIds: [w.agent.userId] }])
    expect((await react(w.deps, w.agent, { messageId: message.id, emoji: '👍', add: false })).reactions).toEqual([])
    await expect(react(w.deps, w.agent, { messageId: message.id, emoji: '💩', add: true })).rejects.toThrow(ValidationError)
  })
})

describe('reading', () => {
  it('moves read positions forward only, counts unread per viewer, and hides receipts when asked', async () => {
    const { conversationId } = await start()
    await sendMessage(w.deps, w.agent, { conversationId, clientMessageId: cid(), body: 'one' })
    await sendMessage(w.deps, w.agent, { conversationId, clientMessageId: cid(), body: 'two' })
    expect((await unreadCounts(w.db.prisma, w.buyer, [conversationId])).get(conversationId)).toBe(2)
    await markRead(w.deps, w.buyer, { conversationId, sequence: 3 })
    expect(await markRead(w.deps, w.buyer, { conversationId, sequence: 1 })).toEqual({ lastReadSequence: 3 })
    expect((await unreadCounts(w.db.prisma, w.buyer, [conversationId])).get(conversationId)).toBe(0)
    expect((await readPositions(w.db.prisma, w.agent, conversationId)).map((r) => [r.side, r.lastReadSequence])).toContainEqual(['BUYER', 3])
    await setReceiptsHidden(w.deps, w.buyer, { conversationId, hidden: true })
    expect((await readPositions(w.db.prisma, w.agent, conversationId)).filter((r) => r.side === 'BUYER')).toEqual([])
    expect((await readPositions(w.db.prisma, w.buyer, conversationId)).filter((r) => r.side === 'BUYER')).toHaveLength(1)
    await setReceiptsHidden(w.deps, w.buyer, { conversationId, hidden: false })
  })
})

describe('the team inbox', () => {
  it('filters by needs-reply, assignee and unread, newest activity first', async () => {
    const a = await start('first question')
    const b = await start('second question')
    await assignConversation(w.deps, w.owner, { conversationId: a.conversationId, assigneeId: w.agent.memberships[0]!.memberId })
    const inbox = await listSupplierInbox(w.db.prisma, w.agent, w.supplierId, { needsReply: true }, { limit: 100 })
    expect(inbox.map((c) => c.id).slice(0, 2)).toEqual([b.conversationId, a.conversationId])
    const mine = await listSupplierInbox(w.db.prisma, w.agent, w.supplierId, { assigneeId: w.agent.memberships[0]!.memberId }, { limit: 100 })
    // Earlier tests' conversations are the agent's too (replying took them): only these two matter here.
    expect(mine.map((c) => c.id).filter((id) => [a.conversationId, b.conversationId].includes(id))).toEqual([a.conversationId])
    await markRead(w.deps, w.agent, { conversationId: b.conversationId, sequence: 1 })
    const unread = await listSupplierInbox(w.db.prisma, w.agent, w.supplierId, { unread: true }, { limit: 100 })
    expect(unread.map((c) => c.id)).toContain(a.conversationId)
    expect(unread.map((c) => c.id)).not.toContain(b.conversationId)
    expect(await listSupplierInbox(w.db.prisma, w.buyer, w.supplierId, null, { limit: 100 })).toEqual([])
    expect((await listBuyerConversations(w.db.prisma, w.otherBuyer, null, { limit: 100 })).length).toBe(0)
  })

  it('fills saved-reply placeholders for the conversation', async () => {
    const { conversationId } = await start()
    const reply = await saveReply(w.db.prisma, w.owner, { supplierId: w.supplierId, title: 'Thanks', body: 'Hi {{buyer.firstName}}, {{agent.firstName}} here from {{supplier.name}}. {{unknown.thing}}' })
    expect(await renderSavedReply(w.db.prisma, w.agent, { conversationId, savedReplyId: reply.id })).toBe(
      'Hi Maya, Tiago here from Olive & Oak. {{unknown.thing}}',
    )
    await expect(saveReply(w.db.prisma, w.owner, { supplierId: w.supplierId, title: 'Thanks', body: 'again' })).rejects.toThrow(ConflictError)
  })

  it('resolves when the buyer confirms, and blocking stops new messages both ways', async () => {
    const { conversationId } = await start()
    await expect(confirmResolved(w.deps, w.agent, { conversationId })).rejects.toThrow(ForbiddenError)
    expect(await confirmResolved(w.deps, w.buyer, { conversationId })).toMatchObject({ status: 'RESOLVED', buyerConfirmedAt: expect.any(Date) })
    await setBlocked(w.deps, w.agent, { conversationId, blocked: true })
    await expect(sendMessage(w.deps, w.buyer, { conversationId, clientMessageId: cid(), body: 'hello?' })).rejects.toThrow(/blocked/)
    await setBlocked(w.deps, w.agent, { conversationId, blocked: false })
    await sendMessage(w.deps, w.buyer, { conversationId, clientMessageId: cid(), body: 'hello again' })
    expect((await w.db.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).status).toBe('AWAITING_SUPPLIER')
  })
})

describe('response metrics from history', () => {
  it('rebuilds intervals from messages and reports the supplier’s median first response', async () => {
    await rebuildResponseIntervals(w.db.prisma)
    const metrics = await supplierResponseMetrics(w.db.prisma, w.supplierId, 30, new Date('2026-12-01T12:00:00Z'))
    expect(metrics.conversations).toBeGreaterThan(5)
    expect(metrics.responseRate).toBeGreaterThan(0)
    expect(metrics.responseRate).toBeLessThanOrEqual(1)
  })
})
