import { encodeGlobalID, resolveCursorConnection } from '@pothos/plugin-relay'
import {
  listBuyerConversations,
  listMessages,
  listSavedReplies,
  listSupplierInbox,
  buyerResponseMetrics,
  describeResponseMetrics,
  listResponseIntervals,
  loadConversation,
  supplierMetricsByAgent,
  supplierMetricsTrend,
  supplierSettings,
  supplierResponseMetrics,
  totalUnreadConversations,
  SAVED_REPLY_PLACEHOLDERS,
  type ConversationFilter,
  type DescribedMetrics,
  type MessageDTO,
} from '@rapport/messaging'
import type { SavedReply } from '@rapport/db'
import { createContextCache } from '@pothos/core'
import { builder } from '../../builder.ts'
import type { Context } from '../../context.ts'
import { SupplierRef } from '../catalog/supplier.ts'
import { decodeGlobalId } from '../../schema/ids.ts'
import { BuyerRef, teamMember, ViewerRef } from '../identity/types.ts'
import { badInput, idConnection, MAX_PAGE_SIZE } from '../../schema/pagination.ts'
import { ResponseIntervalRef, ResponseMetricsDefinitionRef } from './response-intervals.ts'
import { ConversationRef, ConversationStatusEnum, MessageRef } from './types.ts'

const ConversationFilterInput = builder.inputType('ConversationFilter', {
  fields: (t) => ({
    status: t.field({ type: ConversationStatusEnum }),
    needsReply: t.boolean({ description: 'The viewer’s side owes a reply.' }),
    label: t.string(),
    assigneeId: t.id({ description: 'A TeamMember id.' }),
    unassigned: t.boolean(),
    unread: t.boolean({ description: 'Only conversations with messages the viewer has not read.' }),
  }),
})

function toFilter(f: { status?: string | null; needsReply?: boolean | null; label?: string | null; assigneeId?: string | number | null; unassigned?: boolean | null; unread?: boolean | null } | null | undefined): ConversationFilter | null {
  if (!f) return null
  return {
    status: (f.status ?? null) as ConversationFilter['status'],
    needsReply: f.needsReply,
    label: f.label,
    assigneeId: f.assigneeId ? decodeGlobalId(f.assigneeId, 'TeamMember', 'filter.assigneeId') : null,
    unassigned: f.unassigned,
    unread: f.unread,
  }
}

// awayEnabled, awayMessage and closures come from one read per supplier and operation.
const settingsCache = createContextCache((_ctx: Context) => new Map<string, ReturnType<typeof supplierSettings>>())
function settingsOf(ctx: Context, supplierId: string) {
  const cache = settingsCache(ctx)
  let settings = cache.get(supplierId)
  if (!settings) cache.set(supplierId, (settings = supplierSettings(ctx.db, supplierId, ctx.clock.now())))
  return settings
}

const MetricsWindowEnum = builder.enumType('MetricsWindow', {
  values: { DAYS_30: { value: 30 }, DAYS_90: { value: 90 } } as const,
})

type Metrics = DescribedMetrics
const ResponseMetricsRef = builder.objectRef<Metrics>('ResponseMetrics').implement({
  description: 'Response times in the supplier’s service hours (see packages/messaging/src/metrics/README.md). Null when there are too few data.',
  fields: (t) => ({
    conversations: t.exposeInt('conversations', { description: 'Conversations started in the window.' }),
    medianFirstResponse: t.exposeInt('medianFirstResponse', { nullable: true, description: 'Seconds of service time.' }),
    withinTargetRate: t.exposeFloat('withinTargetRate', { nullable: true, description: 'Share of replies (0–1) within the response target.' }),
    responseRate: t.exposeFloat('responseRate', { nullable: true, description: 'Share of conversations (0–1) that got an answer.' }),
    usuallyRepliesWithin: t.exposeInt('usuallyRepliesWithin', { nullable: true, description: 'Seconds of service time covering three replies in four, rounded up to 1h, 2h, 4h, 8h, 1, 2 or 3 days or a week.' }),
    samples: t.exposeInt('samples', { description: 'Answered waits counted (first responses and follow-ups).' }),
    definition: t.field({
      type: ResponseMetricsDefinitionRef,
      description: 'How these figures were computed: their window, time basis, target and one formula per figure, generated from the code that computes them.',
      resolve: (m) => describeResponseMetrics(m.basis),
    }),
  }),
})

