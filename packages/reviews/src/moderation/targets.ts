// What moderation needs to know about a reported thing, whatever its kind: whether it exists,
// its status, who wrote it and which supplier it concerns. One place, so flagging, deciding and
// the queue agree.
import type { Prisma, PrismaClient } from '@rapport/db'
import type { QueueKind } from './limits.ts'

export type ContentStatus = 'PUBLISHED' | 'HIDDEN' | 'REMOVED'

export type TargetFacts = {
  type: QueueKind
  id: string
  /** Null for a conversation (it has no public status). */
  status: ContentStatus | null
  /** The user who wrote it (for a response: null — the supplier's team wrote it). */
  authorUserId: string | null
  /** Written for the supplier's team (a response, an official answer): the whole team's own. */
  teamContent: boolean
  /** The supplier it concerns: the reviewed supplier, the product's supplier, the conversation's. */
  supplierId: string | null
  /** For reviews and responses, the review; for questions and answers, the question. */
  parentId: string | null
}

type Db = PrismaClient | Prisma.TransactionClient

export async function targetFacts(db: Db, type: QueueKind, id: string): Promise<TargetFacts | null> {
  switch (type) {
    case 'REVIEW': {
      const r = await db.review.findUnique({ where: { id }, select: { status: true, supplierId: true, buyer: { select: { userId: true } } } })
      return r && { type, id, status: r.status, authorUserId: r.buyer.userId, teamContent: false, supplierId: r.supplierId, parentId: id }
    }
    case 'REVIEW_RESPONSE': {
      const r = await db.reviewResponse.findUnique({ where: { id }, select: { status: true, supplierId: true, reviewId: true } })
      return r && { type, id, status: r.status, authorUserId: null, teamContent: true, supplierId: r.supplierId, parentId: r.reviewId }
    }
    case 'PRODUCT_QUESTION': {
      const q = await db.productQuestion.findUnique({ where: { id }, select: { status: true, askerId: true, product: { select: { supplierId: true } } } })
      return q && { type, id, status: q.status, authorUserId: q.askerId, teamContent: false, supplierId: q.product.supplierId, parentId: id }
    }
    case 'PRODUCT_ANSWER': {
      const a = await db.productAnswer.findUnique({
        where: { id },
        select: { status: true, authorId: true, supplierId: true, questionId: true, question: { select: { product: { select: { supplierId: true } } } } },
      })
      return a && { type, id, status: a.status, authorUserId: a.authorId, teamContent: !!a.supplierId, supplierId: a.question.product.supplierId, parentId: a.questionId }
    }
    case 'CONVERSATION': {
      const c = await db.conversation.findUnique({ where: { id }, select: { supplierId: true } })
      return c && { type, id, status: null, authorUserId: null, teamContent: false, supplierId: c.supplierId, parentId: null }
    }
  }
}

/** Sets the content's status inside the caller's transaction. */
export async function setTargetStatus(tx: Prisma.TransactionClient, type: Exclude<QueueKind, 'CONVERSATION'>, id: string, status: ContentStatus): Promise<void> {
  // updateMany: `updatedAt` is the author's edit time, and must not move for a moderator's decision.
  const where = { id }
  const data = { status }
  if (type === 'REVIEW') await tx.$executeRaw`UPDATE "Review" SET "status" = ${status}::"ContentStatus" WHERE "id" = ${id}::uuid`
  else if (type === 'REVIEW_RESPONSE') await tx.$executeRaw`UPDATE "ReviewResponse" SET "status" = ${status}::"ContentStatus" WHERE "id" = ${id}::uuid`
  else if (type === 'PRODUCT_QUESTION') await tx.productQuestion.updateMany({ where, data })
  else await tx.productAnswer.updateMany({ where, data })
}
