import { literalLike } from './like.ts'
import type { PrismaClient, Supplier } from '@rapport/db'

export type ListSuppliersInput = {
  /** Case-insensitive match on name, tagline or location. */
  search?: string | null
  /** Keyset bounds: ids of the rows just outside the page. */
  afterId?: string | null
  beforeId?: string | null
  /** Rows to read (a connection asks for one extra to know whether more exist). */
  limit: number
  /** Read backwards (for `last`/`before`); the caller reverses the result. */
  inverted?: boolean
}

export type SupplierSummary = Pick<
  Supplier,
  'id' | 'slug' | 'name' | 'tagline' | 'philosophy' | 'about' | 'location' | 'timeZone' | 'responseTargetSeconds' | 'createdAt'
>

const select = {
  id: true,
  slug: true,
  name: true,
  tagline: true,
  philosophy: true,
  about: true,
  location: true,
  timeZone: true,
  responseTargetSeconds: true,
  createdAt: true,
} as const

function where(search: string | null | undefined) {
  const trimmed = search?.trim()
  if (!trimmed) return {}
  const q = literalLike(trimmed)
  return {
    OR: [
      { name: { contains: q, mode: 'insensitive' as const } },
      { tagline: { contains: q, mode: 'insensitive' as const } },
      { location: { contains: q, mode: 'insensitive' as const } },
    ],
  }
}

/**
 * Suppliers in alphabetical order (then by id, so the order is total and pages never
 * overlap), read with a keyset cursor: stable while suppliers are added, no OFFSET scans.
 */
export async function listSuppliers(deps: { db: PrismaClient }, input: ListSuppliersInput): Promise<SupplierSummary[]> {
  const direction = input.inverted ? 'desc' : 'asc'
  const cursorId = input.inverted ? (input.beforeId ?? input.afterId) : (input.afterId ?? input.beforeId)
  const rows = await deps.db.supplier.findMany({
    select,
    where: where(input.search),
    orderBy: [{ name: direction }, { id: direction }],
    take: input.limit,
    ...(cursorId ? { cursor: { id: cursorId }, skip: 1 } : {}),
  })
  return rows
}

export async function countSuppliers(deps: { db: PrismaClient }, input: { search?: string | null }): Promise<number> {
  return deps.db.supplier.count({ where: where(input.search) })
}

export async function getSupplierBySlug(deps: { db: PrismaClient }, slug: string): Promise<SupplierSummary | null> {
  return deps.db.supplier.findUnique({ select, where: { slug } })
}

export async function getSuppliersByIds(deps: { db: PrismaClient }, ids: readonly string[]): Promise<SupplierSummary[]> {
  return deps.db.supplier.findMany({ select, where: { id: { in: [...ids] } } })
}
