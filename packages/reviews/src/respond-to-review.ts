// The supplier's public response: one per review, written by an owner or agent of the reviewed
// supplier, shown under the review with the responder's name and role. Editing it adds a
// version; earlier versions stay readable, as a review's do.
import { ForbiddenError, membershipOf, NotFoundError, UnauthenticatedError, ValidationError, type Viewer } from '@rapport/core'
import { v7 as uuidv7 } from 'uuid'
import { z } from 'zod'
import type { ReviewsDeps } from './deps.ts'
import { isUuid } from './input.ts'
import { REVIEW_LIMITS } from './limits.ts'
import { recordReviewEvent } from './review-events.ts'

export type RespondToReviewInput = { reviewId: string; body: string }

export type ReviewResponseDTO = {
  id: string
  reviewId: string
  supplierId: string
  /** The team member (SupplierMember id) who wrote the current version. */
  authorMemberId: string
  body: string
  version: number
  createdAt: Date
  updatedAt: Date
}

export type ReviewResponseVersionDTO = { version: number; body: string; authorMemberId: string; createdAt: Date }

const bodySchema = z.string().trim().min(1, 'Write a response.').max(REVIEW_LIMITS.response, `Keep the response under ${REVIEW_LIMITS.response.toLocaleString('en')} characters.`)

const toDTO = (r: { id: string; reviewId: string; supplierId: string; authorId: string; body: string; currentVersion: number; createdAt: Date; updatedAt: Date }): ReviewResponseDTO => ({
  id: r.id,
  reviewId: r.reviewId,
  supplierId: r.supplierId,
  authorMemberId: r.authorId,
  body: r.body,
  version: r.currentVersion,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
})

/** Writes the response, or its next version when there is one. */
export async function respondToReview(deps: ReviewsDeps, viewer: Viewer | null, input: RespondToReviewInput): Promise<ReviewResponseDTO> {
  if (!viewer) throw new UnauthenticatedError('Sign in to respond.')
  const review = isUuid(input.reviewId) ? await deps.db.review.findUnique({ where: { id: input.reviewId }, select: { id: true, supplierId: true, status: true } }) : null
  if (!review || review.status !== 'PUBLISHED') throw new NotFoundError('No such review.')
  const membership = membershipOf(viewer, review.supplierId)
  if (!membership) throw new ForbiddenError('Only the reviewed supplier’s team can respond.')
  const parsed = bodySchema.safeParse(input.body)
  if (!parsed.success) throw new ValidationError(parsed.error.issues[0]!.message, 'body')
  const body = parsed.data
  const now = deps.clock.now()
  const authorId = membership.memberId
  const response = await deps.db.$transaction(async (tx) => {
    // Insert or bump under the unique reviewId: two teammates responding at once get versions 1
    // and 2, never two responses or a lost edit.
    const [row] = await tx.$queryRaw<{ id: string; currentVersion: number }[]>`
      INSERT INTO "ReviewResponse" ("id", "reviewId", "supplierId", "authorId", "body", "createdAt", "updatedAt")
      VALUES (${uuidv7()}::uuid, ${review.id}::uuid, ${review.supplierId}::uuid, ${authorId}::uuid, ${body}, ${now.toISOString()}::timestamp, ${now.toISOString()}::timestamp)
      ON CONFLICT ("reviewId") DO UPDATE
        SET "body" = EXCLUDED."body", "authorId" = EXCLUDED."authorId", "updatedAt" = EXCLUDED."updatedAt",
            "currentVersion" = "ReviewResponse"."currentVersion" + 1
      RETURNING "id", "currentVersion"`
    await tx.reviewResponseVersion.create({ data: { responseId: row!.id, version: row!.currentVersion, body, authorId, createdAt: now } })
    await recordReviewEvent(tx, { supplierId: review.supplierId, type: 'REVIEW_RESPONDED', reviewId: review.id, at: now })
    return tx.reviewResponse.findUniqueOrThrow({ where: { id: row!.id } })
  })
  deps.announce?.(review.supplierId)
  return toDTO(response)
}

/** The published responses of these reviews, by review id. */
export async function responsesFor(deps: Pick<ReviewsDeps, 'db'>, reviewIds: readonly string[]): Promise<Map<string, ReviewResponseDTO>> {
  const ids = reviewIds.filter(isUuid)
  const rows = ids.length ? await deps.db.reviewResponse.findMany({ where: { reviewId: { in: ids }, status: 'PUBLISHED' } }) : []
  return new Map(rows.map((r) => [r.reviewId, toDTO(r)]))
}

/** Every version of a response, newest first. */
export async function responseVersions(deps: Pick<ReviewsDeps, 'db'>, responseId: string): Promise<ReviewResponseVersionDTO[]> {
  if (!isUuid(responseId)) return []
  const rows = await deps.db.reviewResponseVersion.findMany({ where: { responseId }, orderBy: { version: 'desc' } })
  return rows.map((v) => ({ version: v.version, body: v.body, authorMemberId: v.authorId, createdAt: v.createdAt }))
}
