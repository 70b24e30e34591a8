// The schema builder and its plugins; types live in src/schema/<domain>/.
import SchemaBuilder from '@pothos/core'
import RelayPlugin from '@pothos/plugin-relay'
import type { Context } from './context.ts'

export const builder = new SchemaBuilder<{
  Context: Context
  Scalars: {
    DateTime: { Input: Date; Output: Date }
  }
  DefaultFieldNullability: false
}>({
  plugins: [RelayPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // Global IDs are opaque to clients ("Supplier:<uuid>", base64); node(id:) decodes them.
  },
})

builder.queryType({})

builder.scalarType('DateTime', {
  description: 'An ISO-8601 instant, always in UTC (e.g. 2026-11-25T09:30:00.000Z).',
  serialize: (value) => (value instanceof Date ? value.toISOString() : new Date(value as string).toISOString()),
  parseValue: (value) => {
    const date = new Date(String(value))
    if (typeof value !== 'string' || Number.isNaN(date.getTime())) throw new TypeError('DateTime must be an ISO-8601 string')
    return date
  },
})
