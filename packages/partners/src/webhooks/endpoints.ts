// Webhook endpoints (model: Stripe): a URL, the events it wants, and a signing secret shown once.
// Managed by the partner's people (a supplier's owners, or admins for a platform partner) or by
// the partner's own API keys holding the `webhooks` scope.
import { randomBytes } from 'node:crypto'
import { ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError, membershipOf, type Viewer } from '@rapport/core'
import type { PartnersDeps } from '../deps.ts'
import { partnerFor } from '../keys.ts'
import { checkEndpointUrl, type HostLookup } from './address-guard.ts'
import { isWebhookEvent, WEBHOOK_EVENTS, type WebhookEvent } from './events.ts'

export const ENDPOINT_LIMITS = { perPartner: 10, urlLength: 2048, descriptionLength: 200, maxSecretOverlapHours: 7 * 24 } as const

/** Events about a supplier's private conversations: only its own (supplier) partner may receive them. */
export const PRIVATE_EVENTS: readonly WebhookEvent[] = ['message.created', 'conversation.updated']

export type WebhookDeps = PartnersDeps & {
  /** WEBHOOKS_ALLOW_PRIVATE=1: loopback and private addresses allowed (tests, local development only). */
  allowPrivate: boolean
  lookup?: HostLookup
}

export type EndpointDTO = {
  id: string
  partnerId: string
  supplierId: string | null
  url: string
  description: string | null
  events: WebhookEvent[]
  enabled: boolean
  failureCount: number
  disabledAt: Date | null
  disabledReason: string | null
  createdAt: Date
  /** True while deliveries are signed with the previous secret too (after a rotation). */
  rotating: boolean
}

type EndpointRow = {
  id: string
  partnerId: string
  url: string
  description: string | null
  events: string[]
  enabled: boolean
  failureCount: number
  disabledAt: Date | null
  disabledReason: string | null
  createdAt: Date
  previousSecretExpiresAt: Date | null
  partner: { supplierId: string | null }
}

const toDTO = (r: EndpointRow, now: Date): EndpointDTO => ({
  id: r.id,
  partnerId: r.partnerId,
  supplierId: r.partner.supplierId,
  url: r.url,
  description: r.description,
  events: r.events.filter(isWebhookEvent),
  enabled: r.enabled,
  failureCount: r.failureCount,
  disabledAt: r.disabledAt,
  disabledReason: r.disabledReason,
  createdAt: r.createdAt,
  rotating: !!r.previousSecretExpiresAt && r.previousSecretExpiresAt > now,
})

const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`

/** May this caller manage this partner's endpoints? */
function assertManagesPartner(viewer: Viewer | null, partner: { id: string; supplierId: string | null }) {
  if (!viewer) throw new UnauthenticatedError('Sign in (or use an API key) to manage webhooks.')
  if (viewer.apiKey) {
    if (viewer.apiKey.partnerId === partner.id && viewer.apiKey.scopes.includes('webhooks')) return
    throw new ForbiddenError('This API key cannot manage these webhooks: it needs the "webhooks" scope and must belong to the same partner.')
  }
  const ok = partner.supplierId ? membershipOf(viewer, partner.supplierId)?.role === 'OWNER' : viewer.platformRole === 'ADMIN'
  if (!ok) throw new ForbiddenError(partner.supplierId ? "Only the supplier's owners manage its webhooks." : 'Only admins manage platform webhooks.')
}

function checkEvents(events: readonly string[], forSupplier: boolean): WebhookEvent[] {
  if (events.length === 0) throw new ValidationError('Choose at least one event.', 'events')
  const unknown = events.filter((e) => !isWebhookEvent(e))
  if (unknown.length) throw new ValidationError(`Unknown event ${unknown.map((e) => `"${e}"`).join(', ')}. Events: ${WEBHOOK_EVENTS.join(', ')}.`, 'events')
  if (!forSupplier) {
    const priv = events.filter((e) => PRIVATE_EVENTS.includes(e as WebhookEvent))
    if (priv.length) throw new ValidationError(`A platform partner cannot receive ${priv.join(', ')}: those are a supplier's private conversations.`, 'events')
  }
  return WEBHOOK_EVENTS.filter((e) => events.includes(e))
}

async function checkUrl(deps: WebhookDeps, url: string): Promise<string> {
  const trimmed = url.trim()
  if (trimmed.length > ENDPOINT_LIMITS.urlLength) throw new ValidationError(`The URL has at most ${ENDPOINT_LIMITS.urlLength} characters.`, 'url')
  const verdict = await checkEndpointUrl(trimmed, { allowPrivate: deps.allowPrivate, ...(deps.lookup ? { lookup: deps.lookup } : {}) })
  if (!verdict.ok) throw new ValidationError(verdict.reason, 'url')
  return trimmed
}

const include = { partner: { select: { supplierId: true } } } as const

/** The partner whose endpoints the caller means: the key's own, or the supplier's (owners) or a platform partner (admins). */
async function partnerOf(deps: PartnersDeps, viewer: Viewer | null, target: { supplierId?: string | null; partnerName?: string | null }) {
  if (viewer?.apiKey) {
    const p = await deps.db.partner.findUniqueOrThrow({ where: { id: viewer.apiKey.partnerId }, select: { id: true, supplierId: true } })
    assertManagesPartner(viewer, p)
    return p
  }
  if (!viewer) throw new UnauthenticatedError('Sign in (or use an API key) to manage webhooks.')
  const supplierId = target.supplierId ?? null
  assertManagesPartner(viewer, { id: '', supplierId })
  const id = await partnerFor(deps, viewer, supplierId, target.partnerName)
  return { id, supplierId }
}

export type CreateEndpointInput = { supplierId?: string | null; partnerName?: string | null; url: string; events: readonly string[]; description?: string | null }

