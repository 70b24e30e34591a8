import { ValidationError } from '@rapport/core'
import { z } from 'zod'
import { REVIEW_LIMITS } from './limits.ts'

export const reviewContentSchema = z.object({
  rating: z.number().int('Choose 1 to 5 stars.').min(1, 'Choose 1 to 5 stars.').max(5, 'Choose 1 to 5 stars.'),
  title: z
    .string()
    .trim()
    .max(REVIEW_LIMITS.title, `Keep the title under ${REVIEW_LIMITS.title} characters.`)
    .nullish()
    .transform((t) => t || null),
  body: z.string().trim().min(1, 'Write a few words about your order.').max(REVIEW_LIMITS.body, `Keep the review under ${REVIEW_LIMITS.body.toLocaleString('en')} characters.`),
})
export type ReviewContent = z.output<typeof reviewContentSchema>

/** The input, checked; the first problem is a ValidationError naming its field. */
export function parseContent(raw: { rating: unknown; title?: unknown; body: unknown }): ReviewContent {
  const r = reviewContentSchema.safeParse(raw)
  if (r.success) return r.data
  const issue = r.error.issues[0]!
  throw new ValidationError(issue.message, String(issue.path[0] ?? 'body'))
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Ids arrive from clients: one that cannot be a UUID names nothing (and must not reach a uuid column). */
export const isUuid = (id: string) => UUID.test(id)
