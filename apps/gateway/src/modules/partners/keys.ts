// The API keys a supplier's owners (and admins, for platform partners) create, rotate and revoke.
import { createContextCache } from '@pothos/core'
import { encodeGlobalID } from '@pothos/plugin-relay'
import DataLoader from 'dataloader'
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '@rapport/core'
import { createApiKey, keyUsage, listApiKeys, PARTNER_LIMITS, revokeApiKey, rotateApiKey, SCOPE_DESCRIPTIONS, SCOPES, SUPPLIER_ONLY_SCOPES, type ApiKeyDTO, type UsageDay } from '@rapport/partners'
import { builder } from '../../builder.ts'
import { decodeGlobalId } from '../../schema/ids.ts'
import { SupplierRef, suppliers } from '../catalog/supplier.ts'
import type { Context } from '../../context.ts'
import { announceKeyChanged, partnerName, partnersDeps } from './deps.ts'

/** Usage of every key a request lists, in one query per `days` asked for (a page of keys asks once). */
const usageLoaders = createContextCache(() => new Map<number, DataLoader<string, UsageDay[]>>())
function usageLoader(ctx: Context, days: number) {
  const loaders = usageLoaders(ctx)
  const found = loaders.get(days)
  if (found) return found
  const loader = new DataLoader<string, UsageDay[]>(async (ids) => {
    const usage = await keyUsage(partnersDeps(ctx), ctx.viewer, ids, days)
    return ids.map((id) => usage.get(id) ?? new NotFoundError('No such API key.'))
  })
  loaders.set(days, loader)
  return loader
}

const common = [UnauthenticatedError, ForbiddenError, NotFoundError, ValidationError]

const ApiKeyStatus = builder.enumType('ApiKeyStatus', { values: ['ACTIVE', 'EXPIRED', 'REVOKED'] as const })

const UsageDayRef = builder.objectRef<UsageDay>('ApiKeyUsageDay').implement({
  description: "One UTC day of a key's use.",
  fields: (t) => ({
    day: t.exposeString('day', { description: 'YYYY-MM-DD (UTC).' }),
    requests: t.exposeInt('requests'),
    cost: t.exposeInt('cost', { description: 'Points charged (actual cost).' }),
    throttled: t.exposeInt('throttled', { description: 'Requests refused with THROTTLED.' }),
  }),
})

const ApiScopeRef = builder.objectRef<{ name: string; description: string; forPlatformKeys: boolean }>('ApiScope').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description'),
    forPlatformKeys: t.exposeBoolean('forPlatformKeys', { description: 'Whether a platform partner’s key may hold it (false: it acts inside one supplier).' }),
  }),
})

