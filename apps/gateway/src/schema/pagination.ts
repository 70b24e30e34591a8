// Relay pagination helpers shared by every connection: bounded page sizes and opaque,
// validated cursors. Domain functions only ever see ids and limits.
import { resolveCursorConnection, type DefaultConnectionArguments, type ResolveCursorConnectionArgs } from '@pothos/plugin-relay'
import { GraphQLError } from 'graphql'

export const MAX_PAGE_SIZE = 100
export const DEFAULT_PAGE_SIZE = 20
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export function badInput(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) } })
}

export function encodeCursor(type: string, id: string): string {
  return Buffer.from(`${type}:${id}`).toString('base64url')
}

export function decodeCursor(type: string, cursor: string | null | undefined, arg: string): string | undefined {
  if (cursor == null) return undefined
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8')
  const [prefix, id] = [decoded.slice(0, type.length + 1), decoded.slice(type.length + 1)]
  if (prefix !== `${type}:` || !UUID.test(id)) throw badInput(`"${arg}" is not a cursor from this list.`, arg)
  return id
}

function checkSize(args: DefaultConnectionArguments) {
  for (const name of ['first', 'last'] as const) {
    const value = args[name]
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE))
      throw badInput(`"${name}" must be between 0 and ${MAX_PAGE_SIZE} (got ${value}).`, name)
  }
  if (args.first != null && args.last != null) throw badInput('Use "first" or "last", not both.')
}

/**
 * A keyset-paginated connection over rows with an `id`. `load` receives decoded ids and
 * the number of rows to read (one more than the page, to know whether another exists).
 */
export function idConnection<T extends { id: string }>(
  type: string,
  args: DefaultConnectionArguments,
  load: (q: { afterId?: string; beforeId?: string; limit: number; inverted: boolean }) => Promise<T[]>,
) {
  checkSize(args)
  return resolveCursorConnection(
    { args, toCursor: (row: T) => encodeCursor(type, row.id), defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE },
    ({ after, before, limit, inverted }: ResolveCursorConnectionArgs) =>
      load({
        afterId: decodeCursor(type, after, 'after'),
        beforeId: decodeCursor(type, before, 'before'),
        limit,
        inverted,
      }),
  )
}

/**
 * A forward-only connection over a domain page (`items`, `hasNextPage`, `endCursor`) whose
 * cursors the domain defines (a sequence number, a time-ordered id): wrapped opaque as
 * `type:cursor`, and checked on the way back in.
 */
export async function forwardConnection<T>(
  type: string,
  args: DefaultConnectionArguments,
  load: (q: { first: number; after: string | null }) => Promise<{ items: T[]; hasNextPage: boolean }>,
  cursorOf: (item: T) => string,
) {
  checkSize(args)
  if (args.last != null || args.before != null) throw badInput('This list pages forward only: use "first" and "after".')
  let after: string | null = null
  if (args.after != null) {
    const decoded = Buffer.from(args.after, 'base64url').toString('utf8')
    if (!decoded.startsWith(`${type}:`) || decoded.length === type.length + 1) throw badInput('"after" is not a cursor from this list.', 'after')
    after = decoded.slice(type.length + 1)
  }
  const page = args.first === 0 ? { items: [], hasNextPage: false } : await load({ first: args.first ?? DEFAULT_PAGE_SIZE, after })
  const edges = page.items.map((node) => ({ node, cursor: Buffer.from(`${type}:${cursorOf(node)}`).toString('base64url') }))
  return {
    edges,
    pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: after !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
  }
}
