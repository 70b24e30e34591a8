// Fields whose value differs between two viewers on the same side of a conversation (their
// own reactions, their unread counts, whether they wrote a message) say so on the field:
// `extensions: viewerSpecific`. The subscription fan-out shares one execution of an event
// among all subscribers on a side unless the document selects such a field (see fanout.ts).
import { TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLField, type GraphQLSchema } from 'graphql'

export const viewerSpecific = { viewerSpecific: true } as const

export function isViewerSpecific(field: Pick<GraphQLField<unknown, unknown>, 'extensions'>): boolean {
  return field.extensions?.viewerSpecific === true
}

/** Whether any field the document selects (fragments included) is viewer-specific. */
export function selectsViewerSpecificField(schema: GraphQLSchema, document: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema)
  let found = false
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const field = typeInfo.getFieldDef()
        if (field && isViewerSpecific(field)) found = true
      },
    }),
  )
  return found
}
