// The partner platform's per-process services: the shared cost buckets and the usage counter.
import { createCostBuckets, createUsageRecorder, type CostBuckets, type UsageRecorder } from '@rapport/partners'
import type { PrismaClient } from '@rapport/db'
import type { ServiceSetup } from '../module.ts'

declare module '../../shared-services.ts' {
  interface ModuleServices {
    costBuckets: CostBuckets
    keyUsage: UsageRecorder
    webhooks: WebhookSettings
  }
}

export type WebhookSettings = {
  /** WEBHOOKS_ALLOW_PRIVATE: loopback and private endpoints allowed (tests, local development). */
  allowPrivate: boolean
  /** Suppliers with an enabled endpoint wanting a private event, so a send or a change enqueues only when someone listens. */
  listeners: PrivateEventListeners
}

export function partnerServices({ core, redis, prefix, options }: ServiceSetup) {
  return {
    costBuckets: createCostBuckets({ redis, prefix }),
    keyUsage: createUsageRecorder({ db: core.db.prisma }),
    webhooks: { allowPrivate: !!options.webhooksAllowPrivate, listeners: privateEventListeners(core.db.prisma) },
  }
}

/** How stale the set of listening suppliers may be: a new endpoint hears of messages within this (at once in its own process). */
const LISTENERS_TTL_MS = 10_000

export type PrivateEventListeners = { has(supplierId: string, event: PrivateEvent): boolean; refresh(): void }
type PrivateEvent = 'message.created' | 'conversation.updated'

/**
 * The send path asks "does anyone listen to this supplier's messages?" on every message, inside
 * the send's transaction. So the answer never waits for the database — on embedded PGlite, which
 * runs one transaction at a time, a query from inside the send would wait for the send forever.
 * The set of listening suppliers is loaded in the background (at start, every 10 s, and at once
 * after an endpoint changes in this process); until it is known the answer is "yes": the job is
 * enqueued and finds no endpoint, rather than an event being missed.
 */
function privateEventListeners(db: PrismaClient): PrivateEventListeners {
  let known: Map<string, Set<string>> | null = null
  let loadedAt = 0
  let loading = false
  const load = () => {
    if (loading) return
    loading = true
    db.webhookEndpoint
      .findMany({ where: { enabled: true, events: { hasSome: ['message.created', 'conversation.updated'] }, partner: { supplierId: { not: null } } }, select: { events: true, partner: { select: { supplierId: true } } } })
      .then((rows) => {
        const next = new Map<string, Set<string>>()
        for (const r of rows) for (const e of r.events) (next.get(e) ?? next.set(e, new Set()).get(e)!).add(r.partner.supplierId!)
        known = next
        loadedAt = Date.now()
      })
      .catch(() => {}) // the database is away: keep answering "yes" (or the last known set) and try again later
      .finally(() => (loading = false))
  }
  return {
    has(supplierId, event) {
      if (!known || Date.now() - loadedAt > LISTENERS_TTL_MS) load()
      return known ? !!known.get(event)?.has(supplierId) : true
    },
    refresh() {
      known = null
      load()
    },
  }
}
