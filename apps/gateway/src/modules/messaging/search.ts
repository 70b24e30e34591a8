// searchMessages: full-text search over the viewer's conversations (as a buyer) or one
// supplier's inbox (its team). Rules and SQL in @rapport/messaging (search.ts).
import { createContextCache } from '@pothos/core'
import { ForbiddenError, UnauthenticatedError } from '@rapport/core'
import { messageDTOsByIds, searchMessages, MESSAGING_LIMITS, type MessageDTO, type SearchCursor, type SearchHit, type SearchPage } from '@rapport/messaging'
import DataLoader from 'dataloader'
import { builder } from '../../builder.ts'
import type { Context } from '../../context.ts'
import { decodeGlobalId } from '../../schema/ids.ts'
import { badInput, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../schema/pagination.ts'
import { ConversationRef, conversations, MessageRef } from './types.ts'

const SearchOrderEnum = builder.enumType('MessageSearchOrder', {
  values: { NEWEST: { description: 'Newest first (the default).' }, RELEVANCE: { description: 'Best matches first.' } } as const,
})
const MatchedInEnum = builder.enumType('SearchMatchedIn', { values: ['MESSAGE', 'SUBJECT'] as const })

const TextRangeRef = builder.objectRef<{ start: number; length: number }>('TextRange').implement({
  description: 'A run of characters in a text (UTF-16 code units, as JavaScript counts them).',
  fields: (t) => ({ start: t.exposeInt('start'), length: t.exposeInt('length') }),
})

// The page's messages in one query.
const messagesById = createContextCache(
  (ctx: Context) => new DataLoader<string, MessageDTO | null>(async (ids) => ((m) => ids.map((id) => m.get(id) ?? null))(new Map((await messageDTOsByIds(ctx.db, ctx.viewer, ids)).flatMap((d) => (d ? [[d.id, d] as const] : []))))),
)

const HitRef = builder.objectRef<SearchHit>('MessageSearchHit').implement({
  description: 'A message (or a conversation’s subject) matching the search, with the words around the match.',
  fields: (t) => ({
    matchedIn: t.field({ type: MatchedInEnum, resolve: (h) => h.matchedIn }),
    conversation: t.field({ type: ConversationRef, resolve: (h, _a, ctx) => conversations.get(ctx, h.conversationId) }),
    message: t.field({ type: MessageRef, nullable: true, description: 'Null for a match in the subject.', resolve: (h, _a, ctx) => (h.messageId ? messagesById(ctx).load(h.messageId) : null) }),
    sequence: t.exposeInt('sequence', { nullable: true, description: 'The message’s sequence: open the conversation at it.' }),
    at: t.expose('at', { type: 'DateTime' }),
    snippet: t.exposeString('snippet', { description: 'Plain text around the match; `highlights` says where the matched words are.' }),
    highlights: t.field({ type: [TextRangeRef], resolve: (h) => h.highlights }),
    rank: t.exposeFloat('rank', { description: 'How well it matches (higher is better), for ordering by relevance.' }),
  }),
})

type Connection = SearchPage & { after: SearchCursor | null; order: 'NEWEST' | 'RELEVANCE' }
const cursorOf = (c: Connection, h: SearchHit, i: number) =>
  Buffer.from(c.order === 'NEWEST' ? `n:${h.at.toISOString()}:${h.id}` : `r:${(c.after && 'offset' in c.after ? c.after.offset : 0) + i + 1}`).toString('base64url')

const SearchConnectionRef = builder.objectRef<Connection>('MessageSearchConnection').implement({
  fields: (t) => ({
    edges: t.field({
      type: [builder.objectRef<{ node: SearchHit; cursor: string }>('MessageSearchEdge').implement({ fields: (e) => ({ node: e.field({ type: HitRef, resolve: (x) => x.node }), cursor: e.exposeString('cursor') }) })],
      resolve: (c) => c.hits.map((node, i) => ({ node, cursor: cursorOf(c, node, i) })),
    }),
    pageInfo: t.field({
      type: builder.objectRef<{ hasNextPage: boolean; endCursor: string | null }>('MessageSearchPageInfo').implement({
        fields: (p) => ({ hasNextPage: p.exposeBoolean('hasNextPage'), endCursor: p.exposeString('endCursor', { nullable: true }) }),
      }),
      resolve: (c) => ({ hasNextPage: c.hasMore, endCursor: c.hits.length ? cursorOf(c, c.hits.at(-1)!, c.hits.length - 1) : null }),
    }),
    notice: t.exposeString('notice', {
      nullable: true,
      description: 'What to tell the person about their query, when anything: only its first characters were searched, or it had no words to search for.',
    }),
  }),
})

function parseCursor(after: string | null | undefined, order: 'NEWEST' | 'RELEVANCE'): SearchCursor | null {
  if (after == null) return null
  const [kind, ...rest] = Buffer.from(after, 'base64url').toString('utf8').split(':')
  const value = rest.join(':')
  if (order === 'NEWEST' && kind === 'n') {
    const at = new Date(value.slice(0, 24))
    const id = value.slice(25)
    if (!Number.isNaN(at.getTime()) && /^[0-9a-f-]{36}$/.test(id)) return { at, id }
  }
  if (order === 'RELEVANCE' && kind === 'r' && /^\d{1,6}$/.test(value)) return { offset: Number(value) }
  throw badInput('"after" is not a cursor from this search (in this order).', 'after')
}

builder.queryFields((t) => ({
  searchMessages: t.field({
    type: SearchConnectionRef,
    description: `Full-text search over conversations you may see: with \`supplierId\`, that supplier’s inbox (its team); without, your own conversations as a buyer. Searches message bodies as you see them and subjects; "quoted phrases", \`or\` and \`-word\` work. Queries longer than ${MESSAGING_LIMITS.searchQuery} characters are cut (see \`notice\`).`,
    authScopes: { signedIn: true },
    errors: { types: [ForbiddenError, UnauthenticatedError], directResult: true },
    args: {
      query: t.arg.string({ required: true }),
      supplierId: t.arg.id(),
      order: t.arg({ type: SearchOrderEnum, defaultValue: 'NEWEST' }),
      first: t.arg.int({ description: `At most ${MAX_PAGE_SIZE}.` }),
      after: t.arg.string(),
    },
    resolve: async (_root, args, ctx) => {
      const first = args.first ?? DEFAULT_PAGE_SIZE
      if (first < 1 || first > MAX_PAGE_SIZE) throw badInput(`"first" must be between 1 and ${MAX_PAGE_SIZE}.`, 'first')
      const order = args.order ?? 'NEWEST'
      const after = parseCursor(args.after, order)
      const supplierId = args.supplierId ? decodeGlobalId(args.supplierId, 'Supplier', 'supplierId') : null
      const page = await searchMessages(ctx.db, ctx.viewer, { query: args.query, supplierId, order, limit: first, after })
      return { ...page, after, order }
    },
  }),
}))

