// Expected failures are DomainErrors: a stable `code` clients can branch on and a message
// that is safe to show a person. Anything else that escapes is a bug: logged, and masked.

export abstract class DomainError extends Error {
  abstract readonly code: string
  override name = 'DomainError'
}

/** The input is malformed or breaks a rule; nothing was changed. */
export class ValidationError extends DomainError {
  readonly code = 'VALIDATION_FAILED'
  override name = 'ValidationError'
  constructor(
    message: string,
    /** Which input field, when one is to blame (e.g. "email"). */
    readonly field?: string,
  ) {
    super(message)
  }
}

/** The thing does not exist — or the viewer may not know that it does. */
export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND'
  override name = 'NotFoundError'
}

/** The viewer is signed in but may not do this. */
export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN'
  override name = 'ForbiddenError'
}

/** This needs a signed-in viewer (or the session is no longer valid). */
export class UnauthenticatedError extends DomainError {
  readonly code = 'UNAUTHENTICATED'
  override name = 'UnauthenticatedError'
}

/** The request conflicts with the current state (a taken email, a used invitation). */
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT'
  override name = 'ConflictError'
}

/** Too many attempts; try again after `retryAfterSeconds`. */
export class RateLimitedError extends DomainError {
  readonly code = 'RATE_LIMITED'
  override name = 'RateLimitedError'
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message)
  }
}
