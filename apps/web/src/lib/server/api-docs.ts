// The API reference on /developers/docs, read from the gateway's SDL (inlined at build time) when
// the server starts: the root fields with their arguments and descriptions, as the schema says.
import { buildSchema, type GraphQLField, type GraphQLObjectType } from 'graphql'
import { API_SDL } from '$lib/api-sdl'

export type DocArgument = { name: string; type: string; defaultValue: string | null; description: string | null }

export type DocField = {
  name: string
  /** "apiKeys(supplierId: ID): [ApiKey!]!" */
  signature: string
  type: string
  description: string | null
  deprecationReason: string | null
  args: DocArgument[]
}

export type DocRoot = { name: 'Query' | 'Mutation' | 'Subscription'; fields: DocField[] }

function defaultOf(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value)
}

function docField(field: GraphQLField<unknown, unknown>): DocField {
  const args = field.args.map((a) => ({
    name: a.name,
    type: String(a.type),
    defaultValue: defaultOf(a.defaultValue),
    description: a.description ?? null,
  }))
  const list = args
    .map((a) => `${a.name}: ${a.type}${a.defaultValue !== null ? ` = ${a.defaultValue}` : ''}`)
    .join(', ')
  return {
    name: field.name,
    signature: `${field.name}${list ? `(${list})` : ''}: ${String(field.type)}`,
    type: String(field.type),
    description: field.description?.trim() || null,
    deprecationReason: field.deprecationReason ?? null,
    args,
  }
}

function docRoot(name: DocRoot['name'], type: GraphQLObjectType | null | undefined): DocRoot | null {
  if (!type) return null
  const fields = Object.values(type.getFields())
    .map(docField)
    .sort((a, b) => a.name.localeCompare(b.name))
  return { name, fields }
}

/** Parses an SDL into its root operations' fields, alphabetically (the docs' table of contents). */
export function rootFields(sdl: string): DocRoot[] {
  const schema = buildSchema(sdl)
  return [
    docRoot('Query', schema.getQueryType()),
    docRoot('Mutation', schema.getMutationType()),
    docRoot('Subscription', schema.getSubscriptionType()),
  ].filter((r): r is DocRoot => r !== null)
}

let cached: DocRoot[] | null = null

/** The reference for the schema this server was built with (parsed once). */
export function apiReference(): DocRoot[] {
  cached ??= rootFields(API_SDL)
  return cached
}
