// The supplier's public response: one per review, written by an owner or agent of the reviewed
// supplier, shown under the review with the responder's name and role. Editing it adds a
// version; earlier versions stay readable, as a review's do.
import { ForbiddenError, isStaff, membershipOf, NotFoundError, UnauthenticatedError, ValidationError, type Viewer } from '@rapport/core'
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
  /** PUBLISHED, or HIDDEN / REMOVED by moderators. */
  status: 'PUBLISHED' | 'HIDDEN' | 'REMOVED'
  version: number
  createdAt: Date
  updatedAt: Date
}

export type ReviewResponseVersionDTO = { version: number; body: string; authorMemberId: string; createdAt: Date }

const bodySchema = z.string().trim().min(1, 'Write a response.').max(REVIEW_LIMITS.response, `Keep the response under ${REVIEW_LIMITS.response.toLocaleString('en')} characters.`)

type ResponseRow = { id: string; reviewId: string; supplierId: string; authorId: string; body: string; status: ReviewResponseDTO['status']; currentVersion: number; createdAt: Date; updatedAt: Date }
const toDTO = (r: ResponseRow): ReviewResponseDTO => ({
  id: r.id,
  reviewId: r.reviewId,
  supplierId: r.supplierId,
  authorMemberId: r.authorId,
  body: r.body,
  status: r.status,
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
  const existing = await deps.db.reviewResponse.findUnique({ where: { reviewId: review.id }, select: { status: true } })
  // A hidden response can be rewritten (it stays hidden until a moderator restores it); a removed one is gone.
  if (existing?.status === 'REMOVED') throw new ForbiddenError('Your response was removed by moderators and cannot be edited.')
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
    await recordReviewEvent(deps, tx, { supplierId: review.supplierId, type: 'REVIEW_RESPONDED', reviewId: review.id, at: now })
    return tx.reviewResponse.findUniqueOrThrow({ where: { id: row!.id } })
  })
  deps.announce?.(review.supplierId)
  return toDTO(response)
}

/**
 * The responses of these reviews, by review id: published and hidden ones (a notice stands in a
 * hidden one's place) for everyone; removed ones for the supplier's team and moderators.
 */
export async function responsesFor(deps: Pick<ReviewsDeps, 'db'>, reviewIds: readonly string[], viewer?: Viewer | null): Promise<Map<string, ReviewResponseDTO>> {
  const ids = reviewIds.filter(isUuid)
  const rows = ids.length ? await deps.db.reviewResponse.findMany({ where: { reviewId: { in: ids } } }) : []
  const listed = rows.filter((r) => r.status !== 'REMOVED' || isStaff(viewer ?? null) || !!membershipOf(viewer ?? null, r.supplierId))
  return new Map(listed.map((r) => [r.reviewId, toDTO(r)]))
}

/** Responses by id, whatever their status (moderators' view of a report). */
export async function responsesByIds(deps: Pick<ReviewsDeps, 'db'>, ids: readonly string[]): Promise<ReviewResponseDTO[]> {
  const valid = ids.filter(isUuid)
  return valid.length ? (await deps.db.reviewResponse.findMany({ where: { id: { in: valid } } })).map(toDTO) : []
}

/** Every version of a response, newest first. */
export async function responseVersions(deps: Pick<ReviewsDeps, 'db'>, responseId: string): Promise<ReviewResponseVersionDTO[]> {
  if (!isUuid(responseId)) return []
  const rows = await deps.db.reviewResponseVersion.findMany({ where: { responseId }, orderBy: { version: 'desc' } })
  return rows.map((v) => ({ version: v.version, body: v.body, authorMemberId: v.authorId, createdAt: v.createdAt }))
}
