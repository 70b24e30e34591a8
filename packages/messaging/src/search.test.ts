// Search as each viewer sees their conversations: a months-old message is found in both inboxes
// (the buyer's and the team's), another buyer's words never are, masked contact details are
// searched as masked, unsent messages are gone, and awkward queries get an answer, not an error.
import { ForbiddenError } from '@rapport/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deleteMessage } from './message-actions.ts'
import { searchMessages, searchTerms } from './search.ts'
import { sendMessage } from './send-message.ts'
import { startConversation } from './start-conversation.ts'
import { cid, createWorld, type World } from './test-support.ts'

let w: World
let mayas = ''
beforeAll(async () => {
  w = await createWorld()
  // Months ago: Maya asked about terracotta; the clock moves on to today.
  w.clock.set(new Date('2026-07-02T09:00:00Z'))
  mayas = (await startConversation(w.deps, w.buyer, { supplierId: w.supplierId, body: 'Do you make terracotta planters for balconies?', clientMessageId: cid(), subject: 'Balcony planters' })).conversationId
  w.clock.set(new Date('2026-07-02T11:00:00Z'))
  await sendMessage(w.deps, w.agent, { conversationId: mayas, clientMessageId: cid(), body: 'Yes: terracotta in three sizes. Call me on +351 912 345 678.' })
  w.clock.set(new Date('2026-11-23T10:00:00Z'))
  const eriks = (await startConversation(w.deps, w.otherBuyer, { supplierId: w.supplierId, body: 'Terracotta pots for my secret garden?', clientMessageId: cid() })).conversationId
  await sendMessage(w.deps, w.otherBuyer, { conversationId: eriks, clientMessageId: cid(), body: 'Also: mosaic tiles.' })
})
afterAll(() => w.db.drop())

const search = (viewer: World['buyer'], query: string, extra: { supplierId?: string; order?: 'NEWEST' | 'RELEVANCE'; limit?: number } = {}) =>
  searchMessages(w.db.prisma, viewer, { query, supplierId: extra.supplierId, order: extra.order ?? 'NEWEST', limit: extra.limit ?? 20 })

describe('searching conversations', () => {
  it('finds a months-old message in the buyer’s inbox and the team’s, with the word highlighted', async () => {
    const asBuyer = await search(w.buyer, 'TERRACOTTA')
    expect(asBuyer.hits.map((h) => h.matchedIn)).toEqual(['MESSAGE', 'MESSAGE'])
    expect(asBuyer.hits.every((h) => h.conversationId === mayas)).toBe(true)
    for (const h of asBuyer.hits) {
      expect(h.highlights.length).toBeGreaterThan(0)
      for (const r of h.highlights) expect(h.snippet.slice(r.start, r.start + r.length).toLowerCase()).toBe('terracotta')
    }
    // Newest first: the agent's reply, then Maya's question (sequence 2, then 1).
    expect(asBuyer.hits.map((h) => h.sequence)).toEqual([2, 1])
    const asTeam = await search(w.agent, 'terracotta', { supplierId: w.supplierId })
    expect(asTeam.hits.map((h) => h.sequence).sort()).toEqual([1, 1, 2])
    expect(new Set(asTeam.hits.map((h) => h.conversationId)).size).toBe(2)
  })

  it('never finds another buyer’s words, and a stranger cannot search a team’s inbox', async () => {
    expect((await search(w.buyer, 'mosaic')).hits).toEqual([])
    expect((await search(w.buyer, 'secret garden')).hits).toEqual([])
    expect((await search(w.otherBuyer, 'balconies')).hits).toEqual([])
    await expect(search(w.buyer, 'terracotta', { supplierId: w.supplierId })).rejects.toBeInstanceOf(ForbiddenError)
    expect((await search(w.stranger, 'terracotta')).hits).toEqual([])
  })

  it('searches subjects, masked text as shown, and leaves unsent messages out', async () => {
    const subject = await search(w.buyer, 'balcony')
    expect(subject.hits).toEqual([expect.objectContaining({ matchedIn: 'SUBJECT', conversationId: mayas, messageId: null, snippet: 'Balcony planters' })])
    // The phone number was masked (no order between them): its digits are not searchable.
    expect((await search(w.buyer, '912')).hits).toEqual([])
    const sent = await sendMessage(w.deps, w.buyer, { conversationId: mayas, clientMessageId: cid(), body: 'Never mind the glazed ones.' })
    expect((await search(w.buyer, 'glazed')).hits).toHaveLength(1)
    await deleteMessage(w.deps, w.buyer, { messageId: sent.message.id })
    expect((await search(w.buyer, 'glazed')).hits).toEqual([])
  })

  it('answers a very long query or one of punctuation only with a notice, not an error', async () => {
    const long = await search(w.buyer, `terracotta ${'x'.repeat(990)}`)
    expect(long.notice).toMatch(/first 200/)
    const marks = await search(w.buyer, '!!! ??? ... "" -')
    expect(marks).toEqual({ hits: [], hasMore: false, notice: expect.stringMatching(/punctuation/) })
    expect(searchTerms('  planters  ')).toEqual({ terms: 'planters', notice: null })
    // Operators are words to websearch syntax, never a syntax error.
    expect((await search(w.buyer, '"terracotta planters" or -mosaic & | ! ( :*')).notice).toBeNull()
  })

  it('pages newest first and by relevance without repeats', async () => {
    const seen: string[] = []
    let page = await searchMessages(w.db.prisma, w.agent, { query: 'terracotta', supplierId: w.supplierId, order: 'NEWEST', limit: 1 })
    seen.push(...page.hits.map((h) => h.id))
    while (page.hasMore) {
      const last = page.hits.at(-1)!
      page = await searchMessages(w.db.prisma, w.agent, { query: 'terracotta', supplierId: w.supplierId, order: 'NEWEST', limit: 1, after: { at: last.at, id: last.id } })
      seen.push(...page.hits.map((h) => h.id))
    }
    expect(seen).toHaveLength(3)
    expect(new Set(seen).size).toBe(3)
    const ranked = await search(w.agent, 'terracotta planters', { supplierId: w.supplierId, order: 'RELEVANCE' })
    expect(ranked.hits[0]!.rank).toBeGreaterThanOrEqual(ranked.hits.at(-1)!.rank)
  })
})
