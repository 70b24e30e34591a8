// API keys (model: Stripe restricted keys, Shopify custom apps). A key is shown once; only its
// SHA-256 is stored, with a short visible prefix to tell keys apart. A key acts as the person
// who created it, narrowed: a supplier's key holds that one membership and nothing else (never
// a buyer, never staff), a platform key holds none, and the gateway limits both to their scopes.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto'
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError, membershipOf, type ApiKeyGrant, type Viewer } from '@rapport/core'
import type { ApiKey } from '@rapport/db'
import type { PartnersDeps } from './deps.ts'
import { BUCKET_BOUNDS, DEFAULT_BUCKET, PARTNER_LIMITS } from './limits.ts'
import { parseScopes, type Scope } from './scopes.ts'

/** Every key starts with this, so secret scanners can recognise a leaked one. */
export const KEY_PREFIX = 'rpk_live_'
const ID_CHARS = 8
const SECRET_CHARS = 40
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const KEY_SHAPE = new RegExp(`^${KEY_PREFIX}[0-9A-Za-z]{${ID_CHARS + SECRET_CHARS}}$`)

export const isApiKeyToken = (token: string | null | undefined): token is string => !!token && token.startsWith(KEY_PREFIX)

const randomChars = (n: number) => Array.from({ length: n }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')
const hashKey = (token: string) => createHash('sha256').update(token).digest('hex')

export type ApiKeyStatus = 'ACTIVE' | 'EXPIRED' | 'REVOKED'

export type ApiKeyDTO = {
  id: string
  name: string
  /** The visible start of the key (`rpk_live_` and 8 characters). */
  prefix: string
  scopes: Scope[]
  supplierId: string | null
  partnerId: string
  bucket: { size: number; restoreRate: number }
  createdAt: Date
  lastUsedAt: Date | null
  lastUsedIp: string | null
  expiresAt: Date | null
  revokedAt: Date | null
  /** Set when a rotation replaced this key: it works until expiresAt, beside its replacement. */
  rotatedToId: string | null
  /** Only the partner's registered documents run with this key. */
  trustedDocumentsOnly: boolean
  status: ApiKeyStatus
}

/** An ApiKey row, as stored (its hash and creator stay here). */
type KeyRow = Omit<ApiKey, 'secretHash' | 'createdById'>

function toDTO(row: KeyRow, now: Date): ApiKeyDTO {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: parseScopes(row.scopes, true),
    supplierId: row.supplierId,
    partnerId: row.partnerId,
    bucket: { size: row.bucketSize ?? DEFAULT_BUCKET.size, restoreRate: row.restoreRate ?? DEFAULT_BUCKET.restoreRate },
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    lastUsedIp: row.lastUsedIp,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    rotatedToId: row.rotatedToId,
    trustedDocumentsOnly: row.trustedDocumentsOnly,
    status: row.revokedAt ? 'REVOKED' : row.expiresAt && row.expiresAt <= now ? 'EXPIRED' : 'ACTIVE',
  }
}

/** Keys manage keys only through a person's session: a leaked key cannot mint more. */
function person(viewer: Viewer | null): Viewer {
  if (!viewer) throw new UnauthenticatedError('Sign in to manage API keys.')
  if (viewer.apiKey) throw new ForbiddenError('API keys cannot manage API keys: sign in as the owner.')
  return viewer
}

/** Supplier keys: the supplier's owners. Platform keys: admins. */
function assertManages(viewer: Viewer, supplierId: string | null) {
  if (supplierId ? membershipOf(viewer, supplierId)?.role !== 'OWNER' : viewer.platformRole !== 'ADMIN')
    throw new ForbiddenError(supplierId ? "Only the supplier's owners manage its API keys." : 'Only admins manage platform keys.')
}

export type CreateApiKeyInput = {
  /** The supplier the key acts for; omit for a platform key (admins only). */
  supplierId?: string | null
  /** For a platform key: the partner company it is for (created on first use of the name). */
  partnerName?: string | null
  name: string
  scopes: readonly string[]
  expiresAt?: Date | null
  bucketSize?: number | null
  restoreRate?: number | null
  /** Only documents registered for the partner run with this key (trusted-documents mode). */
  trustedDocumentsOnly?: boolean | null
}

function checkBucket(input: { bucketSize?: number | null; restoreRate?: number | null }) {
  const { bucketSize: size, restoreRate: rate } = input
  if (size != null && (!Number.isInteger(size) || size < BUCKET_BOUNDS.minSize || size > BUCKET_BOUNDS.maxSize))
    throw new ValidationError(`The bucket size must be a whole number from ${BUCKET_BOUNDS.minSize} to ${BUCKET_BOUNDS.maxSize}.`, 'bucketSize')
  if (rate != null && (!Number.isInteger(rate) || rate < BUCKET_BOUNDS.minRestoreRate || rate > BUCKET_BOUNDS.maxRestoreRate))
    throw new ValidationError(`The restore rate must be a whole number from ${BUCKET_BOUNDS.minRestoreRate} to ${BUCKET_BOUNDS.maxRestoreRate} points per second.`, 'restoreRate')
}

