// A saved reply as the team will see it inserted: placeholders filled with example values (the
// gateway's list), unknown ones left as written, as the gateway fills them for a conversation.
export type Placeholder = { key: string; description: string; example: string }

export function previewReply(body: string, placeholders: readonly Placeholder[]): string {
  const examples = new Map(placeholders.map((p) => [p.key, p.example]))
  return body.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, key: string) => examples.get(key) ?? whole)
}

/** Puts `token` into a text box at its caret (or at the end), and keeps the caret after it. */
export function insertAtCaret(box: HTMLTextAreaElement, token: string): string {
  const start = box.selectionStart ?? box.value.length
  const end = box.selectionEnd ?? box.value.length
  const value = box.value.slice(0, start) + token + box.value.slice(end)
  box.value = value
  box.setSelectionRange(start + token.length, start + token.length)
  box.focus()
  return value
}
