// Deliveries: one event for one endpoint, attempted until delivered or 24 h have passed, each
// attempt logged (status code, latency, the answer's first 1,000 characters). The job layer
// decides when to call attemptDelivery; this file decides what an attempt does and when the next
// one is due (exponential backoff with jitter), and disables an endpoint that keeps failing.
import type { Prisma } from '@rapport/db'
import type { Viewer } from '@rapport/core'
import { NotFoundError, ValidationError } from '@rapport/core'
import type { PartnersDeps } from '../deps.ts'
import { AUTO_DISABLE_AFTER_FAILURES, nextAttemptDelayMs, shouldGiveUp } from './backoff.ts'
import { deliverOnce, type DeliveryResult } from './deliver.ts'
import { managedEndpoint, PRIVATE_EVENTS, type WebhookDeps } from './endpoints.ts'
import { isWebhookEvent, webhookBody, type WebhookEvent } from './events.ts'
import { SIGNATURE_HEADER, signPayloadWithSecrets } from './signature.ts'

/** Every delivery attempt gives up after this long (connect and answer). */
export const DELIVERY_TIMEOUT_MS = 10_000

export type CommittedEvent = { id: bigint; type: WebhookEvent; supplierId: string | null; createdAt: Date; data: unknown }

/**
 * A delivery per enabled endpoint that wants this event: the supplier's own partner's endpoints,
 * and platform partners' for public events. Called in the transaction that handles the event.
 */
export async function fanOutEvent(tx: Prisma.TransactionClient, event: CommittedEvent): Promise<string[]> {
  const forPlatform = !PRIVATE_EVENTS.includes(event.type)
  const endpoints = await tx.webhookEndpoint.findMany({
    where: {
      enabled: true,
      events: { has: event.type },
      partner: { OR: [...(event.supplierId ? [{ supplierId: event.supplierId }] : []), ...(forPlatform ? [{ supplierId: null }] : [])] },
    },
    select: { id: true },
  })
  const ids: string[] = []
  for (const e of endpoints) {
    const d = await tx.webhookDelivery.create({
      data: { endpointId: e.id, eventId: event.id, eventType: event.type, payload: { data: event.data ?? null, occurredAt: event.createdAt.toISOString() } as Prisma.InputJsonValue },
      select: { id: true },
    })
    ids.push(d.id)
  }
  return ids
}

export type AttemptOutcome =
  | { outcome: 'delivered'; attempt: number }
  | { outcome: 'retry'; attempt: number; nextAttemptAt: Date; disabledEndpoint: { id: string; partnerId: string } | null }
  | { outcome: 'dead'; attempt: number; disabledEndpoint: { id: string; partnerId: string } | null }
  | { outcome: 'skipped'; reason: string }

export type AttemptDeps = WebhookDeps & { deliver?: typeof deliverOnce; random?: () => number; timeoutMs?: number }

/** One attempt of one delivery, now: sent signed, logged, and its next step decided. */
export async function attemptDelivery(deps: AttemptDeps, deliveryId: string): Promise<AttemptOutcome> {
  const d = await deps.db.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { endpoint: true } })
  if (!d) return { outcome: 'skipped', reason: 'no such delivery' }
  if (d.status === 'DELIVERED' || d.status === 'DEAD') return { outcome: 'skipped', reason: `already ${d.status.toLowerCase()}` }
  if (!d.endpoint.enabled) return { outcome: 'skipped', reason: 'endpoint disabled' }
  const now = deps.clock.now()
  const payload = d.payload as { data: unknown; occurredAt: string }
  const body = webhookBody({ id: d.id, event: d.eventType as WebhookEvent, createdAt: new Date(payload.occurredAt), data: payload.data })
  const secrets = [d.endpoint.secret, ...(d.endpoint.previousSecret && d.endpoint.previousSecretExpiresAt && d.endpoint.previousSecretExpiresAt > now ? [d.endpoint.previousSecret] : [])]
  const result: DeliveryResult = await (deps.deliver ?? deliverOnce)({
    url: d.endpoint.url,
    body,
    headers: { [SIGNATURE_HEADER]: signPayloadWithSecrets(secrets, body, now), 'Rapport-Delivery-Id': d.id, 'Rapport-Event': d.eventType },
    timeoutMs: deps.timeoutMs ?? DELIVERY_TIMEOUT_MS,
    allowPrivate: deps.allowPrivate,
  })
  const attempt = d.attempts + 1
  const log = { deliveryId: d.id, attempt, at: now, statusCode: result.statusCode, latencyMs: Math.round(result.latencyMs), responseExcerpt: result.responseExcerpt, error: result.error }
  if (result.ok) {
    await deps.db.$transaction([
      deps.db.webhookAttempt.create({ data: log }),
      deps.db.webhookDelivery.update({ where: { id: d.id }, data: { status: 'DELIVERED', attempts: attempt, deliveredAt: now, lastStatusCode: result.statusCode, lastError: null } }),
      deps.db.webhookEndpoint.update({ where: { id: d.endpointId }, data: { failureCount: 0 } }),
    ])
    return { outcome: 'delivered', attempt }
  }
  const dead = shouldGiveUp(d.createdAt, now)
  const nextAttemptAt = new Date(now.getTime() + nextAttemptDelayMs(attempt, deps.random))
  const lastError = result.error ?? `HTTP ${result.statusCode}`
  const [, , endpoint] = await deps.db.$transaction([
    deps.db.webhookAttempt.create({ data: log }),
    deps.db.webhookDelivery.update({
      where: { id: d.id },
      data: { status: dead ? 'DEAD' : 'FAILED', attempts: attempt, lastStatusCode: result.statusCode, lastError, ...(dead ? {} : { nextAttemptAt }) },
    }),
    deps.db.webhookEndpoint.update({ where: { id: d.endpointId }, data: { failureCount: { increment: 1 } }, select: { id: true, partnerId: true, failureCount: true, enabled: true } }),
  ])
  let disabledEndpoint: { id: string; partnerId: string } | null = null
  if (endpoint.enabled && endpoint.failureCount >= AUTO_DISABLE_AFTER_FAILURES) {
    const reason = `Disabled after ${endpoint.failureCount} failed deliveries in a row (last: ${lastError}).`
    const changed = await deps.db.webhookEndpoint.updateMany({ where: { id: endpoint.id, enabled: true }, data: { enabled: false, disabledAt: now, disabledReason: reason } })
    if (changed.count === 1) disabledEndpoint = { id: endpoint.id, partnerId: endpoint.partnerId }
  }
  return dead ? { outcome: 'dead', attempt, disabledEndpoint } : { outcome: 'retry', attempt, nextAttemptAt, disabledEndpoint }
}