function checkName(name: string): string {
  const trimmed = name.trim()
  if (!trimmed) throw new ValidationError('Give the key a name, so you can tell it apart later.', 'name')
  if (trimmed.length > PARTNER_LIMITS.keyNameLength) throw new ValidationError(`A key's name has at most ${PARTNER_LIMITS.keyNameLength} characters.`, 'name')
  return trimmed
}

/** The partner row that owns a supplier's keys (one per supplier) or a platform partner's. */
export async function partnerFor(deps: PartnersDeps, viewer: Viewer, supplierId: string | null, partnerName: string | null | undefined): Promise<string> {
  if (supplierId) {
    const supplier = await deps.db.supplier.findUnique({ where: { id: supplierId }, select: { name: true } })
    if (!supplier) throw new NotFoundError('No such supplier.')
    const p = await deps.db.partner.upsert({
      where: { supplierId },
      create: { supplierId, name: supplier.name, contactEmail: viewer.email, createdById: viewer.userId },
      update: {},
      select: { id: true },
    })
    return p.id
  }
  const name = partnerName?.trim()
  if (!name) throw new ValidationError('Name the partner company this platform key is for.', 'partnerName')
  const existing = await deps.db.partner.findFirst({ where: { supplierId: null, name }, select: { id: true } })
  if (existing) return existing.id
  return (await deps.db.partner.create({ data: { name, contactEmail: viewer.email, createdById: viewer.userId }, select: { id: true } })).id
}

/** Partners' names by id, for keys and endpoints already shown to their managers. */
export async function partnerNames(deps: PartnersDeps, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await deps.db.partner.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } })
  return new Map(rows.map((r) => [r.id, r.name]))
}

/** A new key: the secret is in the answer and nowhere else, ever. */
export async function createApiKey(deps: PartnersDeps, viewerIn: Viewer | null, input: CreateApiKeyInput): Promise<{ key: ApiKeyDTO; secret: string }> {
  const viewer = person(viewerIn)
  const supplierId = input.supplierId ?? null
  assertManages(viewer, supplierId)
  const name = checkName(input.name)
  const scopes = parseScopes(input.scopes, !!supplierId)
  checkBucket(input)
  const now = deps.clock.now()
  if (input.expiresAt && input.expiresAt <= now) throw new ValidationError('The expiry date must be in the future.', 'expiresAt')
  const partnerId = await partnerFor(deps, viewer, supplierId, input.partnerName)
  const live = await deps.db.apiKey.count({ where: { partnerId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } })
  if (live >= PARTNER_LIMITS.keysPerPartner) throw new ConflictError(`At most ${PARTNER_LIMITS.keysPerPartner} live keys: revoke one you no longer use first.`)
  return issue(deps, {
    partnerId,
    supplierId,
    createdById: viewer.userId,
    name,
    scopes,
    expiresAt: input.expiresAt ?? null,
    bucketSize: input.bucketSize ?? null,
    restoreRate: input.restoreRate ?? null,
    trustedDocumentsOnly: !!input.trustedDocumentsOnly,
  })
}

async function issue(
  deps: PartnersDeps,
  data: {
    partnerId: string
    supplierId: string | null
    createdById: string
    name: string
    scopes: Scope[]
    expiresAt: Date | null
    bucketSize: number | null
    restoreRate: number | null
    trustedDocumentsOnly: boolean
  },
) {
  const secret = `${KEY_PREFIX}${randomChars(ID_CHARS + SECRET_CHARS)}`
  const row = await deps.db.apiKey.create({ data: { ...data, prefix: secret.slice(0, KEY_PREFIX.length + ID_CHARS), secretHash: hashKey(secret) } })
  return { key: toDTO(row, deps.clock.now()), secret }
}

async function managedKey(deps: PartnersDeps, viewerIn: Viewer | null, keyId: string) {
  const viewer = person(viewerIn)
  const row = await deps.db.apiKey.findUnique({ where: { id: keyId } })
  if (!row) throw new NotFoundError('No such API key.')
  try {
    assertManages(viewer, row.supplierId)
  } catch {
    throw new NotFoundError('No such API key.') // someone else's keys are not even confirmed to exist
  }
  return { viewer, row }
}

export async function listApiKeys(deps: PartnersDeps, viewerIn: Viewer | null, supplierId: string | null): Promise<ApiKeyDTO[]> {
  const viewer = person(viewerIn)
  assertManages(viewer, supplierId)
  const rows = await deps.db.apiKey.findMany({ where: supplierId ? { supplierId } : { supplierId: null }, orderBy: { createdAt: 'desc' } })
  const now = deps.clock.now()
  return rows.map((r) => toDTO(r, now))
}

/** Revoked at once (the gateway tells every process); revoking twice is not an error. */
export async function revokeApiKey(deps: PartnersDeps, viewer: Viewer | null, keyId: string): Promise<ApiKeyDTO> {
  const { row } = await managedKey(deps, viewer, keyId)
  const now = deps.clock.now()
  if (row.revokedAt) return toDTO(row, now)
  return toDTO(await deps.db.apiKey.update({ where: { id: keyId }, data: { revokedAt: now } }), now)
}

