/**
 * A short teaser for a longer text: the first sentence if it fits in `max` characters,
 * otherwise the text cut at a word boundary with an ellipsis. Whitespace is collapsed.
 */
export function excerpt(text: string | null | undefined, max = 160): string {
  const clean = (text ?? '').replace(/\s+/g, ' ').trim()
  if (clean === '') return ''

  const sentence = /^.+?[.!?…](?=\s|$)/u.exec(clean)?.[0]
  if (sentence && sentence.length <= max) return sentence
  if (clean.length <= max) return clean

  const cut = clean.slice(0, max - 1)
  const lastSpace = cut.lastIndexOf(' ')
  // Only back up to a word boundary when it doesn't throw away most of the text.
  const base = lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut
  return `${base.replace(/[\s,;:.!?—–-]+$/u, '')}…`
}

/** Saved-reply placeholders left in a draft ("{{order.number}}" when there is no order), each once. */
export function unfilledPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => `{{${m[1]}}}`))]
}
