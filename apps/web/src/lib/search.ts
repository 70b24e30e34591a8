/* Message search in the inboxes: the query string, the hits as the pages show them, and the
 * snippet's highlighted words. The gateway's query lives in $lib/graphql/search.ts. */
import { conversationHref } from './paths'
import type { ResolvedPathname } from '$app/types'

export type SearchOrder = 'NEWEST' | 'RELEVANCE'

/** What the search box asked for: `q`, `order` and the page cursor `after` of an inbox's URL. */
export type SearchRequest = { q: string; order: SearchOrder; after: string | null }

export type TextRange = { start: number; length: number }

export type SearchHit = {
  matchedIn: 'MESSAGE' | 'SUBJECT'
  sequence: number | null
  at: string
  snippet: string
  highlights: TextRange[]
  conversation: {
    id: string
    subject: string | null
    buyer: { displayName: string }
    supplier: { name: string }
    product: { name: string } | null
  }
  message: { author: { displayName: string } } | null
}

export type SearchResults = {
  request: SearchRequest
  hits: SearchHit[]
  notice: string | null
  nextCursor: string | null
}

/**
 * The search in an inbox's query string, or null when there is none. Whitespace-only is no
 * search (the inbox shows); everything else goes to the gateway as typed, which cuts long queries
 * and answers punctuation with a notice, so the page can say why rather than guess here.
 */
export function searchFromQuery(params: URLSearchParams): SearchRequest | null {
  const q = params.get('q')?.trim()
  if (!q) return null
  const order = params.get('order')?.toUpperCase() === 'RELEVANCE' ? 'RELEVANCE' : 'NEWEST'
  return { q, order, after: params.get('after') || null }
}

/** The query string of a search (the default order left out), e.g. for "More results". */
export function searchQuery(request: SearchRequest, after: string | null = null): Record<string, string | null> {
  return { q: request.q, order: request.order === 'RELEVANCE' ? 'relevance' : null, after }
}

/** A run of the snippet, highlighted or not. Text only: the page renders it, escaped. */
export type Segment = { text: string; marked: boolean }

/**
 * The snippet cut into plain and highlighted runs. Ranges are UTF-16 offsets, as the gateway
 * counts them; out-of-range, empty or overlapping ones are clamped and merged rather than
 * trusted, so a bad range can never drop or repeat text.
 */
export function highlightSegments(snippet: string, highlights: readonly TextRange[]): Segment[] {
  const ranges = highlights
    .map((h) => [Math.max(0, h.start), Math.min(snippet.length, h.start + h.length)] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0])
  const segments: Segment[] = []
  let at = 0
  for (const [start, end] of ranges) {
    if (end <= at) continue
    const from = Math.max(start, at)
    if (from > at) segments.push({ text: snippet.slice(at, from), marked: false })
    const last = segments.at(-1)
    // Touching or overlapping ranges read as one highlighted run.
    if (last?.marked && from === at) last.text += snippet.slice(from, end)
    else segments.push({ text: snippet.slice(from, end), marked: true })
    at = end
  }
  if (at < snippet.length || segments.length === 0) segments.push({ text: snippet.slice(at), marked: false })
  return segments
}

/**
 * Where a hit leads: the message in its conversation (`?at=` loads the page of history holding
 * it, `#m…` scrolls to it, also without JavaScript), or the conversation for a subject match.
 */
export function searchHitHref(hit: { sequence: number | null; conversation: { id: string } }): ResolvedPathname {
  const conversation = conversationHref(hit.conversation.id, { at: hit.sequence == null ? null : String(hit.sequence) })
  return (hit.sequence == null ? conversation : `${conversation}#m${hit.sequence}`) as ResolvedPathname
}

/** The message sequence an `?at=` asks to open at, or null when it isn't one. */
export function atSequence(params: URLSearchParams): number | null {
  const at = Number(params.get('at'))
  return Number.isSafeInteger(at) && at > 0 ? at : null
}

/**
 * A search box's text, as a Svelte action (`defaultValue={q}` and `use:showsQuery={q}`): the
 * server renders the query as the box's value, and hydration leaves what a visitor typed before
 * it alone (a `value={q}` would reset it, and Enter would then search for nothing); each later
 * query — a new search, a cleared one — is shown as it comes.
 */
export function showsQuery(node: HTMLInputElement, _query: string) {
  return {
    update(query: string) {
      node.value = query
    },
  }
}
