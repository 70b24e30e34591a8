// Reading a request's body with a ceiling, for the routes that take one from anyone (the API
// explorer's proxy, the browsers' timing beacon).

/**
 * The body as text, or null once it passes `limit` bytes: read chunk by chunk, so a body sent
 * without a Content-Length (chunked) is cut off too, not buffered whole first.
 */
export async function readBodyUpTo(request: Request, limit: number): Promise<string | null> {
  if (!request.body) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => {})
      return null
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}
