// Trusted documents: how the gateway names a document (SHA-256 of its printed form, so layout and
// comments do not matter) and the mutation that registers a partner's documents.
import { createHash } from 'node:crypto'
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '@rapport/core'
import { DOCUMENT_LIMITS, registerTrustedDocuments } from '@rapport/partners'
import { parse, print, type DocumentNode } from 'graphql'
import { builder } from '../../builder.ts'
import { decodeGlobalId } from '../../schema/ids.ts'
import { partnersDeps } from './deps.ts'

const hashes = new WeakMap<DocumentNode, string>()

/** The document's trusted-documents hash (computed once per parsed document: Apollo and graphql-ws cache those). */
export function documentHash(document: DocumentNode): string {
  let h = hashes.get(document)
  if (!h) hashes.set(document, (h = createHash('sha256').update(print(document)).digest('hex')))
  return h
}

const RegisterInput = builder.inputType('RegisterTrustedDocumentsInput', {
  fields: (t) => ({
    supplierId: t.id({ description: "The supplier whose keys may run them (its owners). Omit for a platform partner's (admins)." }),
    partnerName: t.string(),
    documents: t.stringList({ required: true, description: `GraphQL documents, as your integration sends them (1–${DOCUMENT_LIMITS.perCall} at a time).` }),
  }),
})
const RegisteredRef = builder.objectRef<{ hashes: string[]; total: number }>('RegisterTrustedDocumentsPayload').implement({
  fields: (t) => ({
    hashes: t.exposeStringList('hashes', { description: "Each document's SHA-256 (of its printed form), in the order given." }),
    total: t.exposeInt('total', { description: 'Documents registered for the partner in all.' }),
  }),
})

builder.mutationFields((t) => ({
  registerTrustedDocuments: t.field({
    type: RegisteredRef,
    description: 'Register the documents your integration sends: keys created with `trustedDocumentsOnly` run those and nothing else.',
    authScopes: { signedIn: true },
    errors: { types: [UnauthenticatedError, ForbiddenError, NotFoundError, ValidationError], directResult: true },
    args: { input: t.arg({ type: RegisterInput, required: true }) },
    resolve: (_root, { input }, ctx) => {
      const documents = input.documents.map((text, i) => {
        try {
          return { hash: documentHash(parse(text)), document: text }
        } catch (e) {
          throw new ValidationError(`Document ${i + 1} is not valid GraphQL: ${(e as Error).message}`, 'documents')
        }
      })
      const supplierId = input.supplierId == null ? null : decodeGlobalId(String(input.supplierId), 'Supplier', 'supplierId')
      return registerTrustedDocuments(partnersDeps(ctx), ctx.viewer, { supplierId, partnerName: input.partnerName }, documents)
    },
  }),
}))
