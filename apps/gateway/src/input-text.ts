// PostgreSQL's text cannot hold U+0000, so a string with one fails at the database as an
// internal error, in whichever field it arrives (an email at sign-in, a report's details, a
// slug in a query). It is refused here once, for every field and both transports, before
// anything runs, so nothing is half written.
import { GraphQLError, Kind, visit, type DocumentNode } from 'graphql'

const literalHasNul = new WeakMap<DocumentNode, boolean>()

function documentHasNul(document: DocumentNode): boolean {
  let found = literalHasNul.get(document)
  if (found === undefined) {
    found = false
    visit(document, {
      [Kind.STRING](node) {
        if (node.value.includes('\u0000')) found = true
      },
    })
    literalHasNul.set(document, found)
  }
  return found
}

function valueHasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000')
  // Deeper than any input type goes: coercion refuses such values anyway.
  if (depth > 32 || value === null || typeof value !== 'object') return false
  return Object.values(value).some((v) => valueHasNul(v, depth + 1))
}

/** A refusal when a string argument (literal or variable) contains U+0000; null otherwise. */
export function checkNulCharacters(document: DocumentNode, variables: Record<string, unknown> | null | undefined): GraphQLError | null {
  if (!documentHasNul(document) && !valueHasNul(variables)) return null
  return new GraphQLError('Text may not contain the NUL character (U+0000).', { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } })
}
