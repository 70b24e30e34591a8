export {
  DomainError,
  ValidationError,
  NotFoundError,
  ForbiddenError,
  UnauthenticatedError,
  ConflictError,
  RateLimitedError,
} from './errors.ts'
export { isStaff, membershipOf } from './viewer.ts'
export type { Viewer, PlatformRole, MemberRole, ApiKeyGrant } from './viewer.ts'
export { systemClock } from './clock.ts'
export type { Clock } from './clock.ts'
export type { AttemptLimiter } from './limiter.ts'
export { HTTP_STATUS_BY_CODE, httpStatusFor } from './http-status.ts'
export type { ErrorCode } from './http-status.ts'
export { messagePreview, PREVIEW_LENGTH } from './preview.ts'
export { accessReason, describeAccessReason, STAFF_ACCESS_REASONS } from './access-reasons.ts'
export type { StaffAccessReason } from './access-reasons.ts'
