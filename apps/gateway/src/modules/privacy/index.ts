// Privacy: a person's data archive (built by a job, downloaded once) and deleting their account.
// Rules in @rapport/privacy.
import { defineModule } from '../module.ts'
import { privacyJobs } from './jobs.ts'
import { privacyRoutes } from './routes.ts'
import './schema.ts'

export const privacy = defineModule({
  name: 'privacy',
  attach: () => ({ routes: privacyRoutes() }),
  jobs: privacyJobs,
})