/** A new endpoint: the signing secret is in the answer and never again. */
export async function createWebhookEndpoint(deps: WebhookDeps, viewer: Viewer | null, input: CreateEndpointInput): Promise<{ endpoint: EndpointDTO; secret: string }> {
  // Everything about the input is checked before the partner row is made (a refusal writes nothing).
  if (!viewer) throw new UnauthenticatedError('Sign in (or use an API key) to manage webhooks.')
  const forSupplier = viewer.apiKey ? !!viewer.apiKey.supplierId : !!input.supplierId
  const events = checkEvents(input.events, forSupplier)
  const url = await checkUrl(deps, input.url)
  const description = input.description?.trim() || null
  if (description && description.length > ENDPOINT_LIMITS.descriptionLength) throw new ValidationError(`A description has at most ${ENDPOINT_LIMITS.descriptionLength} characters.`, 'description')
  const partner = await partnerOf(deps, viewer, input)
  if ((await deps.db.webhookEndpoint.count({ where: { partnerId: partner.id } })) >= ENDPOINT_LIMITS.perPartner)
    throw new ConflictError(`At most ${ENDPOINT_LIMITS.perPartner} webhook endpoints: delete one you no longer use first.`)
  const secret = newSecret()
  const row = await deps.db.webhookEndpoint.create({ data: { partnerId: partner.id, url, events, description, secret }, include })
  return { endpoint: toDTO(row, deps.clock.now()), secret }
}

async function managedEndpoint(deps: PartnersDeps, viewer: Viewer | null, endpointId: string) {
  const row = await deps.db.webhookEndpoint.findUnique({ where: { id: endpointId }, include: { partner: { select: { id: true, supplierId: true } } } })
  if (!row) throw new NotFoundError('No such webhook endpoint.')
  try {
    assertManagesPartner(viewer, row.partner)
  } catch (e) {
    if (e instanceof UnauthenticatedError) throw e
    throw new NotFoundError('No such webhook endpoint.') // another partner's endpoints are not confirmed to exist
  }
  return row
}

export async function listWebhookEndpoints(deps: PartnersDeps, viewer: Viewer | null, target: { supplierId?: string | null; partnerName?: string | null }): Promise<EndpointDTO[]> {
  if (!viewer?.apiKey && !target.supplierId && !target.partnerName) {
    // Admins: every platform partner's endpoints.
    assertManagesPartner(viewer, { id: '', supplierId: null })
    const rows = await deps.db.webhookEndpoint.findMany({ where: { partner: { supplierId: null } }, include, orderBy: { createdAt: 'desc' } })
    return rows.map((r) => toDTO(r, deps.clock.now()))
  }
  const partner = await partnerOf(deps, viewer, target)
  const rows = await deps.db.webhookEndpoint.findMany({ where: { partnerId: partner.id }, include, orderBy: { createdAt: 'desc' } })
  return rows.map((r) => toDTO(r, deps.clock.now()))
}

export async function getWebhookEndpoint(deps: PartnersDeps, viewer: Viewer | null, endpointId: string): Promise<EndpointDTO> {
  const row = await managedEndpoint(deps, viewer, endpointId)
  return toDTO(row, deps.clock.now())
}

/** Change the URL, events or description, or enable again (which clears the failure count). */
export async function updateWebhookEndpoint(
  deps: WebhookDeps,
  viewer: Viewer | null,
  endpointId: string,
  input: { url?: string | null; events?: readonly string[] | null; description?: string | null; enabled?: boolean | null },
): Promise<EndpointDTO> {
  const row = await managedEndpoint(deps, viewer, endpointId)
  const data: Record<string, unknown> = {}
  if (input.url != null) data.url = await checkUrl(deps, input.url)
  if (input.events != null) data.events = checkEvents(input.events, !!row.partner.supplierId)
  if (input.description !== undefined) data.description = input.description?.trim() || null
  if (input.enabled === true) Object.assign(data, { enabled: true, failureCount: 0, disabledAt: null, disabledReason: null })
  if (input.enabled === false) Object.assign(data, { enabled: false, disabledAt: deps.clock.now(), disabledReason: 'Disabled by its owner.' })
  const updated = await deps.db.webhookEndpoint.update({ where: { id: endpointId }, data, include })
  return toDTO(updated, deps.clock.now())
}

/** A new secret; deliveries are signed with both for `overlapHours`, so the receiver can switch without failures. */
export async function rotateWebhookSecret(deps: PartnersDeps, viewer: Viewer | null, endpointId: string, overlapHours: number): Promise<{ endpoint: EndpointDTO; secret: string }> {
  const row = await managedEndpoint(deps, viewer, endpointId)
  if (!Number.isInteger(overlapHours) || overlapHours < 0 || overlapHours > ENDPOINT_LIMITS.maxSecretOverlapHours)
    throw new ValidationError(`The overlap is a whole number of hours from 0 to ${ENDPOINT_LIMITS.maxSecretOverlapHours}.`, 'overlapHours')
  const secret = newSecret()
  const until = new Date(deps.clock.now().getTime() + overlapHours * 3600_000)
  const updated = await deps.db.webhookEndpoint.update({
    where: { id: endpointId },
    data: { secret, previousSecret: overlapHours > 0 ? row.secret : null, previousSecretExpiresAt: overlapHours > 0 ? until : null },
    include,
  })
  return { endpoint: toDTO(updated, deps.clock.now()), secret }
}

export async function deleteWebhookEndpoint(deps: PartnersDeps, viewer: Viewer | null, endpointId: string): Promise<{ id: string }> {
  await managedEndpoint(deps, viewer, endpointId)
  await deps.db.webhookEndpoint.delete({ where: { id: endpointId } })
  return { id: endpointId }
}

export { managedEndpoint }
