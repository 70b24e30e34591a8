import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { printSchemaFile, schemaFilePath } from './schema-file.ts'

describe('the committed schema.graphql', () => {
  it('matches the schema built from code (run `npm run print-schema -w @rapport/gateway` after an intended change)', () => {
    expect(readFileSync(schemaFilePath, 'utf8')).toBe(printSchemaFile())
  })
})