/**
 * A replacement with the same name, scopes and bucket; the old key keeps working for
 * `overlapHours` (0 ends it now), so an integration can switch without downtime.
 */
export async function rotateApiKey(deps: PartnersDeps, viewerIn: Viewer | null, keyId: string, overlapHours: number): Promise<{ key: ApiKeyDTO; secret: string; previous: ApiKeyDTO }> {
  const { viewer, row } = await managedKey(deps, viewerIn, keyId)
  const now = deps.clock.now()
  if (!Number.isInteger(overlapHours) || overlapHours < 0 || overlapHours > PARTNER_LIMITS.maxRotationOverlapHours)
    throw new ValidationError(`The overlap is a whole number of hours from 0 to ${PARTNER_LIMITS.maxRotationOverlapHours}.`, 'overlapHours')
  if (row.revokedAt || (row.expiresAt && row.expiresAt <= now)) throw new ConflictError('This key no longer works: create a new one instead.')
  if (row.rotatedToId) throw new ConflictError('This key was already rotated: rotate its replacement instead.')
  const fresh = await issue(deps, {
    partnerId: row.partnerId,
    supplierId: row.supplierId,
    createdById: viewer.userId,
    name: row.name,
    scopes: parseScopes(row.scopes, !!row.supplierId),
    expiresAt: row.expiresAt,
    bucketSize: row.bucketSize,
    restoreRate: row.restoreRate,
    trustedDocumentsOnly: row.trustedDocumentsOnly,
  })
  const overlapEnds = new Date(now.getTime() + overlapHours * 3600_000)
  const expiresAt = row.expiresAt && row.expiresAt < overlapEnds ? row.expiresAt : overlapEnds
  const previous = await deps.db.apiKey.update({ where: { id: keyId }, data: { expiresAt, rotatedToId: fresh.key.id } })
  return { ...fresh, previous: toDTO(previous, now) }
}

/** Verified keys for a few seconds: the gateway's session cache, so its evictions (revocation, team changes) apply to keys too. */
export type KeyCache = {
  get(hash: string): { viewer: Viewer; expiresAt: Date } | undefined
  set(hash: string, entry: { viewer: Viewer; expiresAt: Date }, generation: number): void
  generation(): number
}

const NEVER = new Date('9999-12-31T00:00:00Z')

/**
 * The viewer a key acts as, or null when the key is unknown, revoked or expired, or its
 * creator no longer holds the role that made it (an owner who left the team, a former admin).
 */
export async function resolveApiKey(deps: PartnersDeps & { cache?: KeyCache | undefined }, token: string, ip: string | null): Promise<Viewer | null> {
  if (!KEY_SHAPE.test(token)) return null
  const hash = hashKey(token)
  const now = deps.clock.now()
  const cached = deps.cache?.get(hash)
  if (cached) return cached.expiresAt > now ? cached.viewer : null
  const generation = deps.cache?.generation() ?? 0
  const row = await deps.db.apiKey.findUnique({
    where: { prefix: token.slice(0, KEY_PREFIX.length + ID_CHARS) },
    include: {
      createdBy: {
        select: { email: true, displayName: true, platformRole: true, disabledAt: true, memberships: { where: { removedAt: null }, select: { id: true, supplierId: true, role: true } } },
      },
    },
  })
  if (!row || !timingSafeEqual(Buffer.from(row.secretHash, 'hex'), Buffer.from(hash, 'hex'))) return null
  if (row.revokedAt || (row.expiresAt && row.expiresAt <= now) || row.createdBy.disabledAt) return null
  const membership = row.supplierId ? row.createdBy.memberships.find((m) => m.supplierId === row.supplierId && m.role === 'OWNER') : null
  if (row.supplierId ? !membership : row.createdBy.platformRole !== 'ADMIN') return null
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > PARTNER_LIMITS.touchIntervalMs)
    await deps.db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now, lastUsedIp: ip } })
  const grant: ApiKeyGrant = {
    id: row.id,
    partnerId: row.partnerId,
    supplierId: row.supplierId,
    scopes: parseScopes(row.scopes, !!row.supplierId),
    bucket: { size: row.bucketSize ?? DEFAULT_BUCKET.size, restoreRate: row.restoreRate ?? DEFAULT_BUCKET.restoreRate },
    trustedDocumentsOnly: row.trustedDocumentsOnly,
  }
  const viewer: Viewer = {
    userId: row.createdById,
    // The key's id stands in for a session: revoking it ends "the session" on every gateway.
    sessionId: row.id,
    email: row.createdBy.email,
    displayName: row.createdBy.displayName,
    platformRole: 'USER',
    buyerId: null,
    memberships: membership ? [{ supplierId: membership.supplierId, memberId: membership.id, role: membership.role }] : [],
    apiKey: grant,
  }
  deps.cache?.set(hash, { viewer, expiresAt: row.expiresAt ?? NEVER }, generation)
  return viewer
}
