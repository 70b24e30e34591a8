// Expected failures are part of the API: every domain error class becomes a GraphQL type
// implementing `Error`, and mutations list the ones they can return in a result union.
import {
  ConflictError,
  type DomainError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  UnauthenticatedError,
  ValidationError,
} from '@rapport/core'
import { InvalidCredentialsError } from '@rapport/identity'
import { builder } from '../builder.ts'

export const ErrorInterface = builder.interfaceRef<DomainError>('Error').implement({
  description: 'An expected failure. `message` is written for people; `code` is stable for programs.',
  fields: (t) => ({
    message: t.exposeString('message'),
    code: t.exposeString('code'),
  }),
})

// One object type per error class; `isTypeOf` lets result unions pick the right member.
builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'The thing does not exist, or you may not see it.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof NotFoundError,
})
builder.objectType(ForbiddenError, {
  name: 'ForbiddenError',
  description: 'You are signed in but may not do this.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ForbiddenError,
})
builder.objectType(UnauthenticatedError, {
  name: 'UnauthenticatedError',
  description: 'Sign in first.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof UnauthenticatedError,
})
builder.objectType(ConflictError, {
  name: 'ConflictError',
  description: 'This conflicts with the current state (e.g. the email is taken).',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ConflictError,
})
builder.objectType(InvalidCredentialsError, {
  name: 'InvalidCredentialsError',
  description: 'Email or password is incorrect.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidCredentialsError,
})

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'The input breaks a rule; nothing was changed.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ValidationError,
  fields: (t) => ({ field: t.exposeString('field', { nullable: true, description: 'The input field at fault.' }) }),
})

builder.objectType(RateLimitedError, {
  name: 'RateLimitedError',
  description: 'Too many attempts. Try again later.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof RateLimitedError,
  fields: (t) => ({ retryAfterSeconds: t.exposeInt('retryAfterSeconds') }),
})
