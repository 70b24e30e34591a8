import { messageDTOsByIds } from '@rapport/messaging'
import type { Context } from '../../context.ts'

/** Messages by id, only from conversations the viewer may see (null otherwise). */
export async function listMessageDTOs(ctx: Context, ids: readonly string[]) {
  return messageDTOsByIds(ctx.db, ctx.viewer, ids)
}
