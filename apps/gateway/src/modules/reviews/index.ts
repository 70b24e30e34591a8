// Reviews and public Q&A: verified buyers review delivered orders, anyone asks and answers product
// questions; anyone reads them, with rating summaries; the supplier's team follows both live.
import { defineModule } from '../module.ts'
import { reviewEventNotifyWorker } from './event-job.ts'
import './errors.ts'
import './types.ts'
import './mutations.ts'
import './responses.ts'
import './subscriptions.ts'
import './orders.ts'
import './questions.ts'
import './proposals.ts'
import './invitations.ts'

export const reviews = defineModule({ name: 'reviews', jobs: (services) => [reviewEventNotifyWorker(services)] })
