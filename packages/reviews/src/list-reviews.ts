// Reviews of a supplier or of a product, in the order a reader picks, a page at a time. A review
// moderators hid keeps its place (the API shows the notice instead of its text); a removed one
// is listed only to its author.
import { isStaff, type Viewer } from '@rapport/core'
import type { Prisma } from '@rapport/db'
import type { ReviewsDeps } from './deps.ts'
import { toReviewDTO, type ReviewDTO } from './dto.ts'
import { isUuid } from './input.ts'

export const REVIEW_SORTS = ['MOST_HELPFUL', 'NEWEST', 'HIGHEST', 'LOWEST'] as const
export type ReviewSort = (typeof REVIEW_SORTS)[number]

export type ListReviewsInput = ({ supplierId: string } | { productId: string }) & {
  sort?: ReviewSort
  /** Only reviews with these stars (1–5); all when empty. */
  stars?: readonly number[]
  afterId?: string | null
  beforeId?: string | null
  limit: number
  /** Reading backwards (`last`/`before`): the same order, reversed. */
  inverted?: boolean
  /** Who reads: their own removed reviews are listed to them. */
  viewer?: Viewer | null
}

/**
 * Published and hidden reviews for everyone; removed ones for their author (and, by id,
 * moderators). A hidden review's stars are withheld with its text, and it is not counted in the
 * rating summary, so a list chosen or ordered by stars (`byRating`) leaves it out: otherwise its
 * place under "1 star", or among the lowest, would tell its rating.
 */
function visibleTo(viewer: Viewer | null | undefined, byRating = false): Prisma.ReviewWhereInput {
  const listed: Prisma.ReviewWhereInput = byRating ? { status: 'PUBLISHED' } : { status: { in: ['PUBLISHED', 'HIDDEN'] } }
  return viewer?.buyerId ? { OR: [listed, { buyerId: viewer.buyerId }] } : listed
}

/** Sorts that order by stars. */
const BY_RATING: ReadonlySet<ReviewSort> = new Set(['HIGHEST', 'LOWEST'])

const ORDER: Record<ReviewSort, (d: 'asc' | 'desc', flip: (d: 'asc' | 'desc') => 'asc' | 'desc') => Prisma.ReviewOrderByWithRelationInput[]> = {
  MOST_HELPFUL: (d) => [{ helpfulCount: d }, { createdAt: d }, { id: d }],
  NEWEST: (d) => [{ createdAt: d }, { id: d }],
  HIGHEST: (d) => [{ rating: d }, { createdAt: d }, { id: d }],
  LOWEST: (d, flip) => [{ rating: flip(d) }, { createdAt: d }, { id: d }],
}

export async function listReviews(deps: Pick<ReviewsDeps, 'db'>, input: ListReviewsInput): Promise<ReviewDTO[]> {
  const scopeId = 'supplierId' in input ? input.supplierId : input.productId
  if (!isUuid(scopeId)) return []
  const stars = (input.stars ?? []).filter((s) => Number.isInteger(s) && s >= 1 && s <= 5)
  const sort = input.sort ?? 'MOST_HELPFUL'
  const where: Prisma.ReviewWhereInput = {
    ...visibleTo(input.viewer, stars.length > 0 || BY_RATING.has(sort)),
    ...('supplierId' in input ? { supplierId: scopeId } : { order: { items: { some: { productId: scopeId } } } }),
    ...(stars.length ? { rating: { in: stars } } : {}),
  }
  const direction = input.inverted ? 'asc' : 'desc'
  const flip = (d: 'asc' | 'desc') => (d === 'asc' ? 'desc' : 'asc')
  const cursorId = input.inverted ? (input.beforeId ?? input.afterId) : (input.afterId ?? input.beforeId)
  const rows = await deps.db.review.findMany({
    where,
    orderBy: ORDER[sort](direction, flip),
    take: input.limit,
    ...(cursorId && isUuid(cursorId) ? { cursor: { id: cursorId }, skip: 1 } : {}),
  })
  return rows.map(toReviewDTO)
}

/** Reviews by id, for the API's node lookups: as listed to the viewer, and every one to moderators. */
export async function getReviewsByIds(deps: Pick<ReviewsDeps, 'db'>, ids: readonly string[], viewer?: Viewer | null): Promise<ReviewDTO[]> {
  const valid = ids.filter(isUuid)
  if (!valid.length) return []
  return (await deps.db.review.findMany({ where: { id: { in: valid }, ...(isStaff(viewer ?? null) ? {} : visibleTo(viewer)) } })).map(toReviewDTO)
}

/** The review of each of these orders, whatever its status (the order's buyer and supplier see their own). */
export async function reviewsOfOrders(deps: Pick<ReviewsDeps, 'db'>, orderIds: readonly string[]): Promise<Map<string, ReviewDTO>> {
  const valid = orderIds.filter(isUuid)
  if (!valid.length) return new Map()
  const rows = await deps.db.review.findMany({ where: { orderId: { in: valid } } })
  return new Map(rows.map((r) => [r.orderId, toReviewDTO(r)]))
}
