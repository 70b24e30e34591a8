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
  /** Suppliers with an enabled endpoint wanting message.created, so a send enqueues only when someone listens. */
  messageListeners: MessageListeners
}

export function partnerServices({ core, redis, prefix, options }: ServiceSetup) {
  return {
    costBuckets: createCostBuckets({ redis, prefix }),
    keyUsage: createUsageRecorder({ db: core.db.prisma }),
    webhooks: { allowPrivate: !!options.webhooksAllowPrivate, messageListeners: messageListeners(core.db.prisma) },
  }
}

/** How stale the set of listening suppliers may be: a new endpoint hears of messages within this (at once in its own process). */
const LISTENERS_TTL_MS = 10_000

export type MessageListeners = { has(supplierId: string): Promise<boolean>; refresh(): void }

/**
 * The send path asks "does anyone listen to this supplier's messages?" on every message. One
 * query every 10 s per process answers it for all suppliers, instead of one per send.
 */
function messageListeners(db: PrismaClient): MessageListeners {
  let known: Set<string> | null = null
  let loadedAt = 0
  let loading: Promise<Set<string>> | null = null
  const load = () =>
    (loading ??= db.webhookEndpoint
      .findMany({ where: { enabled: true, events: { has: 'message.created' }, partner: { supplierId: { not: null } } }, select: { partner: { select: { supplierId: true } } } })
      .then((rows) => {
        known = new Set(rows.map((r) => r.partner.supplierId!))
        loadedAt = Date.now()
        return known
      })
      .finally(() => (loading = null)))
  return {
    async has(supplierId) {
      // Stale: answer from what is known (a send never waits for this) and refresh behind it.
      if (known && Date.now() - loadedAt > LISTENERS_TTL_MS) void load().catch(() => {})
      return (known ?? (await load())).has(supplierId)
    },
    refresh() {
      loadedAt = 0
      known = null
    },
  }
}