export type DeliveryDTO = {
  id: string
  endpointId: string
  eventId: string
  eventType: string
  status: 'PENDING' | 'DELIVERED' | 'FAILED' | 'DEAD'
  attempts: number
  nextAttemptAt: Date | null
  lastStatusCode: number | null
  lastError: string | null
  createdAt: Date
  deliveredAt: Date | null
  replayOfId: string | null
  log: { attempt: number; at: Date; statusCode: number | null; latencyMs: number; responseExcerpt: string; error: string | null }[]
}

const deliveryInclude = { log: { orderBy: { attempt: 'asc' } } } as const satisfies Prisma.WebhookDeliveryInclude
type DeliveryRow = Prisma.WebhookDeliveryGetPayload<{ include: typeof deliveryInclude }>

const toDTO = (r: DeliveryRow): DeliveryDTO => ({
  id: r.id,
  endpointId: r.endpointId,
  eventId: r.eventId.toString(),
  eventType: r.eventType,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.status === 'DELIVERED' || r.status === 'DEAD' ? null : r.nextAttemptAt,
  lastStatusCode: r.lastStatusCode,
  lastError: r.lastError,
  createdAt: r.createdAt,
  deliveredAt: r.deliveredAt,
  replayOfId: r.replayOfId,
  log: r.log.map((a) => ({ attempt: a.attempt, at: a.at, statusCode: a.statusCode, latencyMs: a.latencyMs, responseExcerpt: a.responseExcerpt, error: a.error })),
})

/** An endpoint's deliveries, newest first, a page at a time (`before`: a delivery id from the last page). */
export async function listDeliveries(deps: PartnersDeps, viewer: Viewer | null, endpointId: string, page: { limit: number; before?: string | null }): Promise<{ deliveries: DeliveryDTO[]; hasMore: boolean }> {
  await managedEndpoint(deps, viewer, endpointId)
  if (page.before && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(page.before)) throw new ValidationError('That is not a cursor from this list.', 'after')
  const limit = Math.min(Math.max(Math.trunc(page.limit), 1), 100)
  const rows = await deps.db.webhookDelivery.findMany({
    where: { endpointId, ...(page.before ? { id: { lt: page.before } } : {}) },
    orderBy: { id: 'desc' },
    take: limit + 1,
    include: deliveryInclude,
  })
  return { deliveries: rows.slice(0, limit).map(toDTO), hasMore: rows.length > limit }
}

/** Sends one delivery's event again, as a new delivery with its own id (the receiver can tell them apart). */
export async function replayDelivery(
  deps: PartnersDeps & { enqueue?: (tx: Prisma.TransactionClient, deliveryId: string) => Promise<unknown> },
  viewer: Viewer | null,
  deliveryId: string,
): Promise<DeliveryDTO> {
  const d = await deps.db.webhookDelivery.findUnique({ where: { id: deliveryId } })
  if (!d) throw new NotFoundError('No such delivery.')
  const endpoint = await managedEndpoint(deps, viewer, d.endpointId)
  if (!endpoint.enabled) throw new ValidationError('This endpoint is disabled: enable it before replaying deliveries to it.', 'deliveryId')
  // The new delivery and its job commit together: a replay is never recorded and then forgotten.
  const fresh = await deps.db.$transaction(async (tx) => {
    const row = await tx.webhookDelivery.create({
      data: { endpointId: d.endpointId, eventId: d.eventId, eventType: d.eventType, payload: d.payload as Prisma.InputJsonValue, replayOfId: d.replayOfId ?? d.id },
      include: deliveryInclude,
    })
    await deps.enqueue?.(tx, row.id)
    return row
  })
  return toDTO(fresh)
}

export { isWebhookEvent }
