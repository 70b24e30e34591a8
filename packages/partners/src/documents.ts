// Trusted documents (model: GitHub's and Shopify's persisted/trusted queries): a partner
// registers the GraphQL documents its integration sends; a key in trusted-documents mode runs
// those and nothing else, so a leaked key cannot be used to explore the API. Documents are
// identified by a hash the gateway computes from their printed form (whitespace and comments do
// not matter); this package only stores and looks them up.
import { ValidationError, type Viewer } from '@rapport/core'
import type { PartnersDeps } from './deps.ts'
import { listApiKeys, partnerFor } from './keys.ts'

export const DOCUMENT_LIMITS = { perPartner: 500, perCall: 50, documentLength: 20_000 } as const

/** Registers documents for the partner of a supplier's keys (its owners) or a platform partner (admins); registering twice changes nothing. */
export async function registerTrustedDocuments(
  deps: PartnersDeps,
  viewer: Viewer | null,
  target: { supplierId?: string | null; partnerName?: string | null },
  documents: readonly { hash: string; document: string }[],
): Promise<{ hashes: string[]; total: number }> {
  // The same people who manage keys (listApiKeys checks it and refuses keys themselves).
  await listApiKeys(deps, viewer, target.supplierId ?? null)
  if (documents.length === 0 || documents.length > DOCUMENT_LIMITS.perCall) throw new ValidationError(`Register 1 to ${DOCUMENT_LIMITS.perCall} documents at a time.`, 'documents')
  if (documents.some((d) => d.document.length > DOCUMENT_LIMITS.documentLength)) throw new ValidationError(`A document has at most ${DOCUMENT_LIMITS.documentLength} characters.`, 'documents')
  const partnerId = await partnerFor(deps, viewer!, target.supplierId ?? null, target.partnerName)
  const existing = await deps.db.trustedDocument.count({ where: { partnerId } })
  if (existing + documents.length > DOCUMENT_LIMITS.perPartner) throw new ValidationError(`At most ${DOCUMENT_LIMITS.perPartner} documents per partner.`, 'documents')
  await deps.db.trustedDocument.createMany({ data: documents.map((d) => ({ partnerId, hash: d.hash, document: d.document })), skipDuplicates: true })
  return { hashes: documents.map((d) => d.hash), total: await deps.db.trustedDocument.count({ where: { partnerId } }) }
}

export async function isTrustedDocument(deps: Pick<PartnersDeps, 'db'>, partnerId: string, hash: string): Promise<boolean> {
  return !!(await deps.db.trustedDocument.findUnique({ where: { partnerId_hash: { partnerId, hash } }, select: { id: true } }))
}
