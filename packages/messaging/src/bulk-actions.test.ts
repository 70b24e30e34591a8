import { ForbiddenError, NotFoundError, ValidationError } from '@rapport/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nextLabels, updateConversations } from './bulk-actions.ts'
import { MESSAGING_LIMITS } from './limits.ts'
import { startConversation } from './start-conversation.ts'
import { cid, createWorld, type World } from './test-support.ts'

let w: World
let ids: string[]
const assigned: Array<{ userId: string; text: string }> = []

beforeAll(async () => {
  w = await createWorld()
  w.deps.onAssigned = async (_tx, a) => void assigned.push({ userId: a.userId, text: a.text })
  ids = []
  for (const body of ['First question', 'Second question', 'Third question']) {
    const out = await startConversation(w.deps, w.buyer, { supplierId: w.supplierId, productId: w.productId, body, clientMessageId: cid() })
    ids.push(out.conversationId)
  }
})
afterAll(() => w.db.drop())

const rows = () => w.db.prisma.conversation.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } })
const memberId = (v: World['agent']) => v.memberships[0]!.memberId

describe('bulk actions on selected inbox rows', () => {
  it('assigns, sets the status and adds labels on every selected conversation at once, telling the assignee and both sides', async () => {
    w.events.length = 0
    const out = await updateConversations(w.deps, w.owner, {
      supplierId: w.supplierId,
      conversationIds: [ids[1]!, ids[0]!],
      assigneeId: memberId(w.agent),
      status: 'AWAITING_BUYER',
      addLabels: ['Wholesale', 'urgent'],
    })
    expect(out.map((c) => c.id)).toEqual([ids[1], ids[0]])
    const after = await rows()
    for (const c of after.filter((c) => c.id !== ids[2])) {
      expect(c).toMatchObject({ assigneeId: memberId(w.agent), status: 'AWAITING_BUYER', labels: ['wholesale', 'urgent'] })
    }
    expect(after.find((c) => c.id === ids[2])).toMatchObject({ assigneeId: null, status: 'OPEN', labels: [] })
    expect(assigned).toHaveLength(2)
    expect(assigned[0]!.text).toMatch(/^Ana Silva assigned you the conversation with Maya Lindqvist/)
    // Status is both sides' business, so the buyer's conversation feed hears it too.
    const updates = w.events.filter((e) => e.kind === 'conversation')
    expect(updates).toHaveLength(2)
    expect(updates[0]!.event).toMatchObject({ type: 'ConversationUpdated', fields: ['assignee', 'status', 'labels'] })
  })

  it('removes labels and keeps the others; labels-only changes are announced to the team only', async () => {
    w.events.length = 0
    await updateConversations(w.deps, w.agent, { supplierId: w.supplierId, conversationIds: [ids[0]!], removeLabels: ['wholesale'], addLabels: ['follow up'] })
    expect((await w.db.prisma.conversation.findUniqueOrThrow({ where: { id: ids[0]! } })).labels).toEqual(['urgent', 'follow up'])
    expect(w.events.find((e) => e.kind === 'conversation')!.event).toMatchObject({ fields: ['labels'], audience: 'team' })
  })

  it('unassigns with an explicit null and leaves what was not asked for', async () => {
    await updateConversations(w.deps, w.agent, { supplierId: w.supplierId, conversationIds: [ids[1]!], assigneeId: null })
    expect(await w.db.prisma.conversation.findUniqueOrThrow({ where: { id: ids[1]! } })).toMatchObject({
      assigneeId: null,
      status: 'AWAITING_BUYER',
      labels: ['wholesale', 'urgent'],
    })
  })

  it('refuses bad input with a clear error and changes nothing', async () => {
    const before = await rows()
    const attempt = (input: Partial<Parameters<typeof updateConversations>[2]>, viewer = w.agent) =>
      updateConversations(w.deps, viewer, { supplierId: w.supplierId, conversationIds: ids, ...input })
    await expect(attempt({})).rejects.toThrow('Choose something to change')
    await expect(attempt({ conversationIds: [], status: 'OPEN' })).rejects.toThrow('Select at least one conversation.')
    const many = Array.from({ length: MESSAGING_LIMITS.bulkConversations + 1 }, (_, i) => `c${i}`)
    await expect(attempt({ conversationIds: many, status: 'OPEN' })).rejects.toThrow(`at most ${MESSAGING_LIMITS.bulkConversations}`)
    await expect(attempt({ addLabels: ['x'], removeLabels: ['x'] })).rejects.toThrow('both added and removed')
    await expect(attempt({ addLabels: ['no/slashes'] })).rejects.toBeInstanceOf(ValidationError)
    // One conversation over the label limit refuses the whole action.
    const nine = Array.from({ length: MESSAGING_LIMITS.labelsPerConversation - 1 }, (_, i) => `l${i}`)
    await expect(attempt({ addLabels: nine, status: 'RESOLVED' })).rejects.toThrow(`more than ${MESSAGING_LIMITS.labelsPerConversation} labels`)
    await expect(attempt({ assigneeId: 'not-a-member', status: 'RESOLVED' })).rejects.toThrow('Assign to a member')
    // A made-up id among real ones: nothing changes, and the answer reveals nothing about it.
    await expect(attempt({ conversationIds: [...ids, 'made-up'], status: 'RESOLVED' })).rejects.toBeInstanceOf(NotFoundError)
    await expect(attempt({ status: 'RESOLVED' }, w.buyer)).rejects.toBeInstanceOf(ForbiddenError)
    await expect(attempt({ status: 'RESOLVED' }, w.stranger)).rejects.toBeInstanceOf(ForbiddenError)
    expect(await rows()).toEqual(before)
  })

  it('two overlapping bulk actions at once both apply, without deadlock', async () => {
    await Promise.all([
      updateConversations(w.deps, w.agent, { supplierId: w.supplierId, conversationIds: [ids[0]!, ids[2]!], addLabels: ['a'] }),
      updateConversations(w.deps, w.owner, { supplierId: w.supplierId, conversationIds: [ids[2]!, ids[0]!], addLabels: ['b'] }),
    ])
    for (const c of (await rows()).filter((c) => c.id !== ids[1])) expect(c.labels).toEqual(expect.arrayContaining(['a', 'b']))
  })

  it('computes labels as removals then additions, without duplicates', () => {
    expect(nextLabels(['a', 'b', 'c'], ['c', 'd'], ['a'])).toEqual(['b', 'c', 'd'])
  })
})
