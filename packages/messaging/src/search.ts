// Full-text search over the conversations a viewer may see: message bodies and subjects, with
// PostgreSQL's text search (generated tsvector columns with GIN indexes; see the message_search
// migration), on PGlite and PostgreSQL alike. What is searched is what the viewer sees: the
// masked body where contact details were masked (the unmasked text is kept for moderation and
// never searched), no unsent messages, no internal notes. Words are parsed by
// websearch_to_tsquery: "quoted phrases", `or`, `-word`, and any punctuation, never a syntax error.
import { ForbiddenError, membershipOf, type Viewer } from '@rapport/core'
import { Prisma, type PrismaClient } from '@rapport/db'
import { requireViewer } from './access.ts'
import { MESSAGING_LIMITS } from './limits.ts'

export type SearchOrder = 'NEWEST' | 'RELEVANCE'

export type SearchHit = {
  /** The message's id, or the conversation's for a hit in its subject. */
  id: string
  matchedIn: 'MESSAGE' | 'SUBJECT'
  conversationId: string
  messageId: string | null
  sequence: number | null
  at: Date
  rank: number
  /** Plain text around the match (a few words, ellipses where cut). */
  snippet: string
  /** Where the matched words are in `snippet` (UTF-16 offsets, as JavaScript counts). */
  highlights: { start: number; length: number }[]
}

export type SearchPage = { hits: SearchHit[]; hasMore: boolean; notice: string | null }

/** A page's position: newest first pages by (time, id); by relevance, by offset. */
export type SearchCursor = { at: Date; id: string } | { offset: number }

