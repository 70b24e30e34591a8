// Presence: who is online. Its services count connections; its socket hooks announce a person
// coming online with their first socket and going offline with their last.
import { defineModule } from '../module.ts'
import { announcePresence, keepPresenceLease } from './presence.ts'
import { presenceServices } from './services.ts'
import './schema.ts'

export const presence = defineModule({
  name: 'presence',
  services: presenceServices,
  attach: (services) => {
    const lease = keepPresenceLease(services)
    return {
      sockets: {
        opened: (s) => announcePresence(services, s.userId, s.teams, true),
        closed: (s) => announcePresence(services, s.userId, s.teams, false),
      },
      close: () => lease.close(),
    }
  },
})
