// Identity: accounts, sessions and supplier teams.
import { defineModule } from '../module.ts'
import { identityServices } from './services.ts'
import { watchSessions } from './sessions.ts'
import './types.ts'
import './team.ts'
import './mutations.ts'
import './invitation-preview.ts'

export const identity = defineModule({ name: 'identity', services: identityServices, attach: watchSessions })
