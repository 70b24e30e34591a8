// Scopes and cost for API keys, around every operation (models: Shopify's calculated query
// cost, GitHub's rate-limit object). Before execution: the key's scopes, then the operation's
// estimated cost poured into the key's bucket — over budget is THROTTLED with the wait, and
// nothing runs. After: the bucket is charged the actual cost (the estimate assumes full pages),
// and every answer to a key carries `extensions.cost` and rate-limit headers, refusals included.
import type { ApiKeyGrant } from '@rapport/core'
import { isApiKeyToken, isTrustedDocument } from '@rapport/partners'
import { LRUCache } from 'lru-cache'
import { GraphQLError, type DocumentNode } from 'graphql'
import type { Context } from '../../context.ts'
import { actualCost, operationCost } from '../../limits.ts'
import type { OperationHooks, Services } from '../module.ts'
import { documentHash } from './documents.ts'
import { scopeRefusal } from './field-scopes.ts'

type Charge = { requested: number; available: number; throttled: boolean; refused?: boolean }

export type CostExtension = {
  requestedQueryCost: number
  actualQueryCost: number
  throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number }
}

export function keyCostHooks(services: Services): OperationHooks {
  const { costBuckets, keyUsage, clock } = services
  // Registered documents are never unregistered: a "yes" may be kept (a "no" is asked again).
  const trusted = new LRUCache<string, true>({ max: 10_000 })
  async function requireTrusted(key: ApiKeyGrant, document: DocumentNode) {
    const hash = documentHash(document)
    const id = `${key.partnerId}:${hash}`
    if (trusted.get(id)) return
    if (!(await isTrustedDocument({ db: services.db.prisma }, key.partnerId, hash)))
      throw new GraphQLError(`This key runs registered documents only, and this one (sha256 ${hash}) is not registered. Register it with registerTrustedDocuments.`, {
        extensions: { code: 'UNTRUSTED_DOCUMENT', hash, http: { status: 403 } },
      })
    trusted.set(id, true)
  }
  // By context: an operation has one context, from willExecute to willRespond (WebSocket operations each have their own).
  const charges = new WeakMap<Context, Charge>()
  return {
    async willExecute(ctx, op) {
      // A key that no longer works is refused, not served as an anonymous caller: a partner
      // whose key was revoked must hear so, not get public data and wonder where the rest went.
      if (!ctx.viewer && isApiKeyToken(ctx.token))
        throw new GraphQLError('This API key is not valid: it was revoked, has expired, or does not exist.', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } })
      const key = ctx.viewer?.apiKey
      if (!key) return
      const refused = scopeRefusal(op.schema, op.document, key.scopes)
      if (refused) throw refused
      if (key.trustedDocumentsOnly) await requireTrusted(key, op.document)
      const requested = Math.max(1, operationCost(op.schema, op.document, op.variables, op.operationName) ?? 1)
      // Waiting would never help: say so, rather than THROTTLED with a wait that ends in THROTTLED again.
      if (requested > key.bucket.size) {
        charges.set(ctx, { requested, available: (await costBuckets.take(key.id, 0, key.bucket)).available, throttled: false, refused: true })
        throw new GraphQLError(
          `This operation costs ${requested} points, more than this key's bucket holds (${key.bucket.size}). Ask for less (smaller pages, fewer fields), or raise the key's bucket size.`,
          { extensions: { code: 'QUERY_TOO_COSTLY', cost: requested, limit: key.bucket.size, http: { status: 400 } } },
        )
      }
      const state = await costBuckets.take(key.id, requested, key.bucket)
      charges.set(ctx, { requested, available: state.available, throttled: !state.allowed })
      if (state.allowed) return
      const retryAfterSeconds = Math.ceil(state.waitMs / 1000)
      throw new GraphQLError(
        `Throttled: this operation costs ${requested} points and the key's bucket has ${state.available} of ${key.bucket.size} (restoring ${key.bucket.restoreRate}/s). Try again in ${retryAfterSeconds} s, or ask for less (smaller pages, fewer fields).`,
        { extensions: { code: 'THROTTLED', retryAfterSeconds, waitMs: state.waitMs, http: { status: 429 } } },
      )
    },
    respondsTo: (ctx) => !!ctx.viewer?.apiKey,
    async willRespond(ctx, op, response) {
      const key = ctx.viewer?.apiKey
      if (!key) return
      const charge = charges.get(ctx)
      let available: number
      let actual = 0
      if (charge && !charge.throttled && !charge.refused) {
        // Mutations cost what was asked (their work is done whatever they return); queries what they returned.
        actual = op?.type === 'query' ? Math.min(charge.requested, actualCost(response.data)) : charge.requested
        available = actual < charge.requested ? await costBuckets.adjust(key.id, actual - charge.requested, key.bucket) : charge.available
      } else {
        // Refused before it could run (invalid, out of scope, throttled): costs nothing, still reported.
        available = charge?.available ?? (await costBuckets.take(key.id, 0, key.bucket)).available
      }
      keyUsage.record(key.id, clock.now(), { cost: actual, throttled: !!charge?.throttled })
      const cost: CostExtension = {
        requestedQueryCost: charge?.requested ?? 0,
        actualQueryCost: actual,
        throttleStatus: { maximumAvailable: key.bucket.size, currentlyAvailable: available, restoreRate: key.bucket.restoreRate },
      }
      response.extensions.cost = cost
      setRateLimitHeaders(response.setHeader, key, available, actual, clock.now())
      if (charge?.throttled) {
        const wait = response.errors.find((e) => e.extensions?.code === 'THROTTLED')?.extensions?.retryAfterSeconds
        if (wait !== undefined) response.setHeader('retry-after', String(wait))
      }
    },
  }
}

/** GitHub's names: limit, remaining, used, and reset (when the bucket is full again, Unix seconds). */
function setRateLimitHeaders(set: (name: string, value: string) => void, key: ApiKeyGrant, available: number, used: number, now: Date) {
  const secondsToFull = Math.ceil((key.bucket.size - available) / key.bucket.restoreRate)
  set('x-ratelimit-limit', String(key.bucket.size))
  set('x-ratelimit-remaining', String(available))
  set('x-ratelimit-used', String(used))
  set('x-ratelimit-restore-rate', String(key.bucket.restoreRate))
  set('x-ratelimit-reset', String(Math.ceil(now.getTime() / 1000) + secondsToFull))
}