export const ApiKeyRef = builder.objectRef<ApiKeyDTO>('ApiKey').implement({
  description: 'A key for the API (`Authorization: Bearer rpk_live_…`). The secret is shown once, when it is made.',
  fields: (t) => ({
    id: t.id({ resolve: (k) => encodeGlobalID('ApiKey', k.id) }),
    name: t.exposeString('name'),
    prefix: t.exposeString('prefix', { description: 'The start of the key, to tell keys apart.' }),
    scopes: t.exposeStringList('scopes'),
    status: t.field({ type: ApiKeyStatus, resolve: (k) => k.status }),
    supplier: t.field({ type: SupplierRef, nullable: true, description: 'The supplier the key acts for; null for a platform key.', resolve: (k, _a, ctx) => (k.supplierId ? suppliers.get(ctx, k.supplierId) : null) }),
    partnerName: t.string({ description: 'The partner company the key is for (for a supplier key: the supplier).', resolve: (k, _a, ctx) => partnerName(ctx).load(k.partnerId).then((n) => n ?? '') }),
    bucketSize: t.int({ description: 'Cost points the bucket holds.', resolve: (k) => k.bucket.size }),
    restoreRate: t.int({ description: 'Points restored per second.', resolve: (k) => k.bucket.restoreRate }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastUsedAt: t.expose('lastUsedAt', { type: 'DateTime', nullable: true, description: 'Updated at most once a minute.' }),
    lastUsedIp: t.exposeString('lastUsedIp', { nullable: true }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    trustedDocumentsOnly: t.exposeBoolean('trustedDocumentsOnly', { description: 'Only registered documents run with this key.' }),
    usage: t.field({
      type: [UsageDayRef],
      description: 'Requests, cost and throttled requests per day, oldest first (at most 90 days; counts arrive within seconds).',
      args: { days: t.arg.int({ defaultValue: 14 }) },
      resolve: (k, { days }, ctx) => usageLoader(ctx, days ?? 14).load(k.id),
    }),
  }),
})

const IssuedKeyRef = builder.objectRef<{ key: ApiKeyDTO; secret: string; previous?: ApiKeyDTO }>('IssuedApiKey').implement({
  fields: (t) => ({
    key: t.field({ type: ApiKeyRef, resolve: (p) => p.key }),
    secret: t.exposeString('secret', { description: 'The key itself. Shown this once: store it now; Rapport keeps only its hash.' }),
    previous: t.field({ type: ApiKeyRef, nullable: true, description: 'After a rotation: the old key, working until its expiresAt.', resolve: (p) => p.previous ?? null }),
  }),
})

const CreateApiKeyInput = builder.inputType('CreateApiKeyInput', {
  fields: (t) => ({
    supplierId: t.id({ description: "The supplier the key acts for (its owners only). Omit for a platform partner's key (admins only)." }),
    partnerName: t.string({ description: 'Platform keys: the partner company the key is for.' }),
    name: t.string({ required: true, description: `What the key is for (at most ${PARTNER_LIMITS.keyNameLength} characters).` }),
    scopes: t.stringList({ required: true, description: `Any of: ${SCOPES.join(', ')}.` }),
    expiresAt: t.field({ type: 'DateTime', description: 'When the key stops working; none by default.' }),
    bucketSize: t.int({ description: 'Cost bucket size in points (default 10,000).' }),
    restoreRate: t.int({ description: 'Points restored per second (default 500).' }),
    trustedDocumentsOnly: t.boolean({ description: 'Run only documents registered with registerTrustedDocuments (default false).' }),
  }),
})
const KeyIdInput = (name: string) =>
  builder.inputType(name, {
    fields: (t) => ({ id: t.id({ required: true, description: 'An ApiKey id.' }) }),
  })
const RevokeApiKeyInput = KeyIdInput('RevokeApiKeyInput')
const RotateApiKeyInput = builder.inputType('RotateApiKeyInput', {
  fields: (t) => ({
    id: t.id({ required: true, description: 'An ApiKey id.' }),
    overlapHours: t.int({ defaultValue: 24, description: `How long the old key keeps working (0–${PARTNER_LIMITS.maxRotationOverlapHours} hours).` }),
  }),
})

const keyId = (id: unknown) => decodeGlobalId(String(id), 'ApiKey', 'id')
const supplierIdOf = (id: unknown) => (id == null ? null : decodeGlobalId(String(id), 'Supplier', 'supplierId'))

builder.queryFields((t) => ({
  apiKeys: t.field({
    type: [ApiKeyRef],
    description: "A supplier's API keys (its owners), or the platform partners' keys (admins, no supplierId); newest first.",
    authScopes: { signedIn: true },
    args: { supplierId: t.arg.id() },
    resolve: (_root, { supplierId }, ctx) => listApiKeys(partnersDeps(ctx), ctx.viewer, supplierIdOf(supplierId)),
  }),
  apiScopes: t.field({
    type: [ApiScopeRef],
    description: 'The scopes a key may hold, and what each allows.',
    authScopes: { public: true },
    resolve: () => SCOPES.map((name) => ({ name, description: SCOPE_DESCRIPTIONS[name], forPlatformKeys: !SUPPLIER_ONLY_SCOPES.includes(name) })),
  }),
}))

builder.mutationFields((t) => ({
  createApiKey: t.field({
    type: IssuedKeyRef,
    description: 'Create an API key. The answer holds the secret, this once.',
    authScopes: { signedIn: true },
    errors: { types: [...common, ConflictError], directResult: true },
    args: { input: t.arg({ type: CreateApiKeyInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      createApiKey(partnersDeps(ctx), ctx.viewer, {
        supplierId: supplierIdOf(input.supplierId),
        partnerName: input.partnerName,
        name: input.name,
        scopes: input.scopes,
        expiresAt: input.expiresAt ?? null,
        bucketSize: input.bucketSize,
        restoreRate: input.restoreRate,
        trustedDocumentsOnly: input.trustedDocumentsOnly,
      }),
  }),
  revokeApiKey: t.field({
    type: ApiKeyRef,
    description: 'Revoke a key: refused on every gateway within a second, its open WebSockets closed (4403). Revoking twice changes nothing.',
    authScopes: { signedIn: true },
    errors: { types: common, directResult: true },
    args: { input: t.arg({ type: RevokeApiKeyInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const key = await revokeApiKey(partnersDeps(ctx), ctx.viewer, keyId(input.id))
      announceKeyChanged(ctx, key.id, true)
      return key
    },
  }),
  rotateApiKey: t.field({
    type: IssuedKeyRef,
    description: 'Replace a key with a new one (same name, scopes and bucket); the old one keeps working for the overlap.',
    authScopes: { signedIn: true },
    errors: { types: [...common, ConflictError], directResult: true },
    args: { input: t.arg({ type: RotateApiKeyInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const rotated = await rotateApiKey(partnersDeps(ctx), ctx.viewer, keyId(input.id), input.overlapHours ?? 24)
      announceKeyChanged(ctx, rotated.previous.id, input.overlapHours === 0)
      return rotated
    },
  }),
}))
