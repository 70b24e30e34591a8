import { literalLike } from './like.ts'
import type { PrismaClient, Product } from '@rapport/db'

export type ProductSummary = Pick<
  Product,
  'id' | 'supplierId' | 'slug' | 'name' | 'description' | 'priceCents' | 'currency' | 'imageUrl' | 'createdAt'
>

const select = {
  id: true,
  supplierId: true,
  slug: true,
  name: true,
  description: true,
  priceCents: true,
  currency: true,
  imageUrl: true,
  createdAt: true,
} as const

/** Characters of a product or supplier search (the gateway refuses longer ones with this limit). */
export const CATALOG_SEARCH_MAX = 200

/** Words anywhere in a product's name or description, any case. */
function matching(search: string | null | undefined) {
  const q = search?.trim()
  if (!q) return {}
  const text = literalLike(q)
  return { OR: [{ name: { contains: text, mode: 'insensitive' as const } }, { description: { contains: text, mode: 'insensitive' as const } }] }
}

/**
 * Products (not archived) — one supplier's, or every supplier's — alphabetically, optionally only
 * those matching `search`; keyset-paginated like listSuppliers.
 */
export async function listProducts(
  deps: { db: PrismaClient },
  input: { supplierId?: string | null; search?: string | null; afterId?: string | null; beforeId?: string | null; limit: number; inverted?: boolean },
): Promise<ProductSummary[]> {
  const direction = input.inverted ? 'desc' : 'asc'
  const cursorId = input.inverted ? (input.beforeId ?? input.afterId) : (input.afterId ?? input.beforeId)
  return deps.db.product.findMany({
    select,
    where: { ...(input.supplierId ? { supplierId: input.supplierId } : {}), archivedAt: null, ...matching(input.search) },
    orderBy: [{ name: direction }, { id: direction }],
    take: input.limit,
    ...(cursorId ? { cursor: { id: cursorId }, skip: 1 } : {}),
  })
}

/** How many products (not archived) match `search`, across all pages. */
export async function countProducts(deps: { db: PrismaClient }, input: { search?: string | null }): Promise<number> {
  return deps.db.product.count({ where: { archivedAt: null, ...matching(input.search) } })
}

export async function getProductsByIds(deps: { db: PrismaClient }, ids: readonly string[]): Promise<ProductSummary[]> {
  return deps.db.product.findMany({ select, where: { id: { in: [...ids] }, archivedAt: null } })
}

export type ServiceHoursRow = { supplierId: string; weekday: number; opensAt: number; closesAt: number }

/** Weekly opening intervals for several suppliers at once (one query for a page of suppliers). */
export async function serviceHoursFor(deps: { db: PrismaClient }, supplierIds: readonly string[]): Promise<Map<string, ServiceHoursRow[]>> {
  const rows = await deps.db.serviceHours.findMany({
    where: { supplierId: { in: [...supplierIds] } },
    orderBy: [{ weekday: 'asc' }, { opensAt: 'asc' }],
    select: { supplierId: true, weekday: true, opensAt: true, closesAt: true },
  })
  const out = new Map<string, ServiceHoursRow[]>(supplierIds.map((id) => [id, []]))
  for (const r of rows) out.get(r.supplierId)?.push(r)
  return out
}
