// Input rules shared by sign-up, sign-in and invitations. Each failure becomes a
// ValidationError naming the field, so forms can show the message beside it.
import { ValidationError } from '@rapport/core'
import { z } from 'zod'

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'Email is too long.')
  .pipe(z.email('Enter a valid email address.'))

export const passwordSchema = z
  .string()
  .min(10, 'Use at least 10 characters for your password.')
  .max(200, 'Use at most 200 characters for your password.')

export const displayNameSchema = z.string().trim().min(1, 'Enter your name.').max(80, 'Use at most 80 characters.')

export const timeZoneSchema = z.string().refine(isTimeZone, 'Choose a time zone such as Europe/Lisbon.')

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value })
    return value.includes('/') || value === 'UTC'
  } catch {
    return false
  }
}

/** Parses with a zod schema; the first problem becomes a ValidationError on its field. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const issue = result.error.issues[0]!
  throw new ValidationError(issue.message, issue.path.join('.') || undefined)
}
