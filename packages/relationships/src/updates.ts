// Supplier updates: short news a team posts to its followers. Posting writes the update and
// enqueues its fan-out in one transaction; the fan-out job notifies every follower who has
// not muted the supplier (a thousand followers are one job, not a thousand inserts in the
// poster's request).
import { ForbiddenError, membershipOf, NotFoundError, RateLimitedError, ValidationError, type Viewer } from '@rapport/core'
import type { Prisma } from '@rapport/db'
import type { Notice, RelationshipsDeps } from './deps.ts'
import { pageSize, uuidCursor } from './follows.ts'
import { RELATIONSHIP_LIMITS } from './limits.ts'

/** An update's picture: a file from the attachment store (public with the update). */
export type UpdateImageDTO = { id: string; fileName: string; contentType: string; byteSize: number; width: number | null; height: number | null }

export type SupplierUpdateDTO = { id: string; supplierId: string; authorId: string; title: string; body: string; publishedAt: Date; image: UpdateImageDTO | null }

/** `imageId`: a picture the poster uploaded (POST /attachments) and has not used elsewhere. */
export type PostSupplierUpdateInput = { supplierId: string; title: string; body: string; imageId?: string | null }

const WITH_IMAGE = { image: { select: { id: true, fileName: true, contentType: true, byteSize: true, width: true, height: true } } } as const
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const DAY_MS = 24 * 60 * 60 * 1000

export async function postSupplierUpdate(deps: RelationshipsDeps, viewer: Viewer | null, input: PostSupplierUpdateInput): Promise<SupplierUpdateDTO> {
  const member = membershipOf(viewer, input.supplierId)
  if (!member) throw new ForbiddenError('Only the supplier’s team can post its updates.')
  const title = input.title.trim()
  const body = input.body.trim()
  if (!title) throw new ValidationError('Give the update a title.', 'title')
  if (title.length > RELATIONSHIP_LIMITS.updateTitleMax) throw new ValidationError(`The title can be at most ${RELATIONSHIP_LIMITS.updateTitleMax} characters.`, 'title')
  if (!body) throw new ValidationError('Write what the update says.', 'body')
  if (body.length > RELATIONSHIP_LIMITS.updateBodyMax) throw new ValidationError(`An update can be at most ${RELATIONSHIP_LIMITS.updateBodyMax} characters.`, 'body')
  const imageId = input.imageId ?? null
  if (imageId !== null && !UUID.test(imageId)) throw new ValidationError('That is not an uploaded picture.', 'imageId')
  const at = deps.clock.now()
  return deps.db.$transaction(async (tx) => {
    // The supplier's row lock makes "how many in the last day" and the insert one step, so
    // two teammates posting at once cannot both take the last slot.
    await tx.$executeRaw`SELECT 1 FROM "Supplier" WHERE "id" = ${input.supplierId}::uuid FOR NO KEY UPDATE`
    const recent = await tx.supplierUpdate.findMany({
      where: { supplierId: input.supplierId, publishedAt: { gt: new Date(at.getTime() - DAY_MS) } },
      orderBy: { publishedAt: 'asc' },
      select: { publishedAt: true },
    })
    if (recent.length >= RELATIONSHIP_LIMITS.updatesPerDay) {
      const retryAfterSeconds = Math.ceil((recent[0]!.publishedAt.getTime() + DAY_MS - at.getTime()) / 1000)
      throw new RateLimitedError(`A supplier can post ${RELATIONSHIP_LIMITS.updatesPerDay} updates a day; the next one can go out in ${humanDuration(retryAfterSeconds)}.`, retryAfterSeconds)
    }
    if (imageId) await checkImage(tx, viewer!.userId, imageId)
    const update = await tx.supplierUpdate.create({ data: { supplierId: input.supplierId, authorId: member.memberId, title, body, publishedAt: at, imageId }, include: WITH_IMAGE })
    await deps.enqueueFanOut(tx, update.id)
    return update
  })
}

