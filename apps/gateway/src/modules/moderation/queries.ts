// The moderators' queue: a Relay connection of reports, oldest open first.
import { moderationQueue } from '@rapport/reviews'
import { builder } from '../../builder.ts'
import { idConnection } from '../../schema/pagination.ts'
import { reviewsDeps } from '../reviews/deps.ts'
import { FlaggedContentKindEnum, FlagRef, FlagStatusEnum } from './types.ts'

builder.queryFields((t) => ({
  moderationQueue: t.connection({
    type: FlagRef,
    description: 'Reports for moderators and admins. OPEN (the default) lists the oldest first; decided ones the latest decided first.',
    authScopes: { staff: true },
    args: {
      status: t.arg({ type: FlagStatusEnum, description: 'Default OPEN.' }),
      kinds: t.arg({ type: [FlaggedContentKindEnum], description: 'Only reports about these kinds; all when empty.' }),
      olderThan: t.arg({ type: 'DateTime', description: 'Only reports made before this instant.' }),
      newerThan: t.arg({ type: 'DateTime', description: 'Only reports made at or after this instant.' }),
    },
    resolve: (_root, args, ctx) =>
      idConnection('Flag', args, (q) =>
        moderationQueue(reviewsDeps(ctx), ctx.viewer, { ...q, status: args.status ?? 'OPEN', kinds: args.kinds ?? undefined, olderThan: args.olderThan, newerThan: args.newerThan }),
      ),
  }),
}))
