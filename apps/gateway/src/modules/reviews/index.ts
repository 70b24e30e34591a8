// Reviews: verified buyers review delivered orders; anyone reads them, with rating summaries.
import { defineModule } from '../module.ts'
import './errors.ts'
import './types.ts'
import './mutations.ts'
import './responses.ts'
import './subscriptions.ts'
import './orders.ts'

export const reviews = defineModule({ name: 'reviews' })
