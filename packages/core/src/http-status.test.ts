import { describe, expect, it } from 'vitest'
import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError, UnauthenticatedError, ValidationError } from './errors.ts'
import { httpStatusFor } from './http-status.ts'

describe('httpStatusFor', () => {
  it('gives every domain error class its own status', () => {
    expect(httpStatusFor(new ValidationError('x').code)).toBe(400)
    expect(httpStatusFor(new UnauthenticatedError('x').code)).toBe(401)
    expect(httpStatusFor(new ForbiddenError('x').code)).toBe(403)
    expect(httpStatusFor(new NotFoundError('x').code)).toBe(404)
    expect(httpStatusFor(new ConflictError('x').code)).toBe(409)
    expect(httpStatusFor(new RateLimitedError('x', 5).code)).toBe(429)
  })

  it('treats an unknown or missing code as the server’s fault', () => {
    expect(httpStatusFor('SOMETHING_NEW')).toBe(500)
    expect(httpStatusFor(undefined)).toBe(500)
    expect(httpStatusFor('toString')).toBe(500)
  })
})
