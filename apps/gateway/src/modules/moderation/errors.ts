// Moderation's refusals as API types.
import { AlreadyDecidedError, CannotFlagOwnContentError } from '@rapport/reviews'
import { builder } from '../../builder.ts'
import { ErrorInterface } from '../../schema/errors.ts'
import { ContentStatusEnum } from './types.ts'

builder.objectType(CannotFlagOwnContentError, {
  name: 'CannotFlagOwnContentError',
  description: 'You cannot report your own review, response, question or answer; edit or delete it instead.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof CannotFlagOwnContentError,
})
builder.objectType(AlreadyDecidedError, {
  name: 'AlreadyDecidedError',
  description: 'Another decision came first: the report is closed, or the content is already in that state.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof AlreadyDecidedError,
  fields: (t) => ({ currentStatus: t.expose('currentStatus', { type: ContentStatusEnum, nullable: true, description: 'The content’s status now; null for a conversation or deleted content.' }) }),
})
