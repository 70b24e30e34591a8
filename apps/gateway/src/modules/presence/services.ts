import { createPresence, type Presence } from '@rapport/realtime'
import type { ServiceSetup } from '../../shared-services.ts'

declare module '../../shared-services.ts' {
  interface ModuleServices {
    /** Open connections per user: in memory, or a Redis hash every gateway shares. */
    presence: Presence
  }
}

export function presenceServices({ redis, prefix }: ServiceSetup) {
  return { presence: createPresence({ redis, prefix }) }
}
