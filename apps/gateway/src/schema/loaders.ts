// Rows by id, batched and cached per request (a subscription event counts as one): every
// field that points at a supplier, a buyer or a conversation shares one query per request.
import { createContextCache } from '@pothos/core'
import DataLoader from 'dataloader'
import type { Context } from '../context.ts'

export type RowsById<Row> = {
  /** One row, or null when there is none. */
  find(ctx: Context, id: string): Promise<Row | null>
  /** One row; fails when there is none (for ids taken from a foreign key). */
  get(ctx: Context, id: string): Promise<Row>
  /** Rows in the order of `ids`, null where there is none (node lookups). */
  findMany(ctx: Context, ids: readonly string[]): Promise<(Row | null)[]>
}

export function rowsById<Row extends { id: string }>(what: string, fetch: (ctx: Context, ids: string[]) => Promise<Row[]>): RowsById<Row> {
  const loader = createContextCache(
    (ctx: Context) =>
      new DataLoader<string, Row | null>(async (ids) => {
        const byId = new Map((await fetch(ctx, [...ids])).map((r) => [r.id, r]))
        return ids.map((id) => byId.get(id) ?? null)
      }),
  )
  return {
    find: (ctx, id) => loader(ctx).load(id),
    async get(ctx, id) {
      const row = await loader(ctx).load(id)
      if (!row) throw new Error(`${what} ${id} not found`)
      return row
    },
    findMany: async (ctx, ids) => (await loader(ctx).loadMany(ids)).map((r) => (r instanceof Error ? null : r)),
  }
}
