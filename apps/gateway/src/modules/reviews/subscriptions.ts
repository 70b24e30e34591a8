// reviewEvents: a supplier team's live feed of what happens to its reviews. Every event is a
// row of the DomainEvent outbox with an increasing id (see @rapport/reviews' review-events.ts),
// so the feed replays after the client's cursor, confirms with SUBSCRIBED, and then, whenever
// pub/sub pokes it (or comes back after a blip), reads on from its last delivered id. Nothing
// rides on the pub/sub message itself: a lost poke costs latency until the next one or the
// resync, never an event.
import { encodeGlobalID } from '@pothos/plugin-relay'
import { ForbiddenError, membershipOf } from '@rapport/core'
import { lastEventId, REVIEW_EVENT_TYPES, reviewEventsAfter, type ReviewEventDTO } from '@rapport/reviews'
import { builder } from '../../builder.ts'
import type { Context } from '../../context.ts'
import { CursorFeed, openCursorFeed } from '../../cursor-feed.ts'
import { decodeGlobalId } from '../../schema/ids.ts'
import { topic } from '../../topics.ts'
import { reviewsDeps } from './deps.ts'
import { ProductQuestionRef, questions } from './questions.ts'
import { ReviewRef, reviews } from './types.ts'

export type ReviewEventPayload = ReviewEventDTO | { type: 'SUBSCRIBED'; id: string; supplierId: string; reviewId: null; questionId: null; at: Date; decision: null }
type Payload = ReviewEventPayload

const ReviewEventKind = builder.enumType('ReviewEventKind', {
  values: {
    SUBSCRIBED: { description: 'The feed is live; `cursor` is where it starts.' },
    ...Object.fromEntries(REVIEW_EVENT_TYPES.map((t) => [t, {}])),
  } as Record<'SUBSCRIBED' | (typeof REVIEW_EVENT_TYPES)[number], object>,
})

export const ReviewEventRef = builder.objectRef<Payload>('ReviewEvent').implement({
  description: 'Something that happened to one of the supplier’s reviews or product questions. Keep `cursor` and pass it as `after` when you subscribe again.',
  fields: (t) => ({
    kind: t.field({ type: ReviewEventKind, resolve: (e) => e.type }),
    cursor: t.string({ resolve: (e) => e.id }),
    at: t.field({ type: 'DateTime', resolve: (e) => e.at }),
    reviewId: t.id({ nullable: true, resolve: (e) => (e.reviewId ? encodeGlobalID('Review', e.reviewId) : null) }),
    review: t.field({
      type: ReviewRef,
      nullable: true,
      description: 'The review as it is now (for FLAG_DECIDED about a response, the review it answers); null once deleted, or removed by moderators.',
      resolve: (e, _args, ctx) => (e.reviewId ? reviews.find(ctx, e.reviewId) : null),
    }),
    questionId: t.id({ nullable: true, resolve: (e) => (e.questionId ? encodeGlobalID('ProductQuestion', e.questionId) : null) }),
    question: t.field({
      type: ProductQuestionRef,
      nullable: true,
      description: 'The product question (with its answers) as it is now, for QUESTION_* events; null once hidden.',
      resolve: (e, _args, ctx) => (e.questionId ? questions.find(ctx, e.questionId) : null),
    }),
  }),
})

function reviewEventFeed(ctx: Context, supplierId: string): CursorFeed<Payload> {
  const services = ctx.services
  return new CursorFeed<Payload>({
    name: 'review event',
    logger: services.logger,
    pageSize: 100,
    readAfter: (cursor) => reviewEventsAfter(reviewsDeps(services), supplierId, cursor, 100),
    cursorOf: (e) => BigInt(e.id),
    subscribed: (cursor) => ({ type: 'SUBSCRIBED', id: cursor.toString(), supplierId, reviewId: null, questionId: null, at: services.clock.now(), decision: null }),
  })
}

builder.subscriptionFields((t) => ({
  reviewEvents: t.field({
    type: ReviewEventRef,
    description: 'New, updated, deleted and answered reviews of a supplier, questions asked and answered about its products, and moderators’ decisions about its reviews, responses, questions and answers (FLAG_DECIDED), for its team: replays after `after` (a cursor), sends SUBSCRIBED, then streams live.',
    authScopes: { signedIn: true },
    args: { supplierId: t.arg.id({ required: true }), after: t.arg.string({ description: 'The last cursor you received; omit to start from now.' }) },
    subscribe: async (_root, args, ctx) => {
      const supplierId = decodeGlobalId(args.supplierId, 'Supplier', 'supplierId')
      if (!membershipOf(ctx.viewer, supplierId)) throw new ForbiddenError('Only the supplier’s team can follow its reviews live.')
      // A cursor is checked against the newest event of all (a SUBSCRIBED sent before this
      // rule may hold one); "from now" is the supplier's newest, which no uncommitted event
      // of this supplier can be older than (see lastEventId).
      const deps = reviewsDeps(ctx)
      return openCursorFeed(ctx, reviewEventFeed(ctx, supplierId), topic.supplierReviews(supplierId), args.after, () =>
        Promise.all([lastEventId(deps), lastEventId(deps, supplierId)]),
      )
    },
    resolve: (e) => e,
  }),
}))
