// One context for HTTP and WebSocket operations. Resolvers get their dependencies from
// here and pass them to domain functions; nothing reaches for a singleton.
import { randomUUID } from 'node:crypto'
import type { Db } from '@rapport/db'
import type { PubSub } from '@rapport/realtime'
import type { Logger } from './logger.ts'
import type { Topics } from './topics.ts'

export type Services = {
  db: Db
  pubsub: PubSub<Topics>
  logger: Logger
}

export type Context = {
  db: Db['prisma']
  pubsub: PubSub<Topics>
  logger: Logger
  requestId: string
  transport: 'http' | 'ws'
}

export function createContext(services: Services, opts: { transport: 'http' | 'ws'; requestId?: string }): Context {
  const requestId = opts.requestId ?? randomUUID()
  return {
    db: services.db.prisma,
    pubsub: services.pubsub,
    logger: services.logger.child({ requestId }),
    requestId,
    transport: opts.transport,
  }
}
