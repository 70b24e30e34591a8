// POST /stats: the web app's server adds its routes' and its visitors' browsers' timings (it
// counts them per minute, as the gateway does). Only with the shared WEB_PROXY_SECRET: without
// one configured, the web app keeps its timings to itself.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { BUCKET_COUNT, saveStats, STATS_LIMITS } from '@rapport/stats'
import { z } from 'zod'
import { readBody } from '../../http-body.ts'
import type { HttpRoute, HttpTools, Services } from '../module.ts'

const count = z.number().int().min(0).max(10_000_000)
const row = z
  .object({
    // The gateway times GraphQL operations itself; the web app sends only its own sources.
    source: z.enum(['route', 'page-load', 'lcp']),
    name: z.string().min(1).max(STATS_LIMITS.nameLength),
    minute: z.string().datetime(),
    count: count.min(1),
    errors: count,
    buckets: z.array(count).length(BUCKET_COUNT),
  })
  .refine((r) => r.errors <= r.count && r.buckets.reduce((a, b) => a + b, 0) === r.count, 'errors and buckets must add up to count')
const body = z.object({ rows: z.array(row).max(2_000) })

export function statsRoutes(services: Pick<Services, 'db' | 'clock'>): HttpRoute[] {
  async function handle(req: IncomingMessage, res: ServerResponse, _url: URL, http: HttpTools) {
    if (req.method !== 'POST' || !http.fromWebApp(req)) return http.sendError(res, { message: 'Not found.', code: 'NOT_FOUND' })
    const raw = await readBody(req, 4 * 1024 * 1024)
    let parsed: z.infer<typeof body>
    try {
      parsed = body.parse(JSON.parse(raw ?? ''))
    } catch {
      return http.sendError(res, { message: 'Send { rows: [...] } as counted by @rapport/stats.', code: 'BAD_REQUEST' })
    }
    const now = services.clock.now().getTime()
    // Minutes from the future or past the longest window say nothing true; they are dropped.
    const rows = parsed.rows
      .map((r) => ({ ...r, minute: new Date(r.minute) }))
      .filter((r) => r.minute.getTime() <= now + 120_000 && r.minute.getTime() > now - STATS_LIMITS.keepMinutes * 60_000)
    await saveStats(services.db.prisma, rows, services.clock.now())
    http.sendJson(res, 202, { saved: rows.length })
  }
  return [{ path: '/stats', handle }]
}
