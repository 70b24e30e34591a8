import { describe, expect, it } from 'vitest'
import { conversationIdFrom } from './conversation-id'

const uuid = '0b7e6a52-3f1c-4a8e-9d2b-5c6f7a8b9c0d'
const id = Buffer.from(`Conversation:${uuid}`).toString('base64')

describe('conversationIdFrom', () => {
  it('takes an id as it is', () => {
    expect(conversationIdFrom(id)).toBe(id)
    expect(conversationIdFrom(`  ${id}\n`)).toBe(id)
  })

  it('finds the id in a pasted address, encoded or not, with a query or a fragment', () => {
    expect(conversationIdFrom(`http://localhost:5173/conversations/${id}`)).toBe(id)
    expect(conversationIdFrom(`https://rapport.example/conversations/${encodeURIComponent(id)}?q=1#m-4`)).toBe(id)
    expect(conversationIdFrom(`/conversations/${encodeURIComponent(id)}/`)).toBe(id)
  })

  it('refuses what is not a conversation', () => {
    expect(conversationIdFrom('')).toBeNull()
    expect(conversationIdFrom('   ')).toBeNull()
    expect(conversationIdFrom(uuid)).toBeNull()
    expect(conversationIdFrom(Buffer.from(`Review:${uuid}`).toString('base64'))).toBeNull()
    expect(conversationIdFrom('https://rapport.example/suppliers/olive-oak')).toBeNull()
    expect(conversationIdFrom('https://rapport.example/conversations/%E0%A4%A')).toBeNull()
  })
})
