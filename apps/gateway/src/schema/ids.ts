import { decodeGlobalID } from '@pothos/plugin-relay'
import { ValidationError } from '@rapport/core'
import { GraphQLError } from 'graphql'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** Decodes a Relay global id of the expected type, or fails as a ValidationError on that field. */
export function decodeGlobalId(globalId: string | number, typename: string, field: string): string {
  try {
    const { typename: actual, id } = decodeGlobalID(String(globalId))
    if (actual === typename && UUID.test(id)) return id
  } catch {
    // fall through
  }
  throw new ValidationError(`"${field}" is not a ${typename} id.`, field)
}

/** How many ids one `nodes(ids:)` call may ask for: a page's worth, as connections allow. */
export const MAX_NODE_IDS = 100

/**
 * The relay plugin's decoder for `node(id:)` and `nodes(ids:)`: a malformed id is the client's
 * mistake (BAD_USER_INPUT), not a 500 — and an id that is not a UUID never reaches the database.
 */
export function parseGlobalId(globalId: string, field: string): { typename: string; id: string } {
  try {
    const { typename, id } = decodeGlobalID(globalId)
    if (typename && UUID.test(id)) return { typename, id }
  } catch {
    // fall through
  }
  throw notAnId(field)
}

export function notAnId(field: string): GraphQLError {
  return new GraphQLError(`"${field}" is not a valid id (ids come from this API's \`id\` fields).`, {
    extensions: { code: 'BAD_USER_INPUT', field },
  })
}
