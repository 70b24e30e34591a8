import { decodeGlobalID } from '@pothos/plugin-relay'
import { ValidationError } from '@rapport/core'

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