// ts_headline marks matches with these (removed from the text first, should a message hold one).
const START = '\u0002'
const STOP = '\u0003'
const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=24, MinWords=10, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`

/**
 * The query as searched, and what to tell the person about it: text past the limit is cut (and
 * they are told), text without a single word matches nothing (and they are told why).
 */
export function searchTerms(raw: string): { terms: string; notice: string | null } {
  // Control characters (ts_headline's markers among them) are spaces to a search.
  let terms = [...raw].map((ch) => (ch.charCodeAt(0) < 0x20 ? ' ' : ch)).join('').trim()
  let notice: string | null = null
  if (terms.length > MESSAGING_LIMITS.searchQuery) {
    terms = terms.slice(0, MESSAGING_LIMITS.searchQuery)
    notice = `Searches use up to ${MESSAGING_LIMITS.searchQuery} characters: only the first ${MESSAGING_LIMITS.searchQuery} were searched.`
  }
  if (!/[\p{L}\p{N}]/u.test(terms)) return { terms: '', notice: 'Type a word or number to search for: punctuation alone matches nothing.' }
  return { terms, notice }
}

/** Whose conversations: a supplier's inbox (its team), else the viewer's own as a buyer. */
function scopeOf(viewer: Viewer, supplierId: string | null | undefined): Prisma.Sql | null {
  if (supplierId) {
    if (!membershipOf(viewer, supplierId)) throw new ForbiddenError('Only the supplier’s team can search its conversations.')
    return searchScope({ supplierId })
  }
  return viewer.buyerId ? searchScope({ buyerId: viewer.buyerId }) : null
}

type Row = { kind: 'MESSAGE' | 'SUBJECT'; id: string; conversationId: string; sequence: number | null; at: Date; rank: number; headline: string }

export async function searchMessages(
  db: PrismaClient,
  viewerIn: Viewer | null,
  input: { query: string; supplierId?: string | null; order: SearchOrder; limit: number; after?: SearchCursor | null },
): Promise<SearchPage> {
  const viewer = requireViewer(viewerIn)
  const scope = scopeOf(viewer, input.supplierId)
  const { terms, notice } = searchTerms(input.query)
  if (!terms || !scope) return { hits: [], hasMore: false, notice }
  const rows = await db.$queryRaw<Row[]>(searchSql({ terms, scope, order: input.order, limit: input.limit, after: input.after ?? null }))
  // The outer query keeps the page's order only by chance: sort again, as the page was.
  const ordered = rows.sort(input.order === 'NEWEST' ? byNewest : (a, b) => b.rank - a.rank || byNewest(a, b))
  return { hits: ordered.slice(0, input.limit).map(toHit), hasMore: ordered.length > input.limit, notice }
}

/**
 * The one statement a search runs (exported so benchmark S1 can show its plan): the GIN indexes
 * find the matches of both kinds, visibility narrows them, one ordered page is cut, and the
 * headline (the costly part) is made for that page only.
 */
export function searchSql(a: { terms: string; scope: Prisma.Sql; order: SearchOrder; limit: number; after: SearchCursor | null }): Prisma.Sql {
  const { scope, after } = a
  const q = Prisma.sql`websearch_to_tsquery('simple', ${a.terms})`
  const newest = a.order === 'NEWEST'
  const offset = !newest && after && 'offset' in after ? after.offset : 0
  // Each kind is ordered and cut on its own (so a common word walks messages newest-first on
  // their (createdAt, id) index and stops at a page; a rare one comes from the GIN index), then
  // the two are merged and cut again. Relevance needs every match's rank; newest first none.
  const branch = (vector: Prisma.Sql, at: Prisma.Sql, id: Prisma.Sql) =>
    newest
      ? Prisma.sql`${after && 'at' in after ? Prisma.sql`AND (${at}, ${id}) < (${after.at}::timestamp(3), ${after.id}::uuid)` : Prisma.empty}
          ORDER BY ${at} DESC, ${id} DESC LIMIT ${a.limit + 1}`
      : Prisma.sql`ORDER BY ts_rank(${vector}, ${q}) DESC, ${at} DESC, ${id} DESC LIMIT ${offset + a.limit + 1}`
  const rank = (vector: Prisma.Sql) => (newest ? Prisma.sql`0::real` : Prisma.sql`ts_rank(${vector}, ${q})`)
  const page = Prisma.sql`
    SELECT * FROM (
      (SELECT 'MESSAGE' AS kind, m.id, m."conversationId", m.sequence, m."createdAt" AS at, ${rank(Prisma.sql`m."searchVector"`)} AS rank
         FROM "Message" m JOIN "Conversation" c ON c.id = m."conversationId"
        WHERE m."searchVector" @@ ${q} AND m."deletedAt" IS NULL AND ${scope}
        ${branch(Prisma.sql`m."searchVector"`, Prisma.sql`m."createdAt"`, Prisma.sql`m.id`)})
      UNION ALL
      (SELECT 'SUBJECT', c.id, c.id, NULL, c."createdAt", ${rank(Prisma.sql`c."subjectVector"`)}
         FROM "Conversation" c
        WHERE c."subjectVector" @@ ${q} AND ${scope}
        ${branch(Prisma.sql`c."subjectVector"`, Prisma.sql`c."createdAt"`, Prisma.sql`c.id`)})
    ) h
    ORDER BY ${newest ? Prisma.sql`h.at DESC, h.id DESC` : Prisma.sql`h.rank DESC, h.at DESC, h.id DESC`}
    LIMIT ${a.limit + 1} OFFSET ${offset}`
  // The page's texts, ranks and headlines (the costly part) for its rows only.
  return Prisma.sql`
    SELECT p.kind, p.id, p."conversationId", p.sequence, p.at, ts_rank(coalesce(m."searchVector", c."subjectVector"), ${q})::float8 AS rank,
           ts_headline('simple', replace(replace(coalesce(m.body, c.subject), chr(2), ''), chr(3), ''), ${q}, ${HEADLINE_OPTIONS}) AS headline
      FROM (${page}) p
      -- One primary-key lookup per row of the page: a plain join was planned as a scan of every
      -- conversation, and LIMIT keeps the planner from flattening these back into one.
      LEFT JOIN LATERAL (SELECT m."searchVector", m.body FROM "Message" m WHERE p.kind = 'MESSAGE' AND m.id = p.id LIMIT 1) m ON true
      LEFT JOIN LATERAL (SELECT c."subjectVector", c.subject FROM "Conversation" c WHERE p.kind = 'SUBJECT' AND c.id = p.id LIMIT 1) c ON true`
}

/** Whose conversations, as SQL on `c` (the Conversation): a supplier's inbox, or a buyer's own. */
export const searchScope = (by: { supplierId: string } | { buyerId: string }): Prisma.Sql =>
  'supplierId' in by ? Prisma.sql`c."supplierId" = ${by.supplierId}::uuid` : Prisma.sql`c."buyerId" = ${by.buyerId}::uuid`

const byNewest = (a: Row, b: Row) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)

function toHit(r: Row): SearchHit {
  const { text, highlights } = parseHeadline(r.headline)
  return {
    id: r.id,
    matchedIn: r.kind,
    conversationId: r.conversationId,
    messageId: r.kind === 'MESSAGE' ? r.id : null,
    sequence: r.sequence,
    at: r.at,
    rank: r.rank,
    snippet: text,
    highlights,
  }
}

/** ts_headline's marked text → plain text and the marked ranges. */
export function parseHeadline(headline: string): { text: string; highlights: { start: number; length: number }[] } {
  let text = ''
  const highlights: { start: number; length: number }[] = []
  let open: number | null = null
  for (const ch of headline) {
    if (ch === START) open = text.length
    else if (ch === STOP) {
      if (open !== null && text.length > open) highlights.push({ start: open, length: text.length - open })
      open = null
    } else text += ch
  }
  return { text: text.trim(), highlights: trimShift(text, highlights) }
}

// Leading whitespace is dropped from the snippet: ranges move with it.
function trimShift(text: string, highlights: { start: number; length: number }[]) {
  const lead = text.length - text.trimStart().length
  return lead ? highlights.map((h) => ({ start: h.start - lead, length: h.length })) : highlights
}
