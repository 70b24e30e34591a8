// The gateway's domains. Adding one: its package in packages/, its folder here (schema files,
// services.ts, deps adapter, routes), and one line in this list. See ARCHITECTURE.md.
import { attachments } from './attachments/index.ts'
import { catalog } from './catalog/index.ts'
import { identity } from './identity/index.ts'
import { messaging } from './messaging/index.ts'
import { moderation } from './moderation/index.ts'
import type { GatewayModule } from './module.ts'
import { presence } from './presence/index.ts'
import { privacy } from './privacy/index.ts'
import { notifications } from './notifications/index.ts'
import { partners } from './partners/index.ts'
import { relationships } from './relationships/index.ts'
import { reviews } from './reviews/index.ts'
import { stats } from './stats/index.ts'

export const modules: readonly GatewayModule[] = [identity, catalog, reviews, messaging, presence, attachments, moderation, notifications, relationships, partners, privacy, stats]
