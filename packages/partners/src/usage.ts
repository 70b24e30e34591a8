// Usage per key per UTC day (requests, cost spent, throttled requests) for the portal's chart.
// Counted in memory and added to the database every few seconds, not written per request: a
// partner's burst then costs one upsert per key per flush, not one per query. A crash loses at
// most one interval of counts — these are statistics, not the limit (the bucket is).
import type { Viewer } from '@rapport/core'
import type { PartnersDeps } from './deps.ts'
import { listApiKeys } from './keys.ts'

type Counts = { requests: number; cost: number; throttled: number }

export type UsageRecorder = {
  record(keyId: string, at: Date, c: { cost: number; throttled: boolean }): void
  /** Writes what was counted; called on an interval and when the gateway closes. */
  flush(): Promise<void>
}

const dayOf = (at: Date) => at.toISOString().slice(0, 10)

export function createUsageRecorder(deps: Pick<PartnersDeps, 'db'>): UsageRecorder {
  let pending = new Map<string, Counts>()
  return {
    record(keyId, at, c) {
      const k = `${keyId}|${dayOf(at)}`
      const counts = pending.get(k) ?? { requests: 0, cost: 0, throttled: 0 }
      counts.requests++
      counts.cost += Math.max(0, Math.round(c.cost))
      if (c.throttled) counts.throttled++
      pending.set(k, counts)
    },
    async flush() {
      if (pending.size === 0) return
      const batch = pending
      pending = new Map()
      for (const [k, c] of batch) {
        const [keyId, day] = k.split('|') as [string, string]
        try {
          await deps.db.apiKeyUsage.upsert({
            where: { keyId_day: { keyId, day: new Date(`${day}T00:00:00Z`) } },
            create: { keyId, day: new Date(`${day}T00:00:00Z`), ...c },
            update: { requests: { increment: c.requests }, cost: { increment: c.cost }, throttled: { increment: c.throttled } },
          })
        } catch (e) {
          // Kept for the next flush (the database may be back by then), unless the key is gone.
          if (!(e instanceof Error && /foreign key|P2003/i.test(e.message))) {
            const again = pending.get(k) ?? { requests: 0, cost: 0, throttled: 0 }
            pending.set(k, { requests: again.requests + c.requests, cost: again.cost + c.cost, throttled: again.throttled + c.throttled })
            throw e
          }
        }
      }
    },
  }
}

export type UsageDay = { day: string; requests: number; cost: number; throttled: number }

/**
 * The last `days` days of each key's usage, oldest first, days without requests included as zeros.
 * Keys the viewer may not see are absent from the answer.
 */
export async function keyUsage(deps: PartnersDeps, viewer: Viewer | null, keyIds: readonly string[], days: number): Promise<Map<string, UsageDay[]>> {
  // Authorized once per supplier (usually one) for the whole batch: a key is visible when the
  // viewer's own listing of that supplier's (or the platform's) keys holds it.
  const keys = await deps.db.apiKey.findMany({ where: { id: { in: [...keyIds] } }, select: { id: true, supplierId: true } })
  const visible = new Set<string>()
  for (const supplierId of new Set(keys.map((k) => k.supplierId))) {
    for (const k of await listApiKeys(deps, viewer, supplierId).catch(() => [])) visible.add(k.id)
  }
  const span = Math.min(Math.max(Math.trunc(days), 1), 90)
  const today = new Date(`${dayOf(deps.clock.now())}T00:00:00Z`)
  const from = new Date(today.getTime() - (span - 1) * 86_400_000)
  const rows = await deps.db.apiKeyUsage.findMany({ where: { keyId: { in: [...visible] }, day: { gte: from } } })
  const byKeyDay = new Map(rows.map((r) => [`${r.keyId} ${dayOf(r.day)}`, r]))
  return new Map(
    [...visible].map((keyId) => [
      keyId,
      Array.from({ length: span }, (_, i) => {
        const day = dayOf(new Date(from.getTime() + i * 86_400_000))
        const r = byKeyDay.get(`${keyId} ${day}`)
        return { day, requests: r?.requests ?? 0, cost: r?.cost ?? 0, throttled: r?.throttled ?? 0 }
      }),
    ]),
  )
}
