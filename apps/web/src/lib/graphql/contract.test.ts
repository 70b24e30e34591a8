// Every GraphQL document the web app sends must be valid against the gateway's contract
// (apps/gateway/schema.graphql, which another team changes) and within the gateway's static
// limits (depth 10, 2,000 tokens), so a drift fails here and not in front of a user. Their cost,
// which depends on page sizes, is checked by the gateway's own rules in
// apps/gateway/src/cost-model.test.ts, which runs these same documents.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth'
import { buildSchema, Lexer, parse, Source, specifiedRules, TokenKind, validate, type ValidationRule } from 'graphql'
import { describe, expect, it } from 'vitest'

const schemaPath = fileURLToPath(new URL('../../../../gateway/schema.graphql', import.meta.url))
const schema = buildSchema(readFileSync(schemaPath, 'utf8'))

const modules = import.meta.glob<Record<string, unknown>>(['./*.ts', '!./*.test.ts'], { eager: true })
const documents = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .filter(([, text]) => /^\s*(query|mutation|subscription)\b/.test(text))
    .map(([name, text]) => ({ name: `${file.slice(2)} ${name}`, text })),
)

function tokenCount(text: string): number {
  const lexer = new Lexer(new Source(text))
  let count = 0
  while (lexer.advance().kind !== TokenKind.EOF) count++
  return count
}

describe('GraphQL documents', () => {
  it('are found', () => {
    expect(documents.length).toBeGreaterThan(10)
  })

  it.each(documents)('$name is valid against schema.graphql and within the gateway’s limits', ({ text }) => {
    const problems: string[] = []
    const onReject = [(_: unknown, error: Error) => void problems.push(error.message)]
    const limits = [maxDepthRule({ n: 10, propagateOnRejection: false, onReject })] as ValidationRule[]
    const errors = validate(schema, parse(text), [...specifiedRules, ...limits]).map((e) => e.message)
    expect([...errors, ...problems]).toEqual([])
    expect(tokenCount(text)).toBeLessThanOrEqual(2000)
  })
})
