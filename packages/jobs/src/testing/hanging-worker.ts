// A worker process for the crash test (jobs.test.ts): takes one job of `test-crash`, writes its
// effect inside the run's transaction, says so on stdout, and then hangs until it is killed.
import { systemClock } from '@rapport/core'
import { createDb } from '@rapport/db'
import { createJobs, jobKind } from '../index.ts'

const kind = jobKind<{ key: string }>({ name: 'test-crash', leaseSeconds: 2, retryLimit: 3, retryDelaySeconds: 1 })
const db = await createDb(process.env.DATABASE_URL)
const jobs = createJobs(db, { clock: systemClock, supervise: false })
await jobs.start([kind])
await jobs.work(kind, async ({ data, tx }) => {
  await tx.$executeRaw`INSERT INTO job_effect (key) VALUES (${data.key + '-killed'})`
  console.log('RUNNING')
  await new Promise(() => {})
})
console.log('READY')