/** The picture must be the poster's own upload, an image, and not sent or posted already (its row locked meanwhile). */
async function checkImage(tx: Prisma.TransactionClient, userId: string, imageId: string): Promise<void> {
  const [file] = await tx.$queryRaw<{ uploaderId: string; contentType: string; messageId: string | null; used: boolean }[]>`
    SELECT a."uploaderId", a."contentType", a."messageId", EXISTS (SELECT 1 FROM "SupplierUpdate" u WHERE u."imageId" = a.id) AS used
    FROM "MessageAttachment" a WHERE a.id = ${imageId}::uuid FOR UPDATE`
  if (!file || file.uploaderId !== userId) throw new ValidationError('That is not a picture you uploaded.', 'imageId')
  if (!file.contentType.startsWith('image/')) throw new ValidationError('An update’s picture must be an image (JPEG, PNG, WebP or GIF).', 'imageId')
  if (file.messageId || file.used) throw new ValidationError('That picture is already used elsewhere; upload it again.', 'imageId')
}

function humanDuration(seconds: number): string {
  const hours = Math.floor(seconds / 3600)
  const minutes = Math.ceil((seconds % 3600) / 60)
  return hours > 0 ? `${hours} h ${minutes} min` : `${minutes} min`
}

/**
 * The fan-out job's work, in the job's transaction: one notification per follower who has not
 * muted the supplier. Returns who was notified (their live feeds are poked after the commit).
 */
export async function fanOutSupplierUpdate(tx: Prisma.TransactionClient, notify: RelationshipsDeps['notify'], updateId: string): Promise<string[]> {
  const update = await tx.supplierUpdate.findUnique({ where: { id: updateId }, include: { supplier: { select: { slug: true, name: true } } } })
  if (!update || update.status !== 'PUBLISHED') return []
  const followers = await tx.follow.findMany({ where: { supplierId: update.supplierId, mutedAt: null }, select: { buyer: { select: { userId: true } } } })
  const notices: Notice[] = followers.map((f) => ({
    userId: f.buyer.userId,
    kind: 'SUPPLIER_UPDATE',
    text: `${update.supplier.name}: ${update.title}`,
    link: `/suppliers/${update.supplier.slug}/updates#update-${update.id}`,
    at: update.publishedAt,
    subject: { supplierId: update.supplierId, updateId: update.id },
  }))
  return notify(tx, notices)
}

export type UpdatesPageInput = { first?: number | null; after?: string | null }

/** One supplier's published updates, newest first (public). */
export async function supplierUpdates(deps: Pick<RelationshipsDeps, 'db'>, supplierId: string, input: UpdatesPageInput = {}) {
  const exists = await deps.db.supplier.count({ where: { id: supplierId } })
  if (!exists) throw new NotFoundError('There is no such supplier.')
  return page(deps, { supplierId }, input)
}

/** The viewer's updates feed: what the suppliers they follow posted (muted ones too), newest first. */
export async function updatesFeed(deps: Pick<RelationshipsDeps, 'db'>, viewer: Viewer | null, input: UpdatesPageInput = {}) {
  if (!viewer?.buyerId) return { items: [], hasNextPage: false, endCursor: null }
  return page(deps, { supplier: { follows: { some: { buyerId: viewer.buyerId } } } }, input)
}

async function page(deps: Pick<RelationshipsDeps, 'db'>, where: Prisma.SupplierUpdateWhereInput, input: UpdatesPageInput) {
  const first = pageSize(input.first)
  const rows = await deps.db.supplierUpdate.findMany({
    where: { ...where, status: 'PUBLISHED', ...(input.after ? { id: { lt: uuidCursor(input.after) } } : {}) },
    // Ids are time-ordered (UUIDv7), so id order is publishing order and a stable cursor.
    orderBy: { id: 'desc' },
    take: first + 1,
    include: WITH_IMAGE,
  })
  const items: SupplierUpdateDTO[] = rows.slice(0, first)
  return { items, hasNextPage: rows.length > first, endCursor: items.at(-1)?.id ?? null }
}

/** Published updates by id, for references from elsewhere (a pair's timeline). */
export function updatesByIds(deps: Pick<RelationshipsDeps, 'db'>, ids: readonly string[]): Promise<SupplierUpdateDTO[]> {
  return deps.db.supplierUpdate.findMany({ where: { id: { in: [...ids] }, status: 'PUBLISHED' }, include: WITH_IMAGE })
}