const MetricsPeriodRef = builder.objectRef<{ start: Date; end: Date; metrics: Metrics }>('ResponseMetricsPeriod').implement({
  description: 'Response metrics of the questions asked in one period (judged as of now).',
  fields: (t) => ({
    start: t.expose('start', { type: 'DateTime' }),
    end: t.expose('end', { type: 'DateTime' }),
    metrics: t.field({ type: ResponseMetricsRef, resolve: (p) => p.metrics }),
  }),
})

const AgentMetricsRef = builder.objectRef<{ memberId: string; metrics: Metrics }>('AgentResponseMetrics').implement({
  fields: (t) => ({
    memberId: t.id({ description: 'The TeamMember id (global, as in Supplier.team).', resolve: (a) => encodeGlobalID('TeamMember', a.memberId) }),
    displayName: t.string({
      resolve: async (a, _args, ctx) => (await teamMember(ctx, a.memberId))?.displayName ?? 'Former member',
    }),
    metrics: t.field({ type: ResponseMetricsRef, resolve: (a) => a.metrics }),
  }),
})

const PlaceholderRef = builder.objectRef<(typeof SAVED_REPLY_PLACEHOLDERS)[number]>('SavedReplyPlaceholder').implement({
  description: 'What a saved reply may say that is filled per conversation, e.g. {{buyer.firstName}}.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Written in a reply as {{key}}.' }),
    description: t.exposeString('description'),
    example: t.exposeString('example', { description: 'A value it could take, for previews.' }),
  }),
})

builder.queryFields((t) => ({
  savedReplyPlaceholders: t.field({
    type: [PlaceholderRef],
    description: 'The placeholders saved replies may use; others are left as written.',
    authScopes: { public: true },
    resolve: () => [...SAVED_REPLY_PLACEHOLDERS],
  }),
}))

export const SavedReplyRef = builder.objectRef<SavedReply>('SavedReply').implement({
  description: 'A reply the team can insert; placeholders like {{buyer.firstName}} are filled per conversation.',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    body: t.exposeString('body'),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
})

builder.objectFields(ViewerRef, (t) => ({
  conversations: t.connection({
    type: ConversationRef,
    description: 'The viewer’s conversations as a buyer, newest activity first.',
    args: { filter: t.arg({ type: ConversationFilterInput }) },
    resolve: (_v, args, ctx) => idConnection('Conversation', args, (q) => listBuyerConversations(ctx.db, ctx.viewer, toFilter(args.filter), q)),
  }),
  unreadCount: t.int({
    description: 'Conversations with unread messages, as a buyer and on every team.',
    resolve: (_v, _args, ctx) => totalUnreadConversations(ctx.db, ctx.viewer),
  }),
}))

builder.objectFields(BuyerRef, (t) => ({
  responseMetrics: t.field({
    type: ResponseMetricsRef,
    description: 'How quickly this buyer answers suppliers’ questions (wall-clock time): both sides are customers.',
    args: { window: t.arg({ type: MetricsWindowEnum, defaultValue: 30 }) },
    resolve: (b, args, ctx) => buyerResponseMetrics(ctx.db, b.id, args.window ?? 30, ctx.clock.now()),
  }),
}))

