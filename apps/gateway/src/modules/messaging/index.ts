// Messaging: conversations, messages, the team inbox and response metrics, live.
import { defineModule } from '../module.ts'
import { messagingServices } from './services.ts'
import './types.ts'
import './queries.ts'
import './mutations.ts'
import './bulk-actions.ts'
import './access-log.ts'
import './internal-notes.ts'
import './search.ts'
import './subscriptions.ts'
import './relationship.ts'
import './limits.ts'

export const messaging = defineModule({ name: 'messaging', services: messagingServices })
