// What staff paste into "Conversation": the conversation's id, or its address as a participant's
// browser shows it (https://…/conversations/<id>, with or without a query or a fragment).

const PATH = /(?:^|\/)conversations\/([^/?#\s]+)/
// The API's ids are base64 of "<Type>:<uuid>" (Relay global ids).
const CONVERSATION_ID = /^Conversation:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The conversation's global id in what was pasted, or null when it holds none. */
export function conversationIdFrom(pasted: string): string | null {
  const text = pasted.trim()
  if (!text) return null
  const inPath = PATH.exec(text)?.[1]
  let id = inPath ?? text
  try {
    id = decodeURIComponent(id)
  } catch {
    return null
  }
  if (!inPath && /[/\s]/.test(id)) return null
  return isConversationId(id) ? id : null
}

function isConversationId(id: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(id)) return false
  return CONVERSATION_ID.test(Buffer.from(id, 'base64').toString('utf8'))
}
