// The modules' job queues in one gateway process: every process creates the queues (it may
// enqueue), and runs their workers unless told not to (scale-out can give workers their own
// processes: JOB_WORKERS=off on the gateways, `npm run worker -w @rapport/gateway` beside them).
import { modules } from './modules/index.ts'
import type { Services } from './shared-services.ts'

export async function startJobWorkers(services: Services, run: boolean): Promise<void> {
  const workers = modules.flatMap((m) => m.jobs?.(services) ?? [])
  await services.jobs.start(workers.map((w) => w.kind))
  if (!run) return
  for (const w of workers) await services.jobs.work(w.kind, w.handle, w.options)
}
