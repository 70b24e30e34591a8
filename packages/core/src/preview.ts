/** Characters an inbox shows of a conversation's latest message. */
export const PREVIEW_LENGTH = 140

/**
 * What an inbox shows for a message: whitespace collapsed, cut at PREVIEW_LENGTH characters
 * (the cut ends with "…"). The seed and every message write use this one function, so demo
 * data looks exactly like data the product writes.
 */
export function messagePreview(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim()
  return flat.length <= PREVIEW_LENGTH ? flat : `${flat.slice(0, PREVIEW_LENGTH - 1).trimEnd()}…`
}
