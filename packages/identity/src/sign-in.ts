import { DomainError, RateLimitedError } from '@rapport/core'
import { z } from 'zod'
import type { IdentityDeps } from './deps.ts'
import { parseInput } from './input.ts'
import { hashPassword, verifyPassword } from './password.ts'
import { createSession, type IssuedSession } from './sessions.ts'

export class InvalidCredentialsError extends DomainError {
  readonly code = 'INVALID_CREDENTIALS'
  override name = 'InvalidCredentialsError'
  constructor() {
    super('Email or password is incorrect.')
  }
}

const signInSchema = z.object({
  email: z.string().trim().toLowerCase().min(1, 'Enter your email.').max(254),
  password: z.string().min(1, 'Enter your password.').max(200),
})
export type SignInInput = z.input<typeof signInSchema>

// Verifying against a real hash when the account does not exist keeps the response time
// the same, so timing does not reveal which emails have accounts.
let dummyHash: Promise<string> | undefined

/**
 * Checks the password and opens a session. Failures are counted per account and IP address
 * together (consecutive; a success clears them) and per IP address (daily); past either limit
 * the answer is RATE_LIMITED with a retry delay, whatever the password. An account is never
 * locked for everyone: failures from one address block that address only.
 */
export async function signIn(
  deps: IdentityDeps,
  raw: SignInInput,
  meta: { ip: string; userAgent?: string | null },
): Promise<{ userId: string; session: IssuedSession }> {
  const input = parseInput(signInSchema, raw)
  // Counted before the (slow) password check, so attempts in flight at once cannot all pass.
  const wait = await deps.limiter.begin(input.email, meta.ip)
  if (wait > 0)
    throw new RateLimitedError(`Too many sign-in attempts. Try again in ${formatWait(wait)}.`, wait)

  const user = await deps.db.user.findUnique({ where: { email: input.email } })
  const ok = user
    ? await verifyPassword(input.password, user.passwordHash)
    : await verifyPassword(input.password, await (dummyHash ??= hashPassword('not-a-real-password')))
  // A failure was counted by begin.
  if (!user || !ok || user.disabledAt) throw new InvalidCredentialsError()
  await deps.limiter.succeed(input.email, meta.ip)
  const session = await createSession(deps, user.id, meta)
  return { userId: user.id, session }
}

/**
 * Re-authentication before something that cannot be undone (deleting the account): the person's
 * password again, counted against the same limits as sign-in, so it cannot be guessed faster here.
 */
export async function confirmPassword(deps: IdentityDeps, userId: string, password: string, meta: { ip: string }): Promise<void> {
  const user = await deps.db.user.findUnique({ where: { id: userId }, select: { email: true, passwordHash: true, disabledAt: true } })
  if (!user || user.disabledAt) throw new InvalidCredentialsError()
  const wait = await deps.limiter.begin(user.email, meta.ip)
  if (wait > 0) throw new RateLimitedError(`Too many attempts. Try again in ${formatWait(wait)}.`, wait)
  if (!(await verifyPassword(password, user.passwordHash))) throw new WrongPasswordError()
  await deps.limiter.succeed(user.email, meta.ip)
}

/** The API's InvalidCredentialsError, worded for a person who is already signed in. */
export class WrongPasswordError extends InvalidCredentialsError {
  override name = 'WrongPasswordError'
  constructor() {
    super()
    this.message = 'That password is not right.'
  }
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`
  if (seconds < 90 * 60) return `${Math.ceil(seconds / 60)} minutes`
  return `${Math.ceil(seconds / 3600)} hours` // the daily per-address block
}
