// The send path's SQL under concurrency: what a send reads after taking the conversation's row
// lock must reflect every send that committed before it (see send-sql.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sendMessage } from './send-message.ts'
import { startConversation } from './start-conversation.ts'
import { confirmResolved } from './team-inbox.ts'
import { cid, createWorld, type World } from './test-support.ts'

let w: World
beforeAll(async () => {
  w = await createWorld()
})
afterAll(() => w.db.drop())

async function start() {
  const { conversationId } = await startConversation(w.deps, w.buyer, { supplierId: w.supplierId, body: 'Do you ship to Porto?', clientMessageId: cid() })
  return conversationId
}

/** Response intervals as the rules in metrics/README.md derive them from the message history. */
function expectedIntervals(messages: { sequence: number; authorSide: string; kind: string }[]) {
  const out: { awaitedSide: string; openedBySequence: number; answeredBySequence: number | null; isFirstResponse: boolean }[] = []
  for (const m of messages) {
    if (m.kind !== 'TEXT') continue
    const me = m.authorSide
    const other = me === 'BUYER' ? 'SUPPLIER' : 'BUYER'
    const open = out.find((i) => i.awaitedSide === me && i.answeredBySequence === null)
    if (open) open.answeredBySequence = m.sequence
    if (!out.some((i) => i.awaitedSide === other && i.answeredBySequence === null))
      out.push({ awaitedSide: other, openedBySequence: m.sequence, answeredBySequence: null, isFirstResponse: !out.some((i) => i.awaitedSide === other) })
  }
  return out
}

describe('sending at once from both sides', () => {
  it('keeps response intervals consistent with the message order: one open wait per side, each closed by the next reply', async () => {
    const conversationId = await start()
    for (let round = 0; round < 4; round++) {
      await Promise.all(
        [w.buyer, w.agent, w.owner, w.buyer, w.agent].map((who, i) => sendMessage(w.deps, who, { conversationId, clientMessageId: cid(), body: `round ${round}, ${i}` })),
      )
    }
    const messages = await w.db.prisma.message.findMany({ where: { conversationId }, orderBy: { sequence: 'asc' }, select: { sequence: true, authorSide: true, kind: true } })
    const intervals = await w.db.prisma.responseInterval.findMany({
      where: { conversationId },
      orderBy: { openedBySequence: 'asc' },
      select: { awaitedSide: true, openedBySequence: true, answeredBySequence: true, isFirstResponse: true },
    })
    expect(messages).toHaveLength(21)
    expect(intervals).toEqual(expectedIntervals(messages))
  })

  it('reopens a resolved conversation from the row it locked, not from what it read before', async () => {
    const conversationId = await start()
    await sendMessage(w.deps, w.agent, { conversationId, clientMessageId: cid(), body: 'Yes, in two days.' })
    await confirmResolved(w.deps, w.buyer, { conversationId })
    const before = await w.db.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })
    expect(before).toMatchObject({ status: 'RESOLVED' })
    await sendMessage(w.deps, w.buyer, { conversationId, clientMessageId: cid(), body: 'One more thing: gift wrapping?' })
    const after = await w.db.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })
    expect(after).toMatchObject({ status: 'AWAITING_SUPPLIER', resolvedAt: null, buyerConfirmedAt: null, lastSequence: 3 })
    expect(after.lastMessagePreview).toBe('One more thing: gift wrapping?')
    // The sender has read up to their own message.
    const position = await w.db.prisma.readPosition.findUniqueOrThrow({ where: { conversationId_userId: { conversationId, userId: w.buyer.userId } } })
    expect(position.lastReadSequence).toBe(3)
  })

  it('a reply takes an unassigned conversation: the first of two concurrent repliers, announced to the team only', async () => {
    const conversationId = await start()
    w.events.length = 0
    await Promise.all([w.agent, w.owner].map((who, i) => sendMessage(w.deps, who, { conversationId, clientMessageId: cid(), body: `On it (${i}).` })))
    const { assigneeId } = await w.db.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })
    const first = await w.db.prisma.message.findFirstOrThrow({ where: { conversationId, authorSide: 'SUPPLIER' }, orderBy: { sequence: 'asc' } })
    const firstMember = [w.agent, w.owner].find((v) => v.userId === first.authorId)!.memberships[0]!.memberId
    expect(assigneeId).toBe(firstMember)
    const assigned = w.events.filter((e) => e.kind === 'conversation' && e.event.type === 'ConversationUpdated')
    expect(assigned).toEqual([{ kind: 'conversation', event: { type: 'ConversationUpdated', conversationId, fields: ['assignee'], audience: 'team' } }])
    // Already someone's: a teammate's reply leaves it with them; a buyer's message never assigns.
    await sendMessage(w.deps, w.buyer, { conversationId, clientMessageId: cid(), body: 'Thanks!' })
    await sendMessage(w.deps, w.agent.userId === first.authorId ? w.owner : w.agent, { conversationId, clientMessageId: cid(), body: 'Glad to help.' })
    expect((await w.db.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).assigneeId).toBe(firstMember)
    const unassignedByBuyer = await start()
    await sendMessage(w.deps, w.buyer, { conversationId: unassignedByBuyer, clientMessageId: cid(), body: 'Hello?' })
    expect((await w.db.prisma.conversation.findUniqueOrThrow({ where: { id: unassignedByBuyer } })).assigneeId).toBeNull()
  })

  it('refuses a reply to a message of another conversation, and unknown or foreign conversations as not found', async () => {
    const a = await start()
    const b = await start()
    const inB = await sendMessage(w.deps, w.agent, { conversationId: b, clientMessageId: cid(), body: 'Hello' })
    await expect(sendMessage(w.deps, w.buyer, { conversationId: a, clientMessageId: cid(), body: 'Re', replyToId: inB.message.id })).rejects.toThrow(
      /reply to a message in this conversation/,
    )
    await expect(sendMessage(w.deps, w.buyer, { conversationId: a, clientMessageId: cid(), body: 'Re', replyToId: 'not-a-uuid' })).rejects.toThrow(
      /reply to a message in this conversation/,
    )
    await expect(sendMessage(w.deps, w.otherBuyer, { conversationId: a, clientMessageId: cid(), body: 'Hi' })).rejects.toThrow('No such conversation.')
    await expect(sendMessage(w.deps, w.buyer, { conversationId: 'not-a-uuid', clientMessageId: cid(), body: 'Hi' })).rejects.toThrow('No such conversation.')
  })
})
