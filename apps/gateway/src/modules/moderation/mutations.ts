// Reporting content and deciding reports: decode ids, call one domain function.
import { decodeGlobalID } from '@pothos/plugin-relay'
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '@rapport/core'
import { AlreadyDecidedError, CannotFlagOwnContentError, decideFlag, flagContent } from '@rapport/reviews'
import { builder } from '../../builder.ts'
import { decodeGlobalId } from '../../schema/ids.ts'
import { ReportReasonEnum } from '../messaging/mutations.ts'
import { reviewsDeps } from '../reviews/deps.ts'
import './errors.ts'
import { FlagRef, KIND_BY_TYPENAME, ModerationActionEnum, ModerationDecisionRef } from './types.ts'

const FlagContentInput = builder.inputType('FlagContentInput', {
  fields: (t) => ({
    contentId: t.id({ required: true, description: 'The Review, ReviewResponse, ProductQuestion or ProductAnswer to report.' }),
    reason: t.field({ type: ReportReasonEnum, required: true }),
    details: t.string({ description: 'What moderators should know (Limits.flagDetailsMaxLength).' }),
  }),
})
const DecideFlagInput = builder.inputType('DecideFlagInput', {
  fields: (t) => ({
    flagId: t.id({ required: true }),
    action: t.field({ type: ModerationActionEnum, required: true, description: 'A reported conversation can only be kept.' }),
    reason: t.string({ required: true, description: 'Shown to the author (Limits.moderationReasonMaxLength).' }),
  }),
})

/** The kind and id a content id names; anything else is a ValidationError on `contentId`. */
function content(globalId: string | number) {
  try {
    const { typename } = decodeGlobalID(String(globalId))
    const kind = KIND_BY_TYPENAME[typename]
    if (kind) return { targetType: kind, targetId: decodeGlobalId(globalId, typename, 'contentId') }
  } catch {
    // fall through
  }
  throw new ValidationError('"contentId" is not a Review, ReviewResponse, ProductQuestion or ProductAnswer id.', 'contentId')
}

builder.mutationFields((t) => ({
  flagContent: t.field({
    type: FlagRef,
    description: 'Reports a review, a response, a question or an answer to moderators. One report per person and thing: reporting again updates it.',
    authScopes: { signedIn: true },
    errors: { types: [UnauthenticatedError, NotFoundError, ValidationError, CannotFlagOwnContentError], directResult: true },
    args: { input: t.arg({ type: FlagContentInput, required: true }) },
    resolve: (_root, { input }, ctx) => flagContent(reviewsDeps(ctx), ctx.viewer, { ...content(input.contentId), reason: input.reason, details: input.details }),
  }),
  decideFlag: t.field({
    type: ModerationDecisionRef,
    description:
      'Moderators and admins decide a report: keep, hide, remove or restore the content, with a reason its author sees. Every open report about the same thing is closed with it, and the decision is logged.',
    authScopes: { staff: true },
    errors: { types: [UnauthenticatedError, ForbiddenError, NotFoundError, ValidationError, AlreadyDecidedError, ConflictError], directResult: true },
    args: { input: t.arg({ type: DecideFlagInput, required: true }) },
    resolve: (_root, { input }, ctx) => decideFlag(reviewsDeps(ctx), ctx.viewer, { flagId: decodeGlobalId(input.flagId, 'Flag', 'flagId'), action: input.action, reason: input.reason }),
  }),
}))