builder.objectFields(SupplierRef, (t) => ({
  inbox: t.connection({
    type: ConversationRef,
    description: 'The team inbox, newest activity first. Members of this supplier only.',
    authScopes: (s) => ({ memberOf: s.id }),
    args: { filter: t.arg({ type: ConversationFilterInput }) },
    resolve: (s, args, ctx) => idConnection('Conversation', args, (q) => listSupplierInbox(ctx.db, ctx.viewer, s.id, toFilter(args.filter), q)),
  }),
  responseMetrics: t.field({
    type: ResponseMetricsRef,
    description: 'Public: how this supplier answers, in its own service hours.',
    args: { window: t.arg({ type: MetricsWindowEnum, defaultValue: 30 }) },
    resolve: (s, args, ctx) => supplierResponseMetrics(ctx.db, s.id, args.window ?? 30, ctx.clock.now()),
  }),
  responseMetricsByAgent: t.field({
    type: [AgentMetricsRef],
    description: 'The same metrics per team member. Members of this supplier only.',
    authScopes: (s) => ({ memberOf: s.id }),
    args: { window: t.arg({ type: MetricsWindowEnum, defaultValue: 30 }) },
    resolve: async (s, args, ctx) =>
      [...(await supplierMetricsByAgent(ctx.db, s.id, args.window ?? 30, ctx.clock.now())).entries()].map(([memberId, metrics]) => ({ memberId, metrics })),
  }),
  responseIntervals: t.connection({
    type: ResponseIntervalRef,
    description:
      'The waits for this team’s reply behind `responseMetrics(window)`, newest opened first: recomputing the figures from them gives the published ones. Members of this supplier only.',
    authScopes: (s) => ({ memberOf: s.id }),
    args: {
      window: t.arg({ type: MetricsWindowEnum, defaultValue: 30 }),
      answered: t.arg.boolean({ description: 'Only answered waits (true) or only unanswered ones (false); both when omitted.' }),
    },
    resolve: (s, args, ctx) =>
      idConnection('ResponseInterval', args, (page) =>
        listResponseIntervals(ctx.db, ctx.viewer, { supplierId: s.id, windowDays: args.window ?? 30, now: ctx.clock.now(), answered: args.answered, page }),
      ),
  }),
  savedReplies: t.field({
    type: [SavedReplyRef],
    authScopes: (s) => ({ memberOf: s.id }),
    resolve: (s, _args, ctx) => listSavedReplies(ctx.db, ctx.viewer, s.id),
  }),
  responseMetricsTrend: t.field({
    type: [MetricsPeriodRef],
    description: 'Weekly response metrics, oldest week first, the last week ending now. Members of this supplier only.',
    authScopes: (s) => ({ memberOf: s.id }),
    args: { weeks: t.arg.int({ defaultValue: 12, description: '1 to 26.' }) },
    resolve: (s, args, ctx) => {
      const weeks = args.weeks ?? 12
      if (weeks < 1 || weeks > 26) throw badInput(`"weeks" must be between 1 and 26 (got ${weeks}).`, 'weeks')
      return supplierMetricsTrend(ctx.db, s.id, weeks, 7, ctx.clock.now())
    },
  }),
  awayEnabled: t.boolean({
    description: 'Buyers who write get the away message as an automatic reply.',
    resolve: async (s, _args, ctx) => (await settingsOf(ctx, s.id)).awayEnabled,
  }),
  awayMessage: t.string({
    nullable: true,
    description: 'The automatic reply sent while away. Members of this supplier only.',
    authScopes: (s) => ({ memberOf: s.id }),
    resolve: async (s, _args, ctx) => (await settingsOf(ctx, s.id)).awayMessage,
  }),
  closures: t.stringList({
    description: 'Upcoming local dates ("YYYY-MM-DD") with no service, soonest first.',
    resolve: async (s, _args, ctx) => (await settingsOf(ctx, s.id)).closures,
  }),
}))

// Message cursors are sequence numbers: stable, and meaningful for resume.
const seqCursor = (m: MessageDTO) => Buffer.from(`Message#${m.sequence}`).toString('base64url')
function seqFromCursor(cursor: string | undefined, arg: string): number | undefined {
  if (cursor == null) return undefined
  const m = /^Message#(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  if (!m) throw badInput(`"${arg}" is not a cursor from this list.`, arg)
  return Number(m[1])
}

builder.objectFields(ConversationRef, (t) => ({
  messages: t.connection({
    type: MessageRef,
    description: 'Messages by sequence. `last: 50` gives the newest fifty; page back with `before`.',
    resolve: (c, args, ctx) => {
      for (const name of ['first', 'last'] as const) {
        const v = args[name]
        if (v != null && (v < 0 || v > MAX_PAGE_SIZE)) throw badInput(`"${name}" must be between 0 and ${MAX_PAGE_SIZE} (got ${v}).`, name)
      }
      return resolveCursorConnection<Promise<MessageDTO[]>>({ args, toCursor: seqCursor, defaultSize: 50, maxSize: MAX_PAGE_SIZE }, ({ after, before, limit, inverted }) =>
        listMessages(ctx.db, ctx.viewer, c.id, {
          afterSequence: seqFromCursor(after, 'after'),
          beforeSequence: seqFromCursor(before, 'before'),
          limit,
          inverted,
        }),
      )
    },
  }),
}))

builder.queryFields((t) => ({
  conversation: t.field({
    type: ConversationRef,
    nullable: true,
    description: 'One conversation, for its buyer or the supplier’s members; null for anyone else.',
    authScopes: { signedIn: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const id = decodeGlobalId(args.id, 'Conversation', 'id')
      try {
        return (await loadConversation(ctx.db, ctx.viewer, id)).conversation
      } catch {
        return null
      }
    },
  }),
}))
